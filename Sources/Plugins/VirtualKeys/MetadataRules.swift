import GatewayCore

/// Metadata fields other plugins read from keys and teams, checked when they are written: a mistyped list must
/// be a 400 now, not a silently lifted restriction later (a bare string `"allowed_tools": "x"` would otherwise
/// read as "no list", which allows every tool).
enum MetadataRules {
    /// Fields that must be lists of strings when present.
    static let stringLists = ["allowed_tools", "guardrails", "disable_guardrails", "tags"]

    /// - Throws: 400 naming `metadata.<field>`.
    static func check(_ metadata: JSON?) throws {
        guard let metadata, case .object(let fields) = metadata else { return }
        for name in stringLists {
            guard let value = fields[name], !value.isNull else { continue }
            guard let list = value.arrayValue, list.allSatisfy({ $0.stringValue != nil }) else {
                throw GatewayError.badRequest("'metadata.\(name)' must be a list of strings.", param: "metadata.\(name)")
            }
        }
        try checkObjectPermission(fields["object_permission"])
    }

    /// Metadata fields whose change can widen what a key or team may do (a longer tool list, more MCP servers,
    /// guardrails switched off): only a proxy admin may set or change them. A team admin may otherwise edit their
    /// team and its keys, and a user their personal keys, so without this they could lift an admin's restriction.
    static let adminOnlyFields = ["allowed_tools", "object_permission", "disable_guardrails"]

    /// - Parameters:
    ///   - before: the object's metadata before the write (nil for a new object).
    /// - Throws: 403 `admin_only_field` when a caller other than a proxy admin changes one of ``adminOnlyFields``.
    static func checkChanges(by principal: Principal, before: JSON?, after: JSON?) throws {
        guard principal.role != .admin else { return }
        for name in adminOnlyFields where (before?[name] ?? .null) != (after?[name] ?? .null) {
            throw GatewayError.forbidden("Only a proxy admin may set or change 'metadata.\(name)'.", code: "admin_only_field")
        }
    }

    /// LiteLLM's top-level `object_permission` of `/key/*` and `/team/*` bodies, moved into `metadata.object_permission`
    /// (where the mcp-gateway plugin reads it; ``checkChanges(by:before:after:)`` guards it there), merged into the
    /// body's `metadata`, else the object's current one; `null` removes it.
    static func foldingObjectPermission(_ body: JSON, currentMetadata: JSON?) -> JSON {
        guard case .object(var fields) = body, let permission = fields.removeValue(forKey: "object_permission") else { return body }
        var metadata = fields["metadata"]?.objectValue ?? currentMetadata?.objectValue ?? [:]
        if permission.isNull { metadata.removeValue(forKey: "object_permission") } else { metadata["object_permission"] = permission }
        fields["metadata"] = .object(metadata)
        return .object(fields)
    }

    /// LiteLLM's MCP permissions, read by the mcp-gateway plugin: `mcp_servers` a list of strings,
    /// `mcp_tool_permissions` a mapping of lists of strings.
    private static func checkObjectPermission(_ value: JSON?) throws {
        guard let value, !value.isNull else { return }
        let field = "metadata.object_permission"
        func isStringList(_ value: JSON) -> Bool { value.isNull || value.arrayValue?.allSatisfy { $0.stringValue != nil } == true }
        guard let permission = value.objectValue else { throw GatewayError.badRequest("'\(field)' must be an object.", param: field) }
        if let servers = permission["mcp_servers"], !isStringList(servers) {
            throw GatewayError.badRequest("'\(field).mcp_servers' must be a list of strings.", param: "\(field).mcp_servers")
        }
        if let tools = permission["mcp_tool_permissions"], !tools.isNull {
            guard let perServer = tools.objectValue, perServer.values.allSatisfy(isStringList) else {
                throw GatewayError.badRequest(
                    "'\(field).mcp_tool_permissions' must map server names to lists of tool names.", param: "\(field).mcp_tool_permissions")
            }
        }
    }
}
