import GatewayCore

/// The server as LiteLLM's fields: in the store (secrets encrypted), and in API answers (secrets masked).
///
/// Secret fields: every `static_headers` and `env` value, `authentication_token`, `client_secret`. They are encrypted
/// with the plugin's ``CredentialCipher`` (AES-256-GCM, the model credentials' key) before a write and decrypted when
/// the store is read; an API answer shows each as `"****"`.
extension MCPServerDefinition {
    /// What the API shows for a secret.
    static let mask = "****"

    /// LiteLLM's fields, secrets passed through `secret` (encrypt for the store, mask for the API).
    func fields(secret: (String) throws -> String) rethrows -> JSON {
        var object: [String: JSON] = [
            "server_id": .string(id), "server_name": .string(name), "alias": .string(name), "transport": .string(transport.rawValue),
        ]
        if let url { object["url"] = .string(url) }
        if let command { object["command"] = .string(command) }
        if !arguments.isEmpty { object["args"] = .array(arguments.map(JSON.string)) }
        if !environment.isEmpty { object["env"] = .object(try environment.mapValues { .string(try secret($0)) }) }
        if let authType { object["auth_type"] = .string(authType) }
        if let authValue { object["authentication_token"] = .string(try secret(authValue)) }
        if let oauth2 {
            object["client_id"] = .string(oauth2.clientID)
            object["client_secret"] = .string(try secret(oauth2.clientSecret))
            object["token_url"] = .string(oauth2.tokenURL)
            if !oauth2.scopes.isEmpty { object["scopes"] = .array(oauth2.scopes.map(JSON.string)) }
        }
        if !staticHeaders.isEmpty { object["static_headers"] = .object(try staticHeaders.mapValues { .string(try secret($0)) }) }
        if !passThroughHeaders.isEmpty { object["extra_headers"] = .array(passThroughHeaders.map(JSON.string)) }
        if let allowedTools { object["allowed_tools"] = .array(allowedTools.map(JSON.string)) }
        if !disallowedTools.isEmpty { object["disallowed_tools"] = .array(disallowedTools.map(JSON.string)) }
        if let rpmLimit { object["rpm_limit"] = .int(rpmLimit) }
        if let keyRPMLimit { object["key_rpm_limit"] = .int(keyRPMLimit) }
        if let teamRPMLimit { object["team_rpm_limit"] = .int(teamRPMLimit) }
        if costPerCall != nil || !costPerTool.isEmpty {
            var info: [String: JSON] = [:]
            if let costPerCall { info["default_cost_per_query"] = .double(costPerCall) }
            if !costPerTool.isEmpty { info["tool_name_to_cost_per_query"] = .object(costPerTool.mapValues(JSON.double)) }
            object["mcp_info"] = ["mcp_server_cost_info": .object(info)]
        }
        object["timeout"] = .double(timeoutSeconds)
        if let description { object["description"] = .string(description) }
        return .object(object)
    }

    /// The API's view: secrets masked, and where the server was declared.
    var publicView: JSON {
        var view = fields { _ in Self.mask }
        view["source"] = .string(fromConfig ? "config" : "db")
        return view
    }

    /// The stored document: secrets encrypted.
    func storedDocument(cipher: CredentialCipher) throws -> JSON {
        try fields { try cipher.encrypt($0) }
    }

    /// A server read back from the store.
    /// - Throws: ``ConfigError`` for a document this version cannot read; a cipher error for a secret another key
    ///   encrypted.
    init(stored document: JSON, cipher: CredentialCipher) throws {
        var plain = document
        func decrypt(_ value: JSON) throws -> JSON {
            guard let text = value.stringValue, CredentialCipher.isEncrypted(text) else { return value }
            return .string(try cipher.decrypt(text))
        }
        for key in ["authentication_token", "client_secret"] {
            if let value = plain[key] { plain[key] = try decrypt(value) }
        }
        for key in ["env", "static_headers"] {
            if let map = plain[key]?.objectValue { plain[key] = .object(try map.mapValues(decrypt)) }
        }
        let id = plain["server_id"]?.stringValue ?? ""
        try self.init(parsing: plain, name: nil, id: id)
    }
}
