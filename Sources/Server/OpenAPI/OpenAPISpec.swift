/// The OpenAPI catalog's fragments, one per area, in YAML: each holds `paths` and the `components` they use.
///
/// ``OpenAPIDocument`` merges them and fills in what every operation shares (an operationId, the error answers:
/// `x-tollgate-llm: true` marks an LLM endpoint, whose errors include the upstream's, `x-tollgate-errors: google`
/// one answering in Google's shape). An operation needs no key when it says `security: []`.
enum OpenAPISpec {
    static let fragments = [
        base, openAI, openAIModels, anthropic, gemini, responses, health, keys, teams, users, organizations, customers,
        accessGroups, budgets, models, spend, policies, policyAttachments, adminUI, mcp,
    ]

    static let base = """
        openapi: 3.1.0
        info:
          title: Tollgate
          version: "1"
          description: >-
            An LLM gateway: OpenAI's, Anthropic's and Gemini's APIs in front of many providers, and LiteLLM's
            management API (keys, teams, users, budgets, models, spend). A key goes in `Authorization: Bearer <key>`
            (or `x-api-key`, `api-key`). Errors are OpenAI-shaped, `{"error": {"message", "type", "param", "code"}}`.
        security:
          - bearer: []
          - apiKeyHeader: []
        components:
          securitySchemes:
            bearer: {type: http, scheme: bearer, description: "A virtual key or the master key."}
            apiKeyHeader: {type: apiKey, in: header, name: x-api-key, description: "The same key, Anthropic's way."}
          responses:
            Error:
              description: "An OpenAI-shaped error (on /v1/messages also `\\"type\\": \\"error\\"`, as Anthropic's SDK reads it)."
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Error"}
            GoogleError:
              description: An error in Google's shape (the Gemini routes).
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/GoogleError"}
          schemas:
            Error:
              type: object
              required: [error]
              properties:
                type: {type: string, enum: [error], description: "Present on /v1/messages only."}
                error:
                  type: object
                  required: [message, type, code]
                  properties:
                    message: {type: string}
                    type: {type: string, description: "invalid_request_error, authentication_error, rate_limit_error, api_error, ..."}
                    param: {type: [string, "null"], description: "The request field at fault, when one is."}
                    code: {type: [string, "null"], description: "A stable code (budget_exceeded, model_not_found, ...) or the status."}
            GoogleError:
              type: object
              required: [error]
              properties:
                error:
                  type: object
                  required: [code, message, status]
                  properties:
                    code: {type: integer}
                    message: {type: string}
                    status: {type: string}
                    details: {type: array, items: {type: object}}
            Deleted:
              type: object
              description: What a delete answers (the ids deleted, or a message).
              additionalProperties: true
            AnyObject:
              type: object
              additionalProperties: true
            ServerSentEvent:
              type: object
              description: "One server-sent event of a stream: `data` holds a JSON chunk (or `[DONE]`), `event` its name where the format names events."
              properties:
                event: {type: string}
                data: {type: string}
                id: {type: string}
                retry: {type: integer}
            Usage:
              type: object
              properties:
                prompt_tokens: {type: integer}
                completion_tokens: {type: integer}
                total_tokens: {type: integer}
        """
}
