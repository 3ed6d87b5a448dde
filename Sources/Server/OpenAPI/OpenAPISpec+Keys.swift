extension OpenAPISpec {
    /// Virtual keys (the virtual-keys plugin).
    static let keys = """
        paths:
          "/key/generate":
            post:
              tags: [Keys]
              summary: "Create a virtual key (a team or user key, with models, budgets, limits, allowed routes)."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        key_alias: {type: string}
                        team_id: {type: string}
                        user_id: {type: string}
                        organization_id: {type: string}
                        project_id: {type: string}
                        models: {type: array, items: {type: string}}
                        max_budget: {type: number, minimum: 0}
                        soft_budget: {type: number, minimum: 0}
                        budget_duration: {type: string}
                        rpm_limit: {type: integer, minimum: 0}
                        tpm_limit: {type: integer, minimum: 0}
                        max_parallel_requests: {type: integer, minimum: 0}
                        allowed_routes: {type: array, items: {type: string}}
                        access_group_ids: {type: array, items: {type: string}}
                        metadata: {type: object}
                        expires: {type: [string, "null"]}
                        duration: {type: string}
                        aliases: {type: object}
                        guardrails: {type: array, items: {type: string}}
                        blocked: {type: boolean}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {type: object, required: [key, token], properties: {key: {type: string, description: "The secret, shown once."}, token: {type: string, description: "Its hash: the id other routes take."}, key_alias: {type: [string, "null"]}, team_id: {type: [string, "null"]}, user_id: {type: [string, "null"]}, models: {type: array, items: {type: string}}, max_budget: {type: [number, "null"]}, spend: {type: number}}}}
          "/key/update":
            post:
              tags: [Keys]
              summary: "Change a key (named by `key`: the secret or its hash)."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [key]
                      properties:
                        key: {type: string}
                        key_alias: {type: string}
                        team_id: {type: string}
                        user_id: {type: string}
                        organization_id: {type: string}
                        project_id: {type: string}
                        models: {type: array, items: {type: string}}
                        max_budget: {type: number, minimum: 0}
                        soft_budget: {type: number, minimum: 0}
                        budget_duration: {type: string}
                        rpm_limit: {type: integer, minimum: 0}
                        tpm_limit: {type: integer, minimum: 0}
                        max_parallel_requests: {type: integer, minimum: 0}
                        allowed_routes: {type: array, items: {type: string}}
                        access_group_ids: {type: array, items: {type: string}}
                        metadata: {type: object}
                        expires: {type: [string, "null"]}
                        duration: {type: string}
                        aliases: {type: object}
                        guardrails: {type: array, items: {type: string}}
                        blocked: {type: boolean}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/key/delete":
            post:
              tags: [Keys]
              summary: "Delete keys by secret/hash (`keys`) or alias (`key_aliases`)."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        keys: {type: array, items: {type: string}}
                        key_aliases: {type: string}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/key/info":
            get:
              tags: [Keys]
              summary: "A key's settings and spend (a key may read itself)."
              parameters:
                - {name: key, in: query, required: false, schema: {type: string}}
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {type: object, required: [key, info], properties: {key: {type: string}, info: {type: object, properties: {spend: {type: number}, key_alias: {type: [string, "null"]}, team_id: {type: [string, "null"]}, max_budget: {type: [number, "null"]}}}}}}
          "/key/list":
            get:
              tags: [Keys]
              summary: "Keys, paged; filtered by team, user, alias or organization."
              parameters:
                - {name: page, in: query, required: false, schema: {type: integer, minimum: 0}}
                - {name: size, in: query, required: false, schema: {type: integer, minimum: 0}}
                - {name: team_id, in: query, required: false, schema: {type: string}}
                - {name: user_id, in: query, required: false, schema: {type: string}}
                - {name: key_alias, in: query, required: false, schema: {type: string}}
                - {name: organization_id, in: query, required: false, schema: {type: string}}
                - {name: return_full_object, in: query, required: false, schema: {type: boolean}}
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {type: object, required: [keys], properties: {keys: {type: array, items: {type: [string, object]}}, total_count: {type: integer}, current_page: {type: integer}, total_pages: {type: integer}, size: {type: integer}}}}
          "/key/block":
            post:
              tags: [Keys]
              summary: "Block a key: its calls answer 403 until unblocked."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [key]
                      properties:
                        key: {type: string}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/key/unblock":
            post:
              tags: [Keys]
              summary: "Unblock a key."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [key]
                      properties:
                        key: {type: string}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/key/regenerate":
            post:
              tags: [Keys]
              summary: "A new secret for a key, its settings kept (the old secret stops working)."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [key]
                      properties:
                        key: {type: string}
                        key_alias: {type: string}
                        team_id: {type: string}
                        user_id: {type: string}
                        organization_id: {type: string}
                        project_id: {type: string}
                        models: {type: array, items: {type: string}}
                        max_budget: {type: number, minimum: 0}
                        soft_budget: {type: number, minimum: 0}
                        budget_duration: {type: string}
                        rpm_limit: {type: integer, minimum: 0}
                        tpm_limit: {type: integer, minimum: 0}
                        max_parallel_requests: {type: integer, minimum: 0}
                        allowed_routes: {type: array, items: {type: string}}
                        access_group_ids: {type: array, items: {type: string}}
                        metadata: {type: object}
                        expires: {type: [string, "null"]}
                        duration: {type: string}
                        aliases: {type: object}
                        guardrails: {type: array, items: {type: string}}
                        blocked: {type: boolean}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {type: object, required: [key, token], properties: {key: {type: string, description: "The secret, shown once."}, token: {type: string, description: "Its hash: the id other routes take."}, key_alias: {type: [string, "null"]}, team_id: {type: [string, "null"]}, user_id: {type: [string, "null"]}, models: {type: array, items: {type: string}}, max_budget: {type: [number, "null"]}, spend: {type: number}}}}
        """
}
