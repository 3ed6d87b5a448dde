extension OpenAPISpec {
    /// Internal users (the virtual-keys plugin).
    static let users = """
        paths:
          "/user/new":
            post:
              tags: [Users]
              summary: "Create a user (and, unless `auto_create_key` is false, a key for them)."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        user_id: {type: string}
                        user_email: {type: string}
                        user_role: {type: string}
                        teams: {type: array, items: {type: string}}
                        models: {type: array, items: {type: string}}
                        max_budget: {type: number, minimum: 0}
                        soft_budget: {type: number, minimum: 0}
                        budget_duration: {type: string}
                        rpm_limit: {type: integer, minimum: 0}
                        tpm_limit: {type: integer, minimum: 0}
                        max_parallel_requests: {type: integer, minimum: 0}
                        metadata: {type: object}
                        auto_create_key: {type: boolean}
                        organization_id: {type: string}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {type: object, required: [user_id], properties: {user_id: {type: string}, key: {type: [string, "null"]}}}}
          "/user/update":
            post:
              tags: [Users]
              summary: "Change a user."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        user_id: {type: string}
                        user_email: {type: string}
                        user_role: {type: string}
                        teams: {type: array, items: {type: string}}
                        models: {type: array, items: {type: string}}
                        max_budget: {type: number, minimum: 0}
                        soft_budget: {type: number, minimum: 0}
                        budget_duration: {type: string}
                        rpm_limit: {type: integer, minimum: 0}
                        tpm_limit: {type: integer, minimum: 0}
                        max_parallel_requests: {type: integer, minimum: 0}
                        metadata: {type: object}
                        auto_create_key: {type: boolean}
                        organization_id: {type: string}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/user/delete":
            post:
              tags: [Users]
              summary: "Delete users (`user_ids`) and their keys."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [user_ids]
                      properties:
                        user_ids: {type: array, items: {type: string}}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/user/info":
            get:
              tags: [Users]
              summary: "A user: settings, spend, teams, keys (a user's key may read itself)."
              parameters:
                - {name: user_id, in: query, required: false, schema: {type: string}}
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/user/list":
            get:
              tags: [Users]
              summary: "Users, paged."
              parameters:
                - {name: page, in: query, required: false, schema: {type: integer, minimum: 0}}
                - {name: page_size, in: query, required: false, schema: {type: integer, minimum: 0}}
                - {name: role, in: query, required: false, schema: {type: string}}
                - {name: team_id, in: query, required: false, schema: {type: string}}
                - {name: user_ids, in: query, required: false, schema: {type: array, items: {type: string}}}
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {type: object, required: [users], properties: {users: {type: array, items: {type: object}}, total: {type: integer}, page: {type: integer}, page_size: {type: integer}, total_pages: {type: integer}}}}
        """
}
