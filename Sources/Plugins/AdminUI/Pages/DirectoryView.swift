import GatewayCore

/// Users, organizations or customers (end users) as a table: the columns of each kind, one row per object.
struct DirectoryView {
    enum Kind: String, Sendable {
        case users, organizations, customers
    }

    struct Row: Equatable {
        var id: String
        var cells: [Cell]
        var blocked: Bool
    }

    struct Cell: Equatable {
        var text: String
    }

    var kind: String
    var columns: [Cell]
    var rows: [Row]
    var empty: Bool
    var pager: PagerView?
    var canAdminister: Bool
    var isUsers: Bool
    var isOrganizations: Bool
    var isCustomers: Bool
    var csrf: String

    static func make(_ kind: Kind, objects: [JSON], pager: PagerView?, role: UIRole, csrf: String) -> DirectoryView {
        let columns: [String]
        let rows: [Row]
        func money(_ value: JSON?) -> String { value?.doubleValue.map { Formats.usd($0) } ?? "—" }
        switch kind {
        case .users:
            columns = ["User", "Email", "Role", "Teams", "Spend", "Budget"]
            rows = objects.map {
                let id = $0["user_id"]?.stringValue ?? ""
                let teams = ($0["teams"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: ", ")
                return Row(
                    id: id,
                    cells: [
                        id, $0["user_email"]?.stringValue ?? "", $0["user_role"]?.stringValue ?? "", teams, money($0["spend"] ?? 0),
                        money($0["max_budget"]),
                    ]
                    .map(Cell.init), blocked: false)
            }
        case .organizations:
            columns = ["Organization", "Alias", "Models", "Spend", "Budget"]
            rows = objects.map {
                let id = $0["organization_id"]?.stringValue ?? ""
                return Row(
                    id: id,
                    cells: [
                        id, $0["organization_alias"]?.stringValue ?? "", TeamDetailView.names($0["models"]), money($0["spend"] ?? 0),
                        money($0["max_budget"]),
                    ]
                    .map(Cell.init), blocked: false)
            }
        case .customers:
            columns = ["Customer", "Alias", "Spend", "Budget", "Status"]
            rows = objects.map {
                let id = $0["user_id"]?.stringValue ?? ""
                let blocked = $0["blocked"]?.boolValue ?? false
                return Row(
                    id: id,
                    cells: [id, $0["alias"]?.stringValue ?? "", money($0["spend"] ?? 0), money($0["max_budget"]), blocked ? "blocked" : "active"]
                        .map(Cell.init), blocked: blocked)
            }
        }
        return DirectoryView(
            kind: kind.rawValue, columns: columns.map(Cell.init), rows: rows, empty: rows.isEmpty, pager: pager, canAdminister: role.administers,
            isUsers: kind == .users, isOrganizations: kind == .organizations, isCustomers: kind == .customers, csrf: csrf)
    }
}
