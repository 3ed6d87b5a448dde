import GatewayCore
import JWTAuth
import MCPGateway
import Policies

extension GatewayBuilder {
    /// Stops startup when config.yaml's `guardrails`, `policies` or `policy_attachments` would be read by no plugin,
    /// or name a guardrail no plugin declares: a check the operator wrote must not be silently skipped.
    ///
    /// Runs once every plugin is made: config.yaml's policies are read by `policies`, which is made before the
    /// guardrail plugins that declare the names they use.
    /// - Throws: ``ConfigError`` naming the section and the plugin to enable, or the unknown guardrail and who named it.
    static func checkConfigSections(_ config: GatewayConfig, manifest: PluginManifest, guardrails: GuardrailCatalog) throws {
        let enabled = Set(manifest.entries.filter(\.enabled).map(\.name))
        if !config.guardrails.isEmpty,
            let name = config.guardrails.compactMap({ $0["guardrail_name"]?.stringValue }).first(where: {
                !guardrails.contains($0)
            })
        {
            throw ConfigError(
                "config.yaml: guardrail '\(name)' is declared but no guardrail plugin is enabled to run it; add {\"name\": \"guardrails\"} to plugins.json"
            )
        }
        if !(config.policies.isEmpty && config.policyAttachments.isEmpty), !enabled.contains(PoliciesPlugin.id) {
            throw ConfigError(
                "config.yaml: policies and policy_attachments need the '\(PoliciesPlugin.id)' plugin; add {\"name\": \"\(PoliciesPlugin.id)\"} to "
                    + "plugins.json, before the guardrail plugins")
        }
        if !config.mcpServers.isEmpty, !enabled.contains(MCPGatewayPlugin.id) {
            throw ConfigError(
                "config.yaml: mcp_servers needs the '\(MCPGatewayPlugin.id)' plugin; add {\"name\": \"\(MCPGatewayPlugin.id)\"} to plugins.json")
        }
        if config.generalSettings["enable_jwt_auth"]?.boolValue == true, !enabled.contains(JWTAuthPlugin.id) {
            throw ConfigError(
                "config.yaml: general_settings.enable_jwt_auth needs the '\(JWTAuthPlugin.id)' plugin; add {\"name\": \"\(JWTAuthPlugin.id)\"} to "
                    + "plugins.json, before virtual-keys")
        }
        if let unmet = guardrails.unmet.first {
            let known = guardrails.all
            throw ConfigError(
                "\(unmet.by) names guardrail '\(unmet.name)', which no guardrail plugin declares (declared: \(known.isEmpty ? "none" : known.joined(separator: ", ")))"
            )
        }
    }
}
