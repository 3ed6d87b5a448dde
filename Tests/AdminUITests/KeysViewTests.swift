import GatewayCore
import Testing

@testable import AdminUI

/// The keys page and the key form: what a page of keys shows, which actions a role gets, and the API body a form
/// becomes.
struct KeysViewTests {
    static let key: JSON = [
        "token": "abc123", "key_name": "sk-...wxyz", "key_alias": "billing", "team_id": "ops", "user_id": "eve", "spend": 1.5,
        "max_budget": 10.0, "expires": .null, "models": ["gpt", "claude"], "blocked": true,
    ]

    @Test func rowsAndFilters() {
        let view = KeysView.make(
            keys: [Self.key], total: 60, page: 2, pages: 3, filters: ["team_id": "ops", "q": "bill ing"], role: .admin,
            teams: [["team_id": "ops", "team_alias": "Ops"], ["team_id": "web"]], csrf: "tok")
        let row = try! #require(view.rows.first)
        #expect(
            row
                == KeysView.Row(
                    token: "abc123", name: "sk-...wxyz", alias: "billing", team: "ops", user: "eve", spend: "$1.50", budget: "$10.00",
                    expires: "never",
                    models: "gpt, claude", blocked: true))
        #expect(view.pager.previous == "/ui/keys?page=1&q=bill%20ing&team_id=ops")
        #expect(view.pager.next == "/ui/keys?page=3&q=bill%20ing&team_id=ops")
        #expect(view.teams.map(\.label) == ["Ops (ops)", "web"])
        #expect(view.teams.map(\.selected) == [true, false])
        #expect(view.canManage && view.picksUser)
    }

    @Test func rolesDecideTheActions() {
        func view(_ role: UIRole) -> KeysView {
            KeysView.make(keys: [], total: 0, page: 1, pages: 0, filters: [:], role: role, teams: [], csrf: "")
        }
        #expect(!view(.viewer).canManage, "a viewer reads only")
        #expect(view(.user).canManage && !view(.user).picksUser, "an internal user makes their own keys")
        #expect(!view(.userViewer).canManage)
        #expect(view(.admin).empty && view(.admin).pager.next == nil && view(.admin).pager.pages == 1)
    }

    @Test func createFormBecomesTheGenerateBody() throws {
        let form = FormBody(
            "csrf=x&key_alias=app&team_id=ops&user_id=&models=gpt%2C+claude&max_budget=12.5&soft_budget=&budget_duration=30d&tpm_limit=1000"
                + "&rpm_limit=&max_parallel_requests=&duration=7d&allowed_tools=search%2C+fetch&guardrails=&metadata=%7B%22env%22%3A%22prod%22%7D")
        let body = try KeyForm.body(form, update: false)
        #expect(
            body == [
                "key_alias": "app", "team_id": "ops", "models": ["gpt", "claude"], "max_budget": 12.5, "budget_duration": "30d", "tpm_limit": 1000,
                "duration": "7d", "metadata": ["env": "prod", "allowed_tools": ["search", "fetch"]],
            ])
    }

    @Test func editFormClearsBlankFields() throws {
        let form = FormBody("key_alias=app&team_id=&models=&max_budget=&tpm_limit=5&allowed_tools=&metadata=&duration=")
        let body = try KeyForm.body(form, update: true)
        #expect(body == ["key_alias": "app", "team_id": .null, "models": [], "max_budget": .null, "tpm_limit": 5, "metadata": [:]])
    }

    @Test func badNumbersAndMetadataAreRefused() {
        #expect(throws: GatewayError.self) { try KeyForm.body(FormBody("max_budget=ten"), update: false) }
        #expect(throws: GatewayError.self) { try KeyForm.body(FormBody("tpm_limit=1.5"), update: false) }
        #expect(throws: GatewayError.self) { try KeyForm.body(FormBody("max_budget=nan"), update: false) }
        #expect(throws: GatewayError.self) { try KeyForm.body(FormBody("metadata=%5B1%5D"), update: false) }
    }

    @Test func editViewNeverHoldsTheSecret() {
        var key = Self.key
        key["metadata"] = ["allowed_tools": ["search"], "env": "prod"]
        let view = KeyEditView(key, csrf: "tok", picksUser: false)
        #expect(view.token == "abc123" && view.name == "billing")
        #expect(view.models == "gpt, claude" && view.maxBudget == "10.0" && view.allowedTools == "search")
        #expect(view.metadata == #"{"env":"prod"}"#)
        #expect(KeysPage.isWholeKey("sk-abc") && KeysPage.isWholeKey(String(repeating: "a", count: 64)) && !KeysPage.isWholeKey("billing"))
    }
}
