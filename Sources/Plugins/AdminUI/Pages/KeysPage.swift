import GatewayCore

/// `/ui/keys`: the paged, searchable key list (`/key/list`, `/key/info`), the create form (`/key/generate`) with the
/// one-time reveal, the edit form (`/key/update`) and block, unblock, regenerate and delete.
enum KeysPage {
    static let pageSize = 25
    static let filterNames: Set<String> = ["q", "team_id", "user_id"]

    static func list(_ context: UIContext, _ renderer: PageRenderer) async throws -> UIResult {
        let filters = context.query.filter { filterNames.contains($0.key) }
        let page = max(1, Int(context.query["page"] ?? "") ?? 1)
        var keys: [JSON] = []
        var total = 0, pages = 1
        if let search = filters["q"], isWholeKey(search) {
            // A whole key (or its hash) finds that key, if the caller may read it.
            if let info = try? await context.admin(.get, "/key/info", query: ["key": search])["info"] {
                keys = [info]
                total = 1
            }
        } else {
            var query = ["return_full_object": "true", "size": String(pageSize), "page": String(page)]
            query["team_id"] = filters["team_id"]
            query["user_id"] = filters["user_id"]
            query["key_alias"] = filters["q"]
            let answer = try await context.admin(.get, "/key/list", query: query)
            keys = answer["keys"]?.arrayValue ?? []
            total = answer["total_count"]?.intValue ?? keys.count
            pages = answer["total_pages"]?.intValue ?? 1
        }
        let teams = try await context.admin(.get, "/team/list").arrayValue ?? []
        let view = KeysView.make(
            keys: keys, total: total, page: page, pages: pages, filters: filters, role: context.role, teams: teams, csrf: context.session.csrfToken)
        return .page(title: "Keys", section: .keys, html: renderer.render(view, "keys"))
    }

    /// A plain key (`sk-…`) or a key's hash (64 hex digits): the search names one key.
    static func isWholeKey(_ text: String) -> Bool {
        text.hasPrefix("sk-") || (text.count == 64 && text.allSatisfy(\.isHexDigit))
    }

    static func create(_ context: UIContext, _ renderer: PageRenderer) async throws -> UIResult {
        var body = try KeyForm.body(context.form, update: false)
        // An internal user's new key is their own: the API sets the user, the form offers no other.
        if !context.role.administers { body["user_id"] = nil }
        let created = try await context.admin(.post, "/key/generate", body: body)
        return revealed(created, renderer, title: "Key created")
    }

    static func edit(_ context: UIContext, _ renderer: PageRenderer) async throws -> UIResult {
        guard let token = context.query["key"] else { throw GatewayError.badRequest("Name a key to edit.", param: "key") }
        let info = try await context.admin(.get, "/key/info", query: ["key": token])["info"] ?? [:]
        let view = KeyEditView(info, csrf: context.session.csrfToken, picksUser: context.role.administers)
        return .page(title: "Edit key \(view.name)", section: .keys, html: renderer.render(view, "key_edit"))
    }

    static func update(_ context: UIContext) async throws -> UIResult {
        guard let token = context.form.text("key") else { throw GatewayError.badRequest("Name a key to edit.", param: "key") }
        var body = try KeyForm.body(context.form, update: true)
        if !context.role.administers { body["user_id"] = nil }
        body["key"] = .string(token)
        _ = try await context.admin(.post, "/key/update", body: body)
        return .redirect("/ui/keys?done=key_updated")
    }

    /// Block, unblock, regenerate (shows the new key once) or delete one key.
    static func act(_ context: UIContext, _ renderer: PageRenderer) async throws -> UIResult {
        guard let token = context.form.text("key") else { throw GatewayError.badRequest("Name a key.", param: "key") }
        switch context.form["action"] {
        case "block":
            _ = try await context.admin(.post, "/key/block", body: ["key": .string(token)])
            return .redirect("/ui/keys?done=key_blocked")
        case "unblock":
            _ = try await context.admin(.post, "/key/unblock", body: ["key": .string(token)])
            return .redirect("/ui/keys?done=key_unblocked")
        case "delete":
            _ = try await context.admin(.post, "/key/delete", body: ["keys": [.string(token)]])
            return .redirect("/ui/keys?done=key_deleted")
        case "regenerate":
            let created = try await context.admin(.post, "/key/regenerate", body: ["key": .string(token)])
            return revealed(created, renderer, title: "Key regenerated")
        default:
            throw GatewayError.badRequest("Unknown key action.", param: "action")
        }
    }

    /// The one page that shows a plain key: right after it was made, never again.
    static func revealed(_ created: JSON, _ renderer: PageRenderer, title: String) -> UIResult {
        let view = KeyCreatedView(
            secret: created["key"]?.stringValue ?? "", token: created["token"]?.stringValue ?? "", alias: created["key_alias"]?.stringValue,
            team: created["team_id"]?.stringValue)
        return .page(title: title, section: .keys, html: renderer.render(view, "key_created"))
    }
}

/// The one-time reveal of a new key.
struct KeyCreatedView: Equatable {
    var secret: String
    var token: String
    /// Nil when the key has none (a Mustache section would show an empty string).
    var alias: String?
    var team: String?
}
