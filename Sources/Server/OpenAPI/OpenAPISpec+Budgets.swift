extension OpenAPISpec {
    /// Budget objects and the audit log (the virtual-keys plugin).
    static let budgets = """
        paths:
          "/budget/new":
            post:
              tags: [Budgets]
              summary: "Create a shared budget object (end users and organizations can be held to it)."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        budget_id: {type: string}
                        max_budget: {type: number, minimum: 0}
                        soft_budget: {type: number, minimum: 0}
                        budget_duration: {type: string}
                        rpm_limit: {type: integer, minimum: 0}
                        tpm_limit: {type: integer, minimum: 0}
                        max_parallel_requests: {type: integer, minimum: 0}
                        model_max_budget: {type: object}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/budget/update":
            post:
              tags: [Budgets]
              summary: "Change a budget."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [budget_id]
                      properties:
                        budget_id: {type: string}
                        max_budget: {type: number, minimum: 0}
                        soft_budget: {type: number, minimum: 0}
                        budget_duration: {type: string}
                        rpm_limit: {type: integer, minimum: 0}
                        tpm_limit: {type: integer, minimum: 0}
                        max_parallel_requests: {type: integer, minimum: 0}
                        model_max_budget: {type: object}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/budget/info":
            post:
              tags: [Budgets]
              summary: "Budgets by id (`budgets`: a list of ids)."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [budgets]
                      properties:
                        budgets: {type: string}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/budget/list":
            get:
              tags: [Budgets]
              summary: "Budgets."
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {type: array, items: {type: object}}}
          "/budget/delete":
            post:
              tags: [Budgets]
              summary: "Delete a budget."
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
          "/audit/logs":
            get:
              tags: [Audit]
              summary: "Changes made through the management API: who changed what, when."
              parameters:
                - {name: object_type, in: query, required: false, schema: {type: string}}
                - {name: object_id, in: query, required: false, schema: {type: string}}
                - {name: limit, in: query, required: false, schema: {type: integer, minimum: 0}}
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {type: object, required: [audit_logs], properties: {audit_logs: {type: array, items: {type: object}}, count: {type: integer}}}}
        """
}
