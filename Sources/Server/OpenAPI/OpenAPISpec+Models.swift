extension OpenAPISpec {
    /// Deployments at runtime and model information (the model-management plugin).
    static let models = """
        paths:
          "/model/new":
            post:
              tags: [Models]
              summary: "Add a deployment at runtime (credentials encrypted at rest; docs/models-at-runtime.md)."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [model_name, litellm_params]
                      properties:
                        model_name: {type: string}
                        litellm_params: {type: object}
                        model_info: {type: object}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/model/update":
            post:
              tags: [Models]
              summary: "Change a runtime deployment (`model_info.id`)."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        model_name: {type: string}
                        litellm_params: {type: object}
                        model_info: {type: object}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/model/{id}/update":
            patch:
              tags: [Models]
              summary: "Change a runtime deployment by id."
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        model_name: {type: string}
                        litellm_params: {type: object}
                        model_info: {type: object}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/model/delete":
            post:
              tags: [Models]
              summary: "Delete a runtime deployment (`id`)."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [id]
                      properties:
                        id: {type: string}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/model/info":
            get:
              tags: [Models]
              summary: "Deployments the caller may see, credentials redacted."
              parameters:
                - {name: litellm_model_id, in: query, required: false, schema: {type: string}}
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {type: object, required: [data], properties: {data: {type: array, items: {type: object}}}}}
          "/v1/model/info":
            get:
              tags: [Models]
              summary: "Deployments (the same as /model/info)."
              parameters:
                - {name: litellm_model_id, in: query, required: false, schema: {type: string}}
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {type: object, required: [data], properties: {data: {type: array, items: {type: object}}}}}
          "/v2/model/info":
            get:
              tags: [Models]
              summary: "Deployments, paged and searchable."
              parameters:
                - {name: page, in: query, required: false, schema: {type: integer, minimum: 0}}
                - {name: size, in: query, required: false, schema: {type: integer, minimum: 0}}
                - {name: search, in: query, required: false, schema: {type: string}}
                - {name: model_id, in: query, required: false, schema: {type: string}}
                - {name: team_id, in: query, required: false, schema: {type: string}}
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {type: object, required: [data], properties: {data: {type: array, items: {type: object}}, total_count: {type: integer}, current_page: {type: integer}, total_pages: {type: integer}, size: {type: integer}}}}
          "/model_group/info":
            get:
              tags: [Models]
              summary: "Model groups: each public model name with its providers, prices and capabilities."
              parameters:
                - {name: model_group, in: query, required: false, schema: {type: string}}
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {type: object, required: [data], properties: {data: {type: array, items: {type: object}}}}}
        """
}
