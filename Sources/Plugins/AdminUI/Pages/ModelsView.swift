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
        var health: String
        var healthError: String
        var healthy: Bool
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
    static func make(deployments: [JSON], health: JSON?, role: UIRole, csrf: String) -> ModelsView {
        var states: [String: (healthy: Bool, error: String)] = [:]
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
                health: state.map { $0.healthy ? "healthy" : "unhealthy" } ?? (health == nil ? "" : "not checked"), healthError: state?.error ?? "",
                healthy: state?.healthy ?? false)
        }
        let names = Array(Set(rows.map(\.name))).sorted()
        return ModelsView(
            rows: rows, empty: rows.isEmpty, checkedHealth: health != nil, canAdminister: role.administers,
            choices: names.map { PlaygroundView.Choice(name: $0, selected: false) }, csrf: csrf)
    }
}
