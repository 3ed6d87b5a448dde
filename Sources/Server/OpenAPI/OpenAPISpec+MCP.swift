extension OpenAPISpec {
    /// The MCP gateway (the mcp-gateway plugin, docs/mcp.md): the Streamable HTTP endpoint and LiteLLM's server API.
    static let mcp = """
        paths:
          /mcp:
            post: &mcpPost
              tags: [MCP]
              summary: "One JSON-RPC message of MCP's Streamable HTTP transport, to the servers the key may use (tools named `<server>-<tool>`)."
              parameters: [{$ref: "#/components/parameters/MCPSession"}]
              requestBody: {$ref: "#/components/requestBodies/JSONRPCMessage"}
              responses:
                "200":
                  description: "The JSON-RPC answer; a `tools/call` from a client that accepts `text/event-stream` is answered as a stream: its progress notifications, then the answer."
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/JSONRPCAnswer"}}
                    text/event-stream: {schema: {$ref: "#/components/schemas/ServerSentEvent"}}
                "202": {description: "A notification, accepted (no body)."}
                "400": {$ref: "#/components/responses/JSONRPC"}
                "404": {$ref: "#/components/responses/MCPNotFound"}
                "413": {$ref: "#/components/responses/JSONRPC"}
            get: &mcpGet
              tags: [MCP]
              summary: "The session's server-to-client event stream (`notifications/tools/list_changed`); needs `Mcp-Session-Id` and `Accept: text/event-stream`."
              parameters: [{$ref: "#/components/parameters/MCPSession"}]
              responses:
                "200":
                  description: Server-sent events, each one JSON-RPC notification.
                  content: {text/event-stream: {schema: {$ref: "#/components/schemas/ServerSentEvent"}}}
                "400": {$ref: "#/components/responses/JSONRPC"}
                "404": {$ref: "#/components/responses/MCPNotFound"}
                "406": {$ref: "#/components/responses/JSONRPC"}
            delete: &mcpDelete
              tags: [MCP]
              summary: End the session the `Mcp-Session-Id` header names.
              parameters: [{$ref: "#/components/parameters/MCPSession"}]
              responses:
                "200": {description: "Ended (no body)."}
                "400": {$ref: "#/components/responses/JSONRPC"}
                "404": {$ref: "#/components/responses/MCPNotFound"}
          /mcp/{server}:
            post: {<<: *mcpPost, parameters: [{$ref: "#/components/parameters/MCPServer"}, {$ref: "#/components/parameters/MCPSession"}]}
            get: {<<: *mcpGet, parameters: [{$ref: "#/components/parameters/MCPServer"}, {$ref: "#/components/parameters/MCPSession"}]}
            delete: {<<: *mcpDelete, parameters: [{$ref: "#/components/parameters/MCPServer"}, {$ref: "#/components/parameters/MCPSession"}]}
          /sse:
            get:
              tags: [MCP]
              summary: "The older HTTP+SSE transport: an event stream whose first `endpoint` event names the URL to POST messages to; answers come as `message` events."
              responses:
                "200":
                  description: Server-sent events.
                  content: {text/event-stream: {schema: {$ref: "#/components/schemas/ServerSentEvent"}}}
          /messages:
            post:
              tags: [MCP]
              summary: "One JSON-RPC message for the `/sse` stream `session_id` names; accepted with 202, answered on the stream."
              parameters: [{name: session_id, in: query, required: true, schema: {type: string}}]
              requestBody: {$ref: "#/components/requestBodies/JSONRPCMessage"}
              responses:
                "202": {description: "Accepted; the answer is sent on the stream."}
                "400": {$ref: "#/components/responses/JSONRPC"}
                "404": {$ref: "#/components/responses/JSONRPC"}
                "413": {$ref: "#/components/responses/JSONRPC"}
          /v1/mcp/server:
            post:
              tags: [MCP]
              summary: "Add an MCP server (LiteLLM's fields); its credentials are encrypted at rest and it is served at once on every instance."
              requestBody: {$ref: "#/components/requestBodies/MCPServer"}
              responses: {"200": {$ref: "#/components/responses/MCPServer"}}
            put:
              tags: [MCP]
              summary: "Change the server `server_id` names; a secret sent back masked (`****`) keeps its value."
              requestBody: {$ref: "#/components/requestBodies/MCPServer"}
              responses: {"200": {$ref: "#/components/responses/MCPServer"}}
            get:
              tags: [MCP]
              summary: The MCP servers (config.yaml's too), secrets masked.
              responses:
                "200":
                  description: The servers.
                  content: {application/json: {schema: {type: array, items: {$ref: "#/components/schemas/MCPServer"}}}}
          /v1/mcp/server/{server_id}:
            get:
              tags: [MCP]
              summary: One MCP server (by id or name), secrets masked.
              parameters: [{name: server_id, in: path, required: true, schema: {type: string}}]
              responses: {"200": {$ref: "#/components/responses/MCPServer"}}
            delete:
              tags: [MCP]
              summary: Remove a stored MCP server (and stop its child process).
              parameters: [{name: server_id, in: path, required: true, schema: {type: string}}]
              responses:
                "200":
                  description: Deleted.
                  content: {application/json: {schema: {type: object, properties: {message: {type: string}, server_id: {type: string}}}}}
        components:
          parameters:
            MCPServer: {name: server, in: path, required: true, schema: {type: string}, description: "One server's name: only its tools."}
            MCPSession: {name: Mcp-Session-Id, in: header, required: false, schema: {type: string}, description: "The session `initialize` answered."}
          requestBodies:
            JSONRPCMessage:
              required: true
              content:
                application/json:
                  example: {jsonrpc: "2.0", id: 1, method: tools/list, params: {}}
                  schema:
                    type: object
                    required: [jsonrpc]
                    properties:
                      jsonrpc: {type: string, enum: ["2.0"]}
                      id: {type: [string, integer]}
                      method: {type: string}
                      params: {type: object}
            MCPServer:
              required: true
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      server_id: {type: string}
                      server_name: {type: string}
                      alias: {type: string}
                      description: {type: string}
                      url: {type: string}
                      transport: {type: string, enum: [http, sse, stdio]}
                      command: {type: string}
                      args: {type: array, items: {type: string}}
                      env: {type: object}
                      auth_type: {type: string}
                      authentication_token: {type: string}
                      allowed_tools: {type: array, items: {type: string}}
                    additionalProperties: true
          responses:
            JSONRPC:
              description: A JSON-RPC 2.0 answer (`result` or `error`).
              content:
                application/json: {schema: {$ref: "#/components/schemas/JSONRPCAnswer"}}
            MCPNotFound:
              description: "An unknown session (a JSON-RPC error), or an unknown server in the path (the gateway's error, `mcp_server_not_found`)."
              content:
                application/json:
                  schema: {anyOf: [{$ref: "#/components/schemas/JSONRPCAnswer"}, {$ref: "#/components/schemas/Error"}]}
            MCPServer:
              description: The server, secrets masked.
              content: {application/json: {schema: {$ref: "#/components/schemas/MCPServer"}}}
          schemas:
            JSONRPCAnswer:
              type: object
              required: [jsonrpc]
              properties:
                jsonrpc: {type: string}
                id: {type: [string, integer, "null"]}
                result: {type: object}
                error: {type: object, properties: {code: {type: integer}, message: {type: string}}}
            MCPServer:
              type: object
              additionalProperties: true
              properties:
                server_id: {type: string}
                server_name: {type: [string, "null"]}
                url: {type: [string, "null"]}
                transport: {type: [string, "null"]}
        """
}
