import GatewayCore

/// Reads a server from LiteLLM's fields, in config.yaml (`mcp_servers.<name>: {...}`) or a `/v1/mcp/server` body.
///
/// | key | type | notes |
/// | --- | --- | --- |
/// | `server_id` | string | API only; generated when absent |
/// | `server_name`, `alias` | string | the prefix of its tools; config.yaml uses the entry's key |
/// | `transport` | `http` (default), `sse`, `stdio` | `streamable_http` is read as `http` |
/// | `url` | string | `http`, `sse` |
/// | `command`, `args`, `env` | string, list, mapping | `stdio` |
/// | `auth_type` | `none`, `api_key`, `bearer_token`, `basic`, `authorization`, `oauth2` | |
/// | `authentication_token` or `credentials.auth_value` | string | the value `auth_type` sends |
/// | `client_id`, `client_secret`, `token_url`, `scopes` (or inside `credentials`) | | `oauth2` |
/// | `static_headers` | mapping | sent on every upstream request |
/// | `extra_headers` | list of names | client headers forwarded per request |
/// | `allowed_tools`, `disallowed_tools` | lists | the server's own tool names |
/// | `rpm_limit`, `key_rpm_limit`, `team_rpm_limit` | integers | calls per minute: per server, per key and per team to it |
/// | `mcp_info.mcp_server_cost_info` | `default_cost_per_query`, `tool_name_to_cost_per_query` | USD per call, logged as spend |
/// | `timeout` | seconds | default 60 |
/// | `description`, `mcp_info`, `mcp_access_groups` | | kept for the API |
extension MCPServerDefinition {
    static let knownKeys: Set<String> = [
        "server_id", "server_name", "alias", "transport", "url", "command", "args", "env", "auth_type", "authentication_token", "credentials",
        "client_id", "client_secret", "token_url", "scopes", "static_headers", "extra_headers", "allowed_tools", "disallowed_tools", "rpm_limit",
        "key_rpm_limit", "team_rpm_limit", "timeout", "description", "mcp_info", "mcp_access_groups", "spec_path",
    ]
    static let authTypes: Set<String> = ["none", "api_key", "bearer_token", "basic", "authorization", "oauth2"]

    /// - Parameters:
    ///   - fields: the server's mapping.
    ///   - name: the config.yaml key, or nil for an API body (which names it in `server_name` or `alias`).
    ///   - id: the id to use when `server_id` is absent.
    /// - Throws: ``ConfigError`` naming the field at fault.
    init(parsing fields: JSON, name configName: String?, id defaultID: String) throws {
        guard let object = fields.objectValue else { throw ConfigError("an MCP server must be a mapping, got \(fields.typeName)") }
        if let unknown = object.keys.sorted().first(where: { !Self.knownKeys.contains($0) }) {
            throw ConfigError("unknown MCP server field '\(unknown)' (known: \(Self.knownKeys.sorted().joined(separator: ", ")))", field: unknown)
        }
        let reader = FieldReader(object: object)
        guard let name = try configName ?? reader.string("server_name") ?? reader.string("alias") else {
            throw ConfigError("an MCP server needs a 'server_name'", field: "server_name")
        }
        try Self.checkName(name)
        let transportName = try reader.string("transport") ?? "http"
        let transport: Transport
        switch transportName {
        case "http", "streamable_http", "streamable-http", "streamablehttp": transport = .http
        case "sse": transport = .sse
        case "stdio": transport = .stdio
        default: throw ConfigError("MCP server '\(name)': transport must be http, sse or stdio, got '\(transportName)'", field: "transport")
        }
        self.init(id: try reader.string("server_id") ?? defaultID, name: name, transport: transport)
        url = try reader.string("url")
        command = try reader.string("command")
        arguments = try reader.strings("args") ?? []
        environment = try reader.stringMap("env") ?? [:]
        switch transport {
        case .http, .sse:
            guard let url, url.hasPrefix("http://") || url.hasPrefix("https://") else {
                throw ConfigError("MCP server '\(name)': a \(transport.rawValue) server needs an http(s) 'url'", field: "url")
            }
        case .stdio:
            guard let command, !command.isEmpty else {
                throw ConfigError("MCP server '\(name)': a stdio server needs a 'command'", field: "command")
            }
        }
        let credentials = FieldReader(object: object["credentials"]?.objectValue ?? [:])
        authType = try reader.string("auth_type")
        if let authType, !Self.authTypes.contains(authType) {
            throw ConfigError(
                "MCP server '\(name)': auth_type must be one of \(Self.authTypes.sorted().joined(separator: ", ")), got '\(authType)'",
                field: "auth_type")
        }
        authValue = try reader.string("authentication_token") ?? credentials.string("auth_value")
        if authType == "oauth2" {
            guard let clientID = try reader.string("client_id") ?? credentials.string("client_id"),
                let secret = try reader.string("client_secret") ?? credentials.string("client_secret"),
                let tokenURL = try reader.string("token_url") ?? credentials.string("token_url"),
                tokenURL.hasPrefix("http://") || tokenURL.hasPrefix("https://")
            else {
                throw ConfigError("MCP server '\(name)': oauth2 needs client_id, client_secret and an http(s) token_url", field: "client_id")
            }
            oauth2 = OAuth2(
                clientID: clientID, clientSecret: secret, tokenURL: tokenURL,
                scopes: try reader.strings("scopes") ?? credentials.strings("scopes") ?? [])
        } else if let authType, authType != "none", authValue == nil {
            throw ConfigError("MCP server '\(name)': auth_type \(authType) needs 'authentication_token'", field: "authentication_token")
        }
        staticHeaders = try reader.stringMap("static_headers") ?? [:]
        passThroughHeaders = (try reader.strings("extra_headers") ?? []).map { $0.lowercased() }
        allowedTools = try reader.strings("allowed_tools")
        disallowedTools = try reader.strings("disallowed_tools") ?? []
        rpmLimit = try reader.positiveInt("rpm_limit")
        keyRPMLimit = try reader.positiveInt("key_rpm_limit")
        teamRPMLimit = try reader.positiveInt("team_rpm_limit")
        try readCosts(object["mcp_info"]?["mcp_server_cost_info"])
        if let timeout = object["timeout"], !timeout.isNull {
            guard let seconds = timeout.doubleValue, seconds > 0, seconds <= 3600 else {
                throw ConfigError("MCP server '\(name)': timeout must be a number of seconds between 0 and 3600", field: "timeout")
            }
            timeoutSeconds = seconds
        }
        description = try reader.string("description")
    }

