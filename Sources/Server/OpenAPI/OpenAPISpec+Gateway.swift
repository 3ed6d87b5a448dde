extension OpenAPISpec {
    /// The model list (OpenAI's `/v1/models`).
    static let openAIModels = """
        paths:
          /v1/models:
            get: &models
              tags: [OpenAI]
              summary: The model names the caller may use (with `only_model_access_groups=true`, the access groups instead).
              parameters:
                - {name: only_model_access_groups, in: query, required: false, schema: {type: string, enum: ["true", "false"]}}
              responses:
                "200":
                  description: OpenAI's list shape.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [object, data]
                        properties:
                          object: {type: string, enum: [list]}
                          data:
                            type: array
                            items:
                              type: object
                              required: [id, object]
                              properties: {id: {type: string}, object: {type: string}, created: {type: integer}, owned_by: {type: string}}
          /models: {get: *models}
        """

    /// Probes, the route list, metrics, and this document.
    static let health = """
        paths:
          /health/liveliness:
            get: &alive
              tags: [Health]
              summary: The process answers (always 200). For load balancers; no key.
              security: []
              responses:
                "200": {description: "Alive.", content: {application/json: {schema: {type: string}}}}
          /health/liveness: {get: *alive}
          /health/readiness:
            get:
              tags: [Health]
              summary: "Whether the store can serve: 200, else 503 with `status: unhealthy` and the reason. No key."
              security: []
              responses:
                "200": {description: Ready., content: {application/json: {schema: {$ref: "#/components/schemas/Readiness"}}}}
                "503": {description: Not ready., content: {application/json: {schema: {$ref: "#/components/schemas/Readiness"}}}}
          /health:
            get:
              tags: [Health]
              summary: "Each deployment's last health check (the routing plugin); `refresh=true` checks them all again."
              parameters: [{name: refresh, in: query, required: false, schema: {type: string, enum: ["true", "false"]}}]
              responses:
                "200":
                  description: Healthy and unhealthy deployments.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [healthy_endpoints, unhealthy_endpoints, healthy_count, unhealthy_count]
                        properties:
                          healthy_endpoints: {type: array, items: {type: object}}
                          unhealthy_endpoints: {type: array, items: {type: object}}
                          healthy_count: {type: integer}
                          unhealthy_count: {type: integer}
          /routing/deployments:
            get:
              tags: [Health]
              summary: "Each deployment's routing state now (the routing plugin): cooling down or not, and its last health result; probes nothing."
              responses:
                "200":
                  description: One entry per deployment; `health` is null for one never checked.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [deployments]
                        properties:
                          deployments:
                            type: array
                            items:
                              type: object
                              required: [model_id, model_name, cooling_down, health]
                              properties:
                                model_id: {type: string}
                                model_name: {type: string}
                                cooling_down: {type: boolean}
                                health: {type: [object, "null"]}
          /routes:
            get:
              tags: [Health]
              summary: Every route this gateway serves, with its methods.
              responses:
                "200":
                  description: The routes, sorted by path.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [routes]
                        properties:
                          routes:
                            type: array
                            items:
                              type: object
                              required: [path, methods]
                              properties: {path: {type: string}, methods: {type: array, items: {type: string}}}
          /metrics:
            get:
              tags: [Health]
              summary: "Prometheus metrics in the text format (the prometheus plugin; a key unless `require_auth` is false)."
              responses:
                "200": {description: The exposition., content: {text/plain: {schema: {type: string}}}}
          /openapi.json:
            get:
              tags: [Health]
              summary: This document. No key.
              security: []
              responses:
                "200": {description: OpenAPI 3.1., content: {application/json: {schema: {type: object}}}}
          /docs:
            get:
              tags: [Health]
              summary: This document as an HTML page. No key.
              security: []
              responses:
                "200": {description: The reference page., content: {text/html: {schema: {type: string}}}}
        components:
          schemas:
            Readiness:
              type: object
              required: [status]
              properties:
                status: {type: string, enum: [connected, healthy, unhealthy]}
                db: {type: string}
                storage: {type: string}
                state: {type: string, enum: [ready, connecting, migrating, unreachable]}
                since: {type: string}
                reason: {type: string}
                tollgate_version: {type: string}
                litellm_version: {type: string}
                cache: {type: "null"}
                last_updated: {type: string}
        """
}
