extension OpenAPISpec {
    /// Anthropic's Messages API, for every model whatever its provider.
    static let anthropic = """
        paths:
          /v1/messages:
            post:
              tags: [Anthropic]
              summary: A message (Anthropic's format), plain or streamed, to any provider.
              x-tollgate-llm: true
              requestBody: {$ref: "#/components/requestBodies/Messages"}
              responses:
                "200":
                  description: A message object, or with `stream` Anthropic's named server-sent events.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [type, role, content]
                        properties:
                          id: {type: string}
                          type: {type: string, enum: [message]}
                          role: {type: string, enum: [assistant]}
                          model: {type: string}
                          content: {type: array, items: {type: object, required: [type], properties: {type: {type: string}}}}
                          stop_reason: {type: [string, "null"]}
                          usage: {type: object, properties: {input_tokens: {type: integer}, output_tokens: {type: integer}}}
                    text/event-stream: {schema: {$ref: "#/components/schemas/ServerSentEvent"}}
          /v1/messages/count_tokens:
            post:
              tags: [Anthropic]
              summary: "The input tokens a message would take: the provider's count, or the gateway's estimate (then `x-tollgate-token-count-estimated: true`)."
              x-tollgate-llm: true
              requestBody: {$ref: "#/components/requestBodies/Messages"}
              responses:
                "200":
                  description: The count.
                  content:
                    application/json:
                      schema: {type: object, required: [input_tokens], properties: {input_tokens: {type: integer, minimum: 0}}}
        components:
          requestBodies:
            Messages:
              required: true
              content:
                application/json:
                  example: {model: gpt-4o-mini, max_tokens: 64, messages: [{role: user, content: "Hello!"}]}
                  schema:
                    type: object
                    required: [model, messages]
                    properties:
                      model: {type: string}
                      max_tokens: {type: integer, minimum: 1, description: "Required by /v1/messages, not by count_tokens."}
                      system: {type: [string, array]}
                      messages:
                        type: array
                        items:
                          type: object
                          required: [role, content]
                          properties:
                            role: {type: string, enum: [user, assistant]}
                            content: {type: [string, array]}
                      stream: {type: boolean}
                      tools: {type: array, items: {type: object}}
                    additionalProperties: true
        """

    /// Google's Gemini `generateContent` routes, for google-genai clients; errors in Google's shape.
    static let gemini = """
        paths:
          /v1beta/models/{model}:generateContent:
            post: &generate
              tags: [Gemini]
              summary: Generate content (Gemini's format) with any model.
              x-tollgate-llm: true
              x-tollgate-errors: google
              x-tollgate-route: /v1beta/models/**
              parameters: [{$ref: "#/components/parameters/GeminiModel"}, {$ref: "#/components/parameters/GeminiKey"}]
              requestBody: {$ref: "#/components/requestBodies/GenerateContent"}
              responses: {"200": {$ref: "#/components/responses/GenerateContent"}}
          /v1beta/models/{model}:streamGenerateContent:
            post: &stream
              tags: [Gemini]
              summary: Generate content as a stream (a JSON array, or server-sent events with `alt=sse`).
              x-tollgate-llm: true
              x-tollgate-errors: google
              x-tollgate-route: /v1beta/models/**
              parameters:
                - {$ref: "#/components/parameters/GeminiModel"}
                - {$ref: "#/components/parameters/GeminiKey"}
                - {name: alt, in: query, required: false, schema: {type: string, enum: [sse]}}
              requestBody: {$ref: "#/components/requestBodies/GenerateContent"}
              responses:
                "200":
                  description: The answer's chunks.
                  content:
                    application/json: {schema: {type: array, items: {$ref: "#/components/schemas/GenerateContentResponse"}}}
                    text/event-stream: {schema: {$ref: "#/components/schemas/ServerSentEvent"}}
          /v1beta/models/{model}:countTokens:
            post: &count
              tags: [Gemini]
              summary: "Count the tokens of `contents` (or a `generateContentRequest`)."
              x-tollgate-llm: true
              x-tollgate-errors: google
              x-tollgate-route: /v1beta/models/**
              parameters: [{$ref: "#/components/parameters/GeminiModel"}, {$ref: "#/components/parameters/GeminiKey"}]
              requestBody: {$ref: "#/components/requestBodies/GenerateContent"}
              responses:
                "200":
                  description: The count.
                  content:
                    application/json: {schema: {type: object, required: [totalTokens], properties: {totalTokens: {type: integer}}}}
          /v1/models/{model}:generateContent: {post: {<<: *generate, x-tollgate-route: /v1/models/**}}
          /v1/models/{model}:streamGenerateContent: {post: {<<: *stream, x-tollgate-route: /v1/models/**}}
          /v1/models/{model}:countTokens: {post: {<<: *count, x-tollgate-route: /v1/models/**}}
        components:
          parameters:
            GeminiModel: {name: model, in: path, required: true, schema: {type: string}, example: gpt-4o-mini, description: "The model name (`models/` prefix optional)."}
            GeminiKey: {name: key, in: query, required: false, schema: {type: string}, description: "The key, as Google's REST examples pass it (or x-goog-api-key)."}
          requestBodies:
            GenerateContent:
              required: true
              content:
                application/json:
                  example: {contents: [{role: user, parts: [{text: "Hello!"}]}]}
                  schema:
                    type: object
                    properties:
                      contents:
                        type: array
                        items:
                          type: object
                          properties:
                            role: {type: string, enum: [user, model]}
                            parts: {type: array, items: {type: object}}
                      systemInstruction: {type: object}
                      generationConfig: {type: object}
                      tools: {type: array, items: {type: object}}
                    additionalProperties: true
          responses:
            GenerateContent:
              description: Gemini's answer.
              content:
                application/json: {schema: {$ref: "#/components/schemas/GenerateContentResponse"}}
          schemas:
            GenerateContentResponse:
              type: object
              properties:
                candidates: {type: array, items: {type: object}}
                usageMetadata: {type: object}
                modelVersion: {type: string}
        """
}
