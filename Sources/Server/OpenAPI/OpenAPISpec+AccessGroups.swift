extension OpenAPISpec {
    /// Model access groups (the virtual-keys plugin).
    static let accessGroups = """
        paths:
          "/access_group/new":
            post:
              tags: [Access groups]
              summary: "Create an access group: a name for a set of models keys and teams can be granted."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [access_group]
                      properties:
                        access_group: {type: string}
                        model_names: {type: array, items: {type: string}}
                        model_ids: {type: array, items: {type: string}}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/access_group/{access_group}/update":
            put:
              tags: [Access groups]
              summary: "Change an access group."
              parameters:
                - {name: access_group, in: path, required: true, schema: {type: string}}
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        model_names: {type: array, items: {type: string}}
                        model_ids: {type: array, items: {type: string}}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/access_group/{access_group}/delete":
            delete:
              tags: [Access groups]
              summary: "Delete an access group."
              parameters:
                - {name: access_group, in: path, required: true, schema: {type: string}}
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/access_group/{access_group}/info":
            get:
              tags: [Access groups]
              summary: "An access group."
              parameters:
                - {name: access_group, in: path, required: true, schema: {type: string}}
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/access_group/list":
            get:
              tags: [Access groups]
              summary: "Access groups."
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {type: object, required: [access_groups], properties: {access_groups: {type: array, items: {type: object}}}}}
          "/access_group/update":
            post:
              tags: [Access groups]
              summary: "Change an access group (named in the body)."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [access_group]
                      properties:
                        access_group: {type: string}
                        model_names: {type: array, items: {type: string}}
                        model_ids: {type: array, items: {type: string}}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/access_group/delete":
            post:
              tags: [Access groups]
              summary: "Delete an access group (named in the body)."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [access_group]
                      properties:
                        access_group: {type: string}
                      additionalProperties: true
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
          "/access_group/info":
            get:
              tags: [Access groups]
              summary: "An access group (named in the query)."
              parameters:
                - {name: access_group, in: query, required: true, schema: {type: string}}
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AnyObject"}}
        """
}
