extension OpenAPISpec {
    /// Teams and their members (the virtual-keys plugin).
    static let teams = """
        paths:
          "/team/new":
            post:
              tags: [Teams]
              summary: "Create a team (its id, models, budget and limits, members)."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        team_id: {type: string}
                        team_alias: {type: string}
                        organization_id: {type: string}
                        models: {type: array, items: {type: string}}
                        max_budget: {type: number, minimum: 0}
                        soft_budget: {type: number, minimum: 0}
                        budget_duration: {type: string}
                        rpm_limit: {type: integer, minimum: 0}
                        tpm_limit: {type: integer, minimum: 0}
                        max_parallel_requests: {type: integer, minimum: 0}
                        metadata: {type: object}
                        model_aliases: {type: object}
                        members_with_roles: {type: array, items: {type: object}}
                        blocked: {type: boolean}
                        budget_id: {type: string}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {type: object, required: [team_id], properties: {team_id: {type: string}, team_alias: {type: [string, "null"]}}}}
          "/team/update":
            post:
              tags: [Teams]
              summary: "Change a team (proxy admins, or a team admin for their own team)."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [team_id]
                      properties:
                        team_id: {type: string}
                        team_alias: {type: string}
                        organization_id: {type: string}
                        models: {type: array, items: {type: string}}
                        max_budget: {type: number, minimum: 0}
                        soft_budget: {type: number, minimum: 0}
                        budget_duration: {type: string}
                        rpm_limit: {type: integer, minimum: 0}
                        tpm_limit: {type: integer, minimum: 0}
                        max_parallel_requests: {type: integer, minimum: 0}
                        metadata: {type: object}
                        model_aliases: {type: object}
                        members_with_roles: {type: array, items: {type: object}}
                        blocked: {type: boolean}
                        budget_id: {type: string}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/team/delete":
            post:
              tags: [Teams]
              summary: "Delete teams (`team_ids`) and their keys."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [team_ids]
                      properties:
                        team_ids: {type: array, items: {type: string}}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/team/info":
            get:
              tags: [Teams]
              summary: "A team: settings, spend, members, keys."
              parameters:
                - {name: team_id, in: query, required: true, schema: {type: string}}
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {type: object, required: [team_id], properties: {team_id: {type: string}, team_info: {type: object}, keys: {type: array, items: {type: object}}}}}
          "/team/list":
            get:
              tags: [Teams]
              summary: "Teams the caller may see."
              parameters:
                - {name: user_id, in: query, required: false, schema: {type: string}}
                - {name: organization_id, in: query, required: false, schema: {type: string}}
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {type: array, items: {type: object}}}
          "/team/member_add":
            post:
              tags: [Teams]
              summary: "Add members (`member`: one or a list of {user_id or user_email, role})."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [team_id, member]
                      properties:
                        team_id: {type: string}
                        member: {type: object}
                        max_budget_in_team: {type: number, minimum: 0}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/team/member_delete":
            post:
              tags: [Teams]
              summary: "Remove a member."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [team_id]
                      properties:
                        team_id: {type: string}
                        user_id: {type: string}
                        user_email: {type: string}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/team/member_update":
            post:
              tags: [Teams]
              summary: "Change a member's role or budget in the team."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [team_id]
                      properties:
                        team_id: {type: string}
                        user_id: {type: string}
                        user_email: {type: string}
                        role: {type: string}
                        max_budget_in_team: {type: number, minimum: 0}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/team/block":
            post:
              tags: [Teams]
              summary: "Block a team: its keys' calls answer 403."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [team_id]
                      properties:
                        team_id: {type: string}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/team/unblock":
            post:
              tags: [Teams]
              summary: "Unblock a team."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [team_id]
                      properties:
                        team_id: {type: string}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/team/model/add":
            post:
              tags: [Teams]
              summary: "Add models to a team's list."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [team_id, models]
                      properties:
                        team_id: {type: string}
                        models: {type: array, items: {type: string}}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/team/model/delete":
            post:
              tags: [Teams]
              summary: "Remove models from a team's list."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [team_id, models]
                      properties:
                        team_id: {type: string}
                        models: {type: array, items: {type: string}}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
        """
}
