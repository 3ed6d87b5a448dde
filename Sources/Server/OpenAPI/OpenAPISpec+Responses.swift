extension OpenAPISpec {
    /// OpenAI's Responses API on OpenAI's paths and Azure's.
    static let responses = """
        paths:
          /v1/responses:
            post: &create
              tags: [Responses]
              summary: Create a response (OpenAI's Responses API) with any model; stored for retrieval unless `store` is false.
              x-tollgate-llm: true
              parameters: [{$ref: "#/components/parameters/ApiVersion"}]
              requestBody:
                required: true
                content:
                  application/json:
                    example: {model: gpt-4o-mini, input: "Hello!"}
                    schema:
                      type: object
                      required: [model]
                      properties:
                        model: {type: string}
                        input: {type: [string, array]}
                        instructions: {type: string}
                        previous_response_id: {type: string}
                        stream: {type: boolean}
                        store: {type: boolean}
                        max_output_tokens: {type: integer, minimum: 1}
                        tools: {type: array, items: {type: object}}
                      additionalProperties: true
              responses:
                "200":
                  description: A response object, or with `stream` the Responses API's named server-sent events.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/Response"}}
                    text/event-stream: {schema: {$ref: "#/components/schemas/ServerSentEvent"}}
          /v1/responses/{id}:
            get: &retrieve
              tags: [Responses]
              summary: A stored response (or the provider's, for a deployment that stores its own).
              x-tollgate-llm: true
              parameters: [{$ref: "#/components/parameters/ResponseID"}, {$ref: "#/components/parameters/ApiVersion"}]
              responses:
                "200":
                  description: The response object.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/Response"}}
            delete: &delete
              tags: [Responses]
              summary: Delete a stored response.
              x-tollgate-llm: true
              parameters: [{$ref: "#/components/parameters/ResponseID"}, {$ref: "#/components/parameters/ApiVersion"}]
              responses:
                "200":
                  description: Deleted.
                  content:
                    application/json:
                      schema: {type: object, required: [id, deleted], properties: {id: {type: string}, object: {type: string}, deleted: {type: boolean}}}
          /v1/responses/{id}/input_items:
            get: &items
              tags: [Responses]
              summary: The input items of a stored response, paged (`after`, `before`, `limit`, `order`).
              x-tollgate-llm: true
              parameters:
                - {$ref: "#/components/parameters/ResponseID"}
                - {$ref: "#/components/parameters/ApiVersion"}
                - {name: limit, in: query, required: false, schema: {type: integer, minimum: 1, maximum: 100}}
                - {name: order, in: query, required: false, schema: {type: string, enum: [asc, desc]}}
                - {name: after, in: query, required: false, schema: {type: string}}
                - {name: before, in: query, required: false, schema: {type: string}}
              responses:
                "200":
                  description: A list of input items.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [object, data]
                        properties:
                          object: {type: string, enum: [list]}
                          data: {type: array, items: {type: object}}
                          first_id: {type: [string, "null"]}
                          last_id: {type: [string, "null"]}
                          has_more: {type: boolean}
          /responses: {post: *create}
          /responses/{id}: {get: *retrieve, delete: *delete}
          /responses/{id}/input_items: {get: *items}
          /openai/responses: {post: *create}
          /openai/responses/{id}: {get: *retrieve, delete: *delete}
          /openai/responses/{id}/input_items: {get: *items}
          /openai/v1/responses: {post: *create}
          /openai/v1/responses/{id}: {get: *retrieve, delete: *delete}
          /openai/v1/responses/{id}/input_items: {get: *items}
        components:
          parameters:
            ResponseID: {name: id, in: path, required: true, schema: {type: string}, description: "The response's id (resp_...)."}
          schemas:
            Response:
              type: object
              required: [id, object]
              properties:
                id: {type: string}
                object: {type: string, enum: [response]}
                created_at: {type: number}
                status: {type: string}
                model: {type: string}
                output: {type: array, items: {type: object}}
                usage: {type: [object, "null"]}
        """
}
