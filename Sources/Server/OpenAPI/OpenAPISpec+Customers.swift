extension OpenAPISpec {
    /// End users, under /customer and /end_user (the virtual-keys plugin).
    static let customers = """
        paths:
          "/customer/new":
            post:
              tags: [End users]
              summary: "Create an end user (named by requests' `user` field) with a budget."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [user_id]
                      properties:
                        user_id: {type: string}
                        alias: {type: string}
                        max_budget: {type: number, minimum: 0}
                        budget_duration: {type: string}
                        rpm_limit: {type: integer, minimum: 0}
                        tpm_limit: {type: integer, minimum: 0}
                        max_parallel_requests: {type: integer, minimum: 0}
                        budget_id: {type: string}
                        blocked: {type: boolean}
                        metadata: {type: object}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/customer/update":
            post:
              tags: [End users]
              summary: "Change an end user."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [user_id]
                      properties:
                        user_id: {type: string}
                        alias: {type: string}
                        max_budget: {type: number, minimum: 0}
                        budget_duration: {type: string}
                        rpm_limit: {type: integer, minimum: 0}
                        tpm_limit: {type: integer, minimum: 0}
                        max_parallel_requests: {type: integer, minimum: 0}
                        budget_id: {type: string}
                        blocked: {type: boolean}
                        metadata: {type: object}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/customer/delete":
            post:
              tags: [End users]
              summary: "Delete end users (`user_ids`)."
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
          "/customer/info":
            get:
              tags: [End users]
              summary: "An end user and their spend."
              parameters:
                - {name: end_user_id, in: query, required: true, schema: {type: string}}
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/customer/list":
            get:
              tags: [End users]
              summary: "End users."
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {type: array, items: {type: object}}}
          "/customer/block":
            post:
              tags: [End users]
              summary: "Block end users (`user_ids`): their requests answer 403."
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
          "/customer/unblock":
            post:
              tags: [End users]
              summary: "Unblock end users."
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
          "/end_user/new":
            post:
              tags: [End users]
              summary: "Create an end user (named by requests' `user` field) with a budget."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [user_id]
                      properties:
                        user_id: {type: string}
                        alias: {type: string}
                        max_budget: {type: number, minimum: 0}
                        budget_duration: {type: string}
                        rpm_limit: {type: integer, minimum: 0}
                        tpm_limit: {type: integer, minimum: 0}
                        max_parallel_requests: {type: integer, minimum: 0}
                        budget_id: {type: string}
                        blocked: {type: boolean}
                        metadata: {type: object}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/end_user/update":
            post:
              tags: [End users]
              summary: "Change an end user."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [user_id]
                      properties:
                        user_id: {type: string}
                        alias: {type: string}
                        max_budget: {type: number, minimum: 0}
                        budget_duration: {type: string}
                        rpm_limit: {type: integer, minimum: 0}
                        tpm_limit: {type: integer, minimum: 0}
                        max_parallel_requests: {type: integer, minimum: 0}
                        budget_id: {type: string}
                        blocked: {type: boolean}
                        metadata: {type: object}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/end_user/delete":
            post:
              tags: [End users]
              summary: "Delete end users (`user_ids`)."
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
          "/end_user/info":
            get:
              tags: [End users]
              summary: "An end user and their spend."
              parameters:
                - {name: end_user_id, in: query, required: true, schema: {type: string}}
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/end_user/list":
            get:
              tags: [End users]
              summary: "End users."
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {type: array, items: {type: object}}}
          "/end_user/block":
            post:
              tags: [End users]
              summary: "Block end users (`user_ids`): their requests answer 403."
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
          "/end_user/unblock":
            post:
              tags: [End users]
              summary: "Unblock end users."
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
        """
}
