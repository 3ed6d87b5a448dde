extension OpenAPISpec {
    /// Spend records (the spend-log plugin).
    static let spend = """
        paths:
          "/spend/logs":
            get:
              tags: [Spend]
              summary: "Spend records: per request (`request_id`), key (`api_key`), user or team, in a date range."
              parameters:
                - {name: api_key, in: query, required: false, schema: {type: string}}
                - {name: user_id, in: query, required: false, schema: {type: string}}
                - {name: team_id, in: query, required: false, schema: {type: string}}
                - {name: request_id, in: query, required: false, schema: {type: string}}
                - {name: start_date, in: query, required: false, schema: {type: string}}
                - {name: end_date, in: query, required: false, schema: {type: string}}
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {type: array, items: {type: object}}}
          "/spend/logs/ui":
            get:
              tags: [Spend]
              summary: "Spend records, paged (as the LiteLLM UI reads them)."
              parameters:
                - {name: page, in: query, required: false, schema: {type: integer, minimum: 0}}
                - {name: page_size, in: query, required: false, schema: {type: integer, minimum: 0}}
                - {name: api_key, in: query, required: false, schema: {type: string}}
                - {name: user_id, in: query, required: false, schema: {type: string}}
                - {name: team_id, in: query, required: false, schema: {type: string}}
                - {name: request_id, in: query, required: false, schema: {type: string}}
                - {name: start_date, in: query, required: false, schema: {type: string}}
                - {name: end_date, in: query, required: false, schema: {type: string}}
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {type: object, required: [data], properties: {data: {type: array, items: {type: object}}, total: {type: integer}, page: {type: integer}, page_size: {type: integer}, total_pages: {type: integer}}}}
          "/spend/logs/v2":
            get:
              tags: [Spend]
              summary: "Spend records, paged."
              parameters:
                - {name: page, in: query, required: false, schema: {type: integer, minimum: 0}}
                - {name: page_size, in: query, required: false, schema: {type: integer, minimum: 0}}
                - {name: api_key, in: query, required: false, schema: {type: string}}
                - {name: user_id, in: query, required: false, schema: {type: string}}
                - {name: team_id, in: query, required: false, schema: {type: string}}
                - {name: request_id, in: query, required: false, schema: {type: string}}
                - {name: start_date, in: query, required: false, schema: {type: string}}
                - {name: end_date, in: query, required: false, schema: {type: string}}
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {type: object, required: [data], properties: {data: {type: array, items: {type: object}}, total: {type: integer}, page: {type: integer}, page_size: {type: integer}, total_pages: {type: integer}}}}
          "/spend/summary":
            get:
              tags: [Spend]
              summary: "Totals over the spend records the filters match (requests, spend, tokens)."
              parameters:
                - {name: api_key, in: query, required: false, schema: {type: string}}
                - {name: user_id, in: query, required: false, schema: {type: string}}
                - {name: team_id, in: query, required: false, schema: {type: string}}
                - {name: request_id, in: query, required: false, schema: {type: string}}
                - {name: start_date, in: query, required: false, schema: {type: string}}
                - {name: end_date, in: query, required: false, schema: {type: string}}
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {type: object, properties: {requests: {type: integer}, spend: {type: number}, prompt_tokens: {type: integer}, completion_tokens: {type: integer}}}}
          "/global/spend":
            get:
              tags: [Spend]
              summary: "Total spend and its budget."
              responses:
                "200":
                  description: The answer.
                  content:
                    application/json: {schema: {type: object, required: [spend], properties: {spend: {type: number}, budget_reset_at: {type: [string, "null"]}}}}
        """
}