    /// LiteLLM's `mcp_server_cost_info`: each cost a number from 0 to 1000 USD.
    private mutating func readCosts(_ info: JSON?) throws {
        guard let info, !info.isNull else { return }
        func cost(_ value: JSON, _ field: String) throws -> Double {
            guard let number = value.doubleValue, number >= 0, number <= 1000 else {
                throw ConfigError("MCP server '\(name)': \(field) must be a number of USD from 0 to 1000", field: "mcp_info")
            }
            return number
        }
        if let value = info["default_cost_per_query"], !value.isNull { costPerCall = try cost(value, "default_cost_per_query") }
        for (tool, value) in info["tool_name_to_cost_per_query"]?.objectValue ?? [:] {
            costPerTool[tool] = try cost(value, "tool_name_to_cost_per_query.\(tool)")
        }
    }

    /// SEP-986's tool-name characters: the server name prefixes every tool name.
    static func checkName(_ name: String) throws {
        let allowed = name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || byte == 0x2E
        }
        guard !name.isEmpty, name.utf8.count <= 64, allowed else {
            throw ConfigError(
                "MCP server name '\(name)' must be 1 to 64 letters, digits, '_' or '.' (it prefixes each tool name as '<server>-<tool>')",
                field: "server_name")
        }
    }
}

/// Typed reads of a mapping's fields, each error naming the field.
private struct FieldReader {
    let object: [String: JSON]

    func string(_ key: String) throws -> String? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let text = value.stringValue else { throw ConfigError("'\(key)' must be a string, got \(value.typeName)", field: key) }
        return text
    }

    func strings(_ key: String) throws -> [String]? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let list = value.arrayValue, let texts = Optional(list.compactMap(\.stringValue)), texts.count == list.count else {
            throw ConfigError("'\(key)' must be a list of strings", field: key)
        }
        return texts
    }

    func stringMap(_ key: String) throws -> [String: String]? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let map = value.objectValue else { throw ConfigError("'\(key)' must be a mapping of strings", field: key) }
        var result: [String: String] = [:]
        for (name, entry) in map {
            guard let text = entry.stringValue ?? entry.intValue.map(String.init) else {
                throw ConfigError("'\(key).\(name)' must be a string", field: key)
            }
            result[name] = text
        }
        return result
    }

    func positiveInt(_ key: String) throws -> Int? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let number = value.intValue, number > 0, number <= 1_000_000_000 else {
            throw ConfigError("'\(key)' must be a positive integer", field: key)
        }
        return number
    }
}
