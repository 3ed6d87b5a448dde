import GatewayCore

/// The keys page: one page of keys with the filters that produced it, and whether the caller may change keys.
struct KeysView {
    struct Row: Equatable {
        var token: String
        var name: String
        var alias: String
        var team: String
        var user: String
        var spend: String
        var budget: String
        var expires: String
        var models: String
        var blocked: Bool
    }

    var rows: [Row]
    var empty: Bool
    var pager: PagerView
    var q: String
    var teamID: String
    var userID: String
    var canManage: Bool
    /// Admins pick any user for a new key; an internal user's key is their own.
    var picksUser: Bool
    var teams: [Option]
    var csrf: String

    struct Option: Equatable {
        var id: String
        var label: String
        var selected: Bool
    }

    /// - Parameters:
    ///   - keys: full key objects (`/key/list?return_full_object=true`, or one `/key/info`).
    ///   - filters: the list's query (`q`, `team_id`, `user_id`).
    static func make(
        keys: [JSON], total: Int, page: Int, pages: Int, filters: [String: String], role: UIRole, teams: [JSON], csrf: String
    ) -> KeysView {
        let rows = keys.map { key in
            Row(
                token: key["token"]?.stringValue ?? "", name: key["key_name"]?.stringValue ?? "", alias: key["key_alias"]?.stringValue ?? "",
                team: key["team_id"]?.stringValue ?? "", user: key["user_id"]?.stringValue ?? "", spend: Formats.usd(key["spend"]?.doubleValue ?? 0),
                budget: key["max_budget"]?.doubleValue.map { Formats.usd($0) } ?? "—",
                expires: key["expires"]?.stringValue.map(Formats.time) ?? "never",
                models: (key["models"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: ", "),
                blocked: key["blocked"]?.boolValue ?? false)
        }
        let teamOptions = teams.compactMap { team -> Option? in
            guard let id = team["team_id"]?.stringValue else { return nil }
            let alias = team["team_alias"]?.stringValue
            return Option(id: id, label: alias.map { "\($0) (\(id))" } ?? id, selected: id == filters["team_id"])
        }
        return KeysView(
            rows: rows, empty: rows.isEmpty, pager: PagerView(path: "/ui/keys", filters: filters, page: page, pages: pages, total: total),
            q: filters["q"] ?? "", teamID: filters["team_id"] ?? "", userID: filters["user_id"] ?? "", canManage: role.managesKeys,
            picksUser: role.administers, teams: teamOptions, csrf: csrf)
    }
}
