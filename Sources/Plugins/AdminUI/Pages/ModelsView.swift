import GatewayCore

/// The model catalog: every deployment the caller may see (config.yaml's and those added at run time), its
/// upstream, credentials as the API masks them, and, when asked, its last health check.
struct ModelsView {
    struct Row: Equatable {
        var id: String
        var name: String
        var upstream: String
        var apiBase: String
        var apiKey: String
        var team: String
        var runtime: Bool
        /// `healthy`, `unhealthy`, `not checked` (after a check that skipped it), or nil when nothing is known.
        var health: String?
        var healthError: String
        var healthy: Bool
        /// The router skips the deployment until its cooldown ends.
        var coolingDown: Bool
    }

    var rows: [Row]
    var empty: Bool
    var checkedHealth: Bool
    var canAdminister: Bool
    /// The playground's model choices.
    var choices: [PlaygroundView.Choice]
    var csrf: String

    /// - Parameters:
    ///   - deployments: `/model/info`'s `data`.
    ///   - health: `/health`'s answer, when the caller asked for a check.
    ///   - routing: `/routing/deployments` (cooldowns and the last health results, nothing probed), when the routing
    ///     plugin is on.
    static func make(deployments: [JSON], health: JSON?, routing: JSON? = nil, role: UIRole, csrf: String) -> ModelsView {
        var states: [String: (healthy: Bool, error: String)] = [:]
        var cooling: Set<String> = []
        for entry in routing?["deployments"]?.arrayValue ?? [] {
            guard let id = entry["model_id"]?.stringValue else { continue }
            if entry["cooling_down"]?.boolValue == true { cooling.insert(id) }
            if let last = entry["health"], let healthy = last["healthy"]?.boolValue {
                states[id] = (healthy, last["error"]?.stringValue ?? "")
            }
        }
        for entry in health?["healthy_endpoints"]?.arrayValue ?? [] {
            if let id = entry["model_id"]?.stringValue { states[id] = (true, "") }
        }
        for entry in health?["unhealthy_endpoints"]?.arrayValue ?? [] {
            if let id = entry["model_id"]?.stringValue { states[id] = (false, entry["error"]?.stringValue ?? "") }
        }
        let rows = deployments.map { deployment in
            let params = deployment["litellm_params"] ?? [:]
            let info = deployment["model_info"] ?? [:]
            let id = info["id"]?.stringValue ?? ""
            let state = states[id]
            return Row(
                id: id, name: deployment["model_name"]?.stringValue ?? "", upstream: params["model"]?.stringValue ?? "",
                apiBase: params["api_base"]?.stringValue ?? "", apiKey: params["api_key"]?.stringValue ?? "",
                team: info["team_id"]?.stringValue ?? "", runtime: info["db_model"]?.boolValue ?? false,
                health: state.map { $0.healthy ? "healthy" : "unhealthy" } ?? (health == nil ? nil : "not checked"), healthError: state?.error ?? "",
                healthy: state?.healthy ?? false, coolingDown: cooling.contains(id))
        }
        let names = Array(Set(rows.map(\.name))).sorted()
        return ModelsView(
            rows: rows, empty: rows.isEmpty, checkedHealth: health != nil || routing != nil, canAdminister: role.administers,
            choices: names.map { PlaygroundView.Choice(name: $0, selected: false) }, csrf: csrf)
    }
}
