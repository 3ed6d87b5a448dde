extension OpenAPISpec {
    /// Organizations and projects (the virtual-keys plugin).
    static let organizations = """
        paths:
          "/organization/new":
            post:
              tags: [Organizations]
              summary: "Create an organization."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        organization_id: {type: string}
                        organization_alias: {type: string}
                        models: {type: array, items: {type: string}}
                        max_budget: {type: number, minimum: 0}
                        rpm_limit: {type: integer, minimum: 0}
                        tpm_limit: {type: integer, minimum: 0}
                        metadata: {type: object}
                        budget_id: {type: string}
                        blocked: {type: boolean}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/organization/update":
            post:
              tags: [Organizations]
              summary: "Change an organization."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [organization_id]
                      properties:
                        organization_id: {type: string}
                        organization_alias: {type: string}
                        models: {type: array, items: {type: string}}
                        max_budget: {type: number, minimum: 0}
                        rpm_limit: {type: integer, minimum: 0}
                        tpm_limit: {type: integer, minimum: 0}
                        metadata: {type: object}
                        budget_id: {type: string}
                        blocked: {type: boolean}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/organization/delete":
            post:
              tags: [Organizations]
              summary: "Delete organizations (`organization_ids`)."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [organization_ids]
                      properties:
                        organization_ids: {type: array, items: {type: string}}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
            delete:
              tags: [Organizations]
              summary: "Delete organizations (`organization_ids`), as LiteLLM answers DELETE."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [organization_ids]
                      properties:
                        organization_ids: {type: array, items: {type: string}}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/organization/info":
            get:
              tags: [Organizations]
              summary: "An organization: settings, spend, members, teams."
              parameters:
                - {name: organization_id, in: query, required: true, schema: {type: string}}
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/organization/list":
            get:
              tags: [Organizations]
              summary: "Organizations."
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {type: array, items: {type: object}}}
          "/organization/member_add":
            post:
              tags: [Organizations]
              summary: "Add members to an organization."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [organization_id, member]
                      properties:
                        organization_id: {type: string}
                        member: {type: object}
                        max_budget_in_organization: {type: number, minimum: 0}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/organization/member_update":
            patch:
              tags: [Organizations]
              summary: "Change a member's role or budget."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [organization_id]
                      properties:
                        organization_id: {type: string}
                        user_id: {type: string}
                        user_email: {type: string}
                        role: {type: string}
                        max_budget_in_organization: {type: number, minimum: 0}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/organization/member_delete":
            delete:
              tags: [Organizations]
              summary: "Remove a member."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [organization_id]
                      properties:
                        organization_id: {type: string}
                        user_id: {type: string}
                        user_email: {type: string}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/project/new":
            post:
              tags: [Projects]
              summary: "Create a project (under a team or organization)."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        project_id: {type: string}
                        project_alias: {type: string}
                        team_id: {type: string}
                        organization_id: {type: string}
                        models: {type: array, items: {type: string}}
                        max_budget: {type: number, minimum: 0}
                        metadata: {type: object}
                        blocked: {type: boolean}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/project/update":
            post:
              tags: [Projects]
              summary: "Change a project."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [project_id]
                      properties:
                        project_id: {type: string}
                        project_alias: {type: string}
                        team_id: {type: string}
                        organization_id: {type: string}
                        models: {type: array, items: {type: string}}
                        max_budget: {type: number, minimum: 0}
                        metadata: {type: object}
                        blocked: {type: boolean}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/project/delete":
            post:
              tags: [Projects]
              summary: "Delete projects (`project_ids`)."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [project_ids]
                      properties:
                        project_ids: {type: array, items: {type: string}}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/project/info":
            get:
              tags: [Projects]
              summary: "A project."
              parameters:
                - {name: project_id, in: query, required: true, schema: {type: string}}
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/project/list":
            get:
              tags: [Projects]
              summary: "Projects."
              parameters:
                - {name: team_id, in: query, required: false, schema: {type: string}}
                - {name: organization_id, in: query, required: false, schema: {type: string}}
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {type: array, items: {type: object}}}
        """
}
