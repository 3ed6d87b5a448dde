import Foundation
import GatewayCore
import Testing

@testable import AdminUI

/// Every template parses and renders; values are escaped; the layout shows navigation by role.
struct TemplatesTests {
    let renderer: PageRenderer

    init() throws { renderer = try PageRenderer() }

    @Test func valuesAreEscaped() {
        var key = KeysViewTests.key
        key["key_alias"] = "<script>alert(1)</script>"
        let view = KeysView.make(keys: [key], total: 1, page: 1, pages: 1, filters: ["q": "\"><img>"], role: .admin, teams: [], csrf: "tok")
        let html = renderer.render(view, "keys")
        #expect(!html.contains("<script>alert") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("\"><img>"))
    }

    @Test func everyFormCarriesTheCSRFToken() {
        let view = KeysView.make(keys: [KeysViewTests.key], total: 1, page: 1, pages: 1, filters: [:], role: .admin, teams: [], csrf: "tok-123")
        let html = renderer.render(view, "keys")
        let posts = html.components(separatedBy: "method=\"post\"").count - 1
        let tokens = html.components(separatedBy: "name=\"csrf\" value=\"tok-123\"").count - 1
        #expect(posts == 3 && tokens == posts, "block/regenerate, delete and create")
        #expect(html.contains("Unblock") && !html.contains(">Block<"), "a blocked key offers unblock")
        let viewer = renderer.render(
            KeysView.make(keys: [KeysViewTests.key], total: 1, page: 1, pages: 1, filters: [:], role: .viewer, teams: [], csrf: "t"), "keys")
        #expect(!viewer.contains("method=\"post\""), "a viewer gets no form that writes")
    }

    @Test func layoutNavigationFollowsTheRole() {
        func page(_ role: UIRole) -> String {
            renderer.page(
                title: "T", body: "<p>body</p>",
                chrome: LayoutView.Chrome(items: LayoutView.items(for: role, current: .keys), who: "eve", role: role.label, csrf: "c"))
        }
        let admin = page(.admin), user = page(.user)
        #expect(admin.contains("href=\"/ui/audit\"") && admin.contains("href=\"/ui/models\""))
        #expect(
            !user.contains("href=\"/ui/audit\"") && !user.contains("href=\"/ui/models\"") && user.contains("href=\"/ui/keys\" aria-current=\"page\""))
        #expect(user.contains("<p>body</p>"), "the page body is the UI's own HTML")
        #expect(user.contains("name=\"csrf\" value=\"c\""), "the logout form carries the token")
        #expect(!renderer.page(title: "Log in", body: "", chrome: nil).contains("<nav>"))
    }

    @Test func everyTemplateRenders() {
        for (name, _) in Templates.all {
            #expect(!renderer.render(["csrf": "x"], name).contains("Missing template"), "\(name)")
        }
        let created = renderer.render(KeyCreatedView(secret: "sk-secret", token: "h", alias: nil, team: "ops"), "key_created")
        #expect(created.contains("id=\"new-key\">sk-secret<") && created.contains("data-copy=\"new-key\""))
        #expect(!created.contains("alias") && created.contains("team ops"))
        let success = renderer.render(LogDetailView(["call_id": "x", "status": "success"]), "log_detail")
        #expect(!success.contains("class=\"error\""), "no empty error box")
    }
}
