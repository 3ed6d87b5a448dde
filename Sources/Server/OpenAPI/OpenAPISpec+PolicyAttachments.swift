extension OpenAPISpec {
    /// Policies' attachments to keys, teams, models and tags (the policies plugin).
    static let policyAttachments = """
        paths:
          "/policies/attachments":
            post:
              tags: [Policies]
              summary: "Attach a policy to a scope (keys, teams, models, tags)."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [policy_name]
                      properties:
                        policy_name: {type: string}
                        scope: {type: object}
                        keys: {type: array, items: {type: string}}
                        teams: {type: array, items: {type: string}}
                        models: {type: array, items: {type: string}}
                        tags: {type: array, items: {type: string}}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/policies/attachments/list":
            get:
              tags: [Policies]
              summary: "Attachments."
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {type: object, required: [attachments], properties: {attachments: {type: array, items: {type: object}}, total_count: {type: integer}}}}
          "/policies/attachments/{attachment_id}":
            get:
              tags: [Policies]
              summary: "One attachment."
              parameters:
                - {name: attachment_id, in: path, required: true, schema: {type: string}}
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
            delete:
              tags: [Policies]
              summary: "Delete an attachment."
              parameters:
                - {name: attachment_id, in: path, required: true, schema: {type: string}}
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
        """
}
