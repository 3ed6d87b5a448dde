extension OpenAPISpec {
    /// OpenAI's chat, completions, embeddings and rerank, with and without `/v1`, and Azure OpenAI's deployment routes.
    static let openAI = """
        paths:
          /v1/chat/completions:
            post: &chat
              tags: [OpenAI]
              summary: Chat completion (OpenAI's format), plain or streamed, to any provider.
              x-tollgate-llm: true
              requestBody: {$ref: "#/components/requestBodies/Chat"}
              responses: {"200": {$ref: "#/components/responses/Chat"}}
          /chat/completions: {post: *chat}
          /openai/deployments/{model}/chat/completions:
            post:
              tags: [Azure OpenAI]
              summary: Chat completion on Azure OpenAI's route (what the openai SDK's AzureOpenAI client calls); the deployment in the path is the model.
              x-tollgate-llm: true
              parameters: [{$ref: "#/components/parameters/Deployment"}, {$ref: "#/components/parameters/ApiVersion"}]
              requestBody: {$ref: "#/components/requestBodies/Chat"}
              responses: {"200": {$ref: "#/components/responses/Chat"}}
          /v1/completions:
            post: &completions
              tags: [OpenAI]
              summary: Text completion (OpenAI's legacy format).
              x-tollgate-llm: true
              requestBody: {$ref: "#/components/requestBodies/Completion"}
              responses: {"200": {$ref: "#/components/responses/Completion"}}
          /completions: {post: *completions}
          /openai/deployments/{model}/completions:
            post:
              tags: [Azure OpenAI]
              summary: Text completion on Azure OpenAI's route.
              x-tollgate-llm: true
              parameters: [{$ref: "#/components/parameters/Deployment"}, {$ref: "#/components/parameters/ApiVersion"}]
              requestBody: {$ref: "#/components/requestBodies/Completion"}
              responses: {"200": {$ref: "#/components/responses/Completion"}}
          /v1/embeddings:
            post: &embeddings
              tags: [OpenAI]
              summary: Embeddings of one input or many.
              x-tollgate-llm: true
              requestBody: {$ref: "#/components/requestBodies/Embeddings"}
              responses: {"200": {$ref: "#/components/responses/Embeddings"}}
          /embeddings: {post: *embeddings}
          /openai/deployments/{model}/embeddings:
            post:
              tags: [Azure OpenAI]
              summary: Embeddings on Azure OpenAI's route.
              x-tollgate-llm: true
              parameters: [{$ref: "#/components/parameters/Deployment"}, {$ref: "#/components/parameters/ApiVersion"}]
              requestBody: {$ref: "#/components/requestBodies/Embeddings"}
              responses: {"200": {$ref: "#/components/responses/Embeddings"}}
          /v1/rerank:
            post: &rerank
              tags: [Rerank]
              summary: Rerank documents against a query (Cohere's shape; docs/rerank.md).
              x-tollgate-llm: true
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [model, query, documents]
                      properties:
                        model: {type: string}
                        query: {type: string}
                        documents: {type: array, items: {oneOf: [{type: string}, {type: object}]}}
                        top_n: {type: integer, minimum: 1}
                        return_documents: {type: boolean}
              responses:
                "200":
                  description: The documents' indexes with their relevance, best first.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [results]
                        properties:
                          id: {type: string}
                          results:
                            type: array
                            items:
                              type: object
                              required: [index, relevance_score]
                              properties:
                                index: {type: integer}
                                relevance_score: {type: number}
                          meta: {type: object}
          /rerank: {post: *rerank}
          /v2/rerank: {post: *rerank}
        components:
          parameters:
            Deployment: {name: model, in: path, required: true, schema: {type: string}, example: gpt-4o-mini, description: "The Azure deployment: the model name."}
            ApiVersion: {name: api-version, in: query, required: false, schema: {type: string}, description: Accepted and not needed.}
          requestBodies:
            Chat:
              required: true
              content:
                application/json:
                  example: {model: gpt-4o-mini, messages: [{role: user, content: "Hello!"}]}
                  schema:
                    type: object
                    required: [model, messages]
                    properties:
                      model: {type: string, description: "A model_name of config.yaml (or a runtime model)."}
                      messages:
                        type: array
                        items:
                          type: object
                          required: [role]
                          properties:
                            role: {type: string, enum: [system, developer, user, assistant, tool]}
                            content: {type: [string, array, "null"]}
                      stream: {type: boolean}
                      max_tokens: {type: integer, minimum: 1}
                      temperature: {type: number}
                      tools: {type: array, items: {type: object}}
                    additionalProperties: true
            Completion:
              required: true
              content:
                application/json:
                  example: {model: gpt-4o-mini, prompt: "Say hello"}
                  schema:
                    type: object
                    required: [model, prompt]
                    properties:
                      model: {type: string}
                      prompt: {oneOf: [{type: string}, {type: array, items: {type: string}}]}
                      stream: {type: boolean}
                      max_tokens: {type: integer, minimum: 1}
                    additionalProperties: true
            Embeddings:
              required: true
              content:
                application/json:
                  example: {model: text-embedding-3-small, input: "Hello"}
                  schema:
                    type: object
                    required: [model, input]
                    properties:
                      model: {type: string}
                      input: {oneOf: [{type: string}, {type: array, items: {type: string}}]}
                      encoding_format: {type: string, enum: [float, base64]}
                      dimensions: {type: integer, minimum: 1}
                    additionalProperties: true
          responses:
            Chat:
              description: "A chat.completion object, or with `stream` server-sent chat.completion.chunk events ending with `data: [DONE]`."
              content:
                application/json: {schema: {$ref: "#/components/schemas/ChatCompletion"}}
                text/event-stream: {schema: {$ref: "#/components/schemas/ServerSentEvent"}}
            Completion:
              description: A text_completion object, or server-sent events with `stream`.
              content:
                application/json:
                  schema:
                    type: object
                    required: [object, choices]
                    properties:
                      id: {type: string}
                      object: {type: string, enum: [text_completion]}
                      model: {type: string}
                      choices: {type: array, items: {type: object, properties: {text: {type: string}, index: {type: integer}}}}
                      usage: {$ref: "#/components/schemas/Usage"}
                text/event-stream: {schema: {$ref: "#/components/schemas/ServerSentEvent"}}
            Embeddings:
              description: One embedding per input, in order.
              content:
                application/json:
                  schema:
                    type: object
                    required: [object, data]
                    properties:
                      object: {type: string, enum: [list]}
                      model: {type: string}
                      data:
                        type: array
                        items:
                          type: object
                          required: [embedding, index]
                          properties:
                            object: {type: string}
                            index: {type: integer}
                            embedding: {oneOf: [{type: array, items: {type: number}}, {type: string}]}
                      usage: {type: object}
          schemas:
            ChatCompletion:
              type: object
              required: [object, choices]
              properties:
                id: {type: string}
                object: {type: string, enum: [chat.completion]}
                created: {type: integer}
                model: {type: string}
                choices:
                  type: array
                  items:
                    type: object
                    properties:
                      index: {type: integer}
                      message: {type: object, properties: {role: {type: string}, content: {type: [string, "null"]}}}
                      finish_reason: {type: [string, "null"]}
                usage: {$ref: "#/components/schemas/Usage"}
        """
}
