extension OpenAPISpec {
    /// Versioned guardrail policies (the policies plugin).
    static let policies = """
        paths:
          "/policies":
            post:
              tags: [Policies]
              summary: "Create a policy (a named, versioned set of guardrails; docs/guardrails.md)."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [policy_name]
                      properties:
                        policy_name: {type: string}
                        guardrails: {type: array, items: {type: string}}
                        description: {type: string}
                        inherit: {type: string}
                        conditions: {type: string}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/policies/list":
            get:
              tags: [Policies]
              summary: "Policies, filtered by version status."
              parameters:
                - {name: version_status, in: query, required: false, schema: {type: string}}
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {type: object, required: [policies], properties: {policies: {type: array, items: {type: object}}, total_count: {type: integer}}}}
          "/policies/compare":
            get:
              tags: [Policies]
              summary: "The differences between two versions."
              parameters:
                - {name: version_a, in: query, required: true, schema: {type: string}}
                - {name: version_b, in: query, required: true, schema: {type: string}}
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/policies/{policy_id}":
            get:
              tags: [Policies]
              summary: "One policy version."
              parameters:
                - {name: policy_id, in: path, required: true, schema: {type: string}}
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
            put:
              tags: [Policies]
              summary: "Change a draft version."
              parameters:
                - {name: policy_id, in: path, required: true, schema: {type: string}}
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        policy_name: {type: string}
                        guardrails: {type: array, items: {type: string}}
                        description: {type: string}
                        inherit: {type: string}
                        conditions: {type: string}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
            delete:
              tags: [Policies]
              summary: "Delete a version."
              parameters:
                - {name: policy_id, in: path, required: true, schema: {type: string}}
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/policies/{policy_id}/status":
            put:
              tags: [Policies]
              summary: "Publish a version to production (or back to draft)."
              parameters:
                - {name: policy_id, in: path, required: true, schema: {type: string}}
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [version_status]
                      properties:
                        version_status: {type: string}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/policies/{policy_id}/shadow":
            put:
              tags: [Policies]
              summary: "Run a version in shadow mode (logged, not enforced)."
              parameters:
                - {name: policy_id, in: path, required: true, schema: {type: string}}
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [enabled]
                      properties:
                        enabled: {type: boolean}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/policies/{policy_id}/resolved-guardrails":
            get:
              tags: [Policies]
              summary: "The guardrails a version applies, inheritance resolved."
              parameters:
                - {name: policy_id, in: path, required: true, schema: {type: string}}
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/policies/name/{policy_name}/versions":
            get:
              tags: [Policies]
              summary: "A policy's versions."
              parameters:
                - {name: policy_name, in: path, required: true, schema: {type: string}}
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
            post:
              tags: [Policies]
              summary: "A new draft version (from production, or from `source_policy_id`)."
              parameters:
                - {name: policy_name, in: path, required: true, schema: {type: string}}
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        source_policy_id: {type: string}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/policies/name/{policy_name}/all-versions":
            delete:
              tags: [Policies]
              summary: "Delete a policy and all its versions."
              parameters:
                - {name: policy_name, in: path, required: true, schema: {type: string}}
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/policies/resolve":
            post:
              tags: [Policies]
              summary: "Which policies and guardrails apply to a request context (key, team, model, tags)."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        key: {type: string}
                        key_alias: {type: string}
                        team_id: {type: string}
                        model: {type: string}
                        tags: {type: array, items: {type: string}}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
        """
}
