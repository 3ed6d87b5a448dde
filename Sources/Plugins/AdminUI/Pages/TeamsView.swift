import GatewayCore

/// The teams list and one team's page: members and roles, budgets and limits, models, keys.
struct TeamsView {
    struct Row: Equatable {
        var id: String
        var alias: String
        var members: Int
        var models: String
        var spend: String
        var budget: String
        var limits: String
        var blocked: Bool
    }

    var rows: [Row]
    var empty: Bool
    var canAdminister: Bool
    var csrf: String

    static func make(teams: [JSON], role: UIRole, csrf: String) -> TeamsView {
        let rows = teams.map { team in
            Row(
                id: team["team_id"]?.stringValue ?? "", alias: team["team_alias"]?.stringValue ?? "",
                members: team["members"]?.arrayValue?.count ?? 0,
                models: TeamDetailView.names(team["models"]), spend: Formats.usd(team["spend"]?.doubleValue ?? 0),
                budget: team["max_budget"]?.doubleValue.map { Formats.usd($0) } ?? "—", limits: TeamDetailView.limits(team),
                blocked: team["blocked"]?.boolValue ?? false)
        }
        return TeamsView(rows: rows, empty: rows.isEmpty, canAdminister: role.administers, csrf: csrf)
    }
}

/// One team (`/team/info`).
struct TeamDetailView {
    struct Member: Equatable {
        var userID: String
        var role: String
        var spend: String
    }

    struct Key: Equatable {
        var token: String
        var name: String
        var spend: String
        var blocked: Bool
    }

    var id: String
    var alias: String
    var models: String
    var spend: String
    var budget: String
    var budgetDuration: String
    var limits: String
    var blocked: Bool
    /// The editable values as the change form shows them.
    var maxBudgetValue: String
    var modelsValue: String
    var members: [Member]
    var keys: [Key]
    var canAdminister: Bool
    var csrf: String

    init(_ info: JSON, role: UIRole, csrf: String) {
        let team = info["team_info"] ?? [:]
        id = info["team_id"]?.stringValue ?? ""
        alias = team["team_alias"]?.stringValue ?? ""
        models = Self.names(team["models"])
        spend = Formats.usd(team["spend"]?.doubleValue ?? 0)
        budget = team["max_budget"]?.doubleValue.map { Formats.usd($0) } ?? "no limit"
        budgetDuration = team["budget_duration"]?.stringValue ?? ""
        limits = Self.limits(team)
        blocked = team["blocked"]?.boolValue ?? false
        maxBudgetValue = team["max_budget"]?.doubleValue.map { String($0) } ?? ""
        modelsValue = (team["models"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: ", ")
        members = (team["members_with_roles"]?.arrayValue ?? []).map {
            Member(
                userID: $0["user_id"]?.stringValue ?? "", role: $0["role"]?.stringValue ?? "user", spend: Formats.usd($0["spend"]?.doubleValue ?? 0))
        }
        keys = (info["keys"]?.arrayValue ?? []).map {
            Key(
                token: $0["token"]?.stringValue ?? "", name: $0["key_alias"]?.stringValue ?? $0["key_name"]?.stringValue ?? "",
                spend: Formats.usd($0["spend"]?.doubleValue ?? 0), blocked: $0["blocked"]?.boolValue ?? false)
        }
        canAdminister = role.administers
        self.csrf = csrf
    }

    /// Model names, or `all` for none (a team without a model list reaches every model).
    static func names(_ value: JSON?) -> String {
        let names = (value?.arrayValue ?? []).compactMap(\.stringValue)
        return names.isEmpty ? "all" : names.joined(separator: ", ")
    }

    /// `100 TPM · 10 RPM`, or `—`.
    static func limits(_ object: JSON) -> String {
        var parts: [String] = []
        if let tpm = object["tpm_limit"]?.intValue { parts.append("\(Formats.count(tpm)) TPM") }
        if let rpm = object["rpm_limit"]?.intValue { parts.append("\(Formats.count(rpm)) RPM") }
        return parts.isEmpty ? "—" : parts.joined(separator: " · ")
    }
}
