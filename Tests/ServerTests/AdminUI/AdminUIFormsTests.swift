import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// The UI's forms do what the API does: each form's effect checked through the API itself.
struct AdminUIFormsTests {
    static func field(_ body: String, _ id: String) -> String? {
        guard let range = body.range(of: "id=\"\(id)\">") else { return nil }
        return String(body[range.upperBound...].prefix { $0 != "<" })
    }

    @Test func keyFormsEditRegenerateAndDelete() async throws {
        try await UIGateway.run { gateway in
            let master = UIGateway.master
            let browser = UIBrowser(gateway)
            try await browser.login(master)
            try await browser.get("/ui/keys")
            let created = try await browser.post(
                "/ui/keys/new", [("key_alias", "edit-me"), ("models", UIGateway.model), ("tpm_limit", "1000"), ("allowed_tools", "search")])
            let secret = try #require(Self.field(created.body, "new-key"))
            let token = try #require(Self.field(created.body, "new-token"))
            var info = try #require(try await gateway.get("/key/info?key=\(token)", key: master).json?["info"])
            #expect(info["models"] == [.string(UIGateway.model)] && info["tpm_limit"] == 1000 && info["metadata"]?["allowed_tools"] == ["search"])

            let edit = try await browser.get("/ui/keys/edit?key=\(token)")
            #expect(edit.status == 200 && edit.body.contains("value=\"edit-me\"") && !edit.body.contains(secret))
            #expect(
                try await browser.post("/ui/keys/edit", [("key", token), ("key_alias", "edited"), ("max_budget", "7"), ("tpm_limit", "")]).status
                    == 303)
            info = try #require(try await gateway.get("/key/info?key=\(token)", key: master).json?["info"])
            #expect(info["key_alias"] == "edited" && info["max_budget"]?.doubleValue == 7 && info["tpm_limit"] == .null)

            try await browser.get("/ui/keys")
            let regenerated = try await browser.post("/ui/keys/action", [("key", token), ("action", "regenerate")])
            let newSecret = try #require(Self.field(regenerated.body, "new-key"))
            let newToken = try #require(Self.field(regenerated.body, "new-token"))
            #expect(newSecret != secret)
            #expect(try await gateway.get("/key/info", key: secret).status == 401, "the old key stops working")
            #expect(try await gateway.get("/key/info", key: newSecret).status == 200)

            try await browser.get("/ui/keys")
            #expect(try await browser.post("/ui/keys/action", [("key", newToken), ("action", "delete")]).status == 303)
            #expect(try await gateway.get("/key/info?key=\(newToken)", key: master).status == 404)
            let bad = try await browser.post("/ui/keys/new", [("max_budget", "lots")])
            #expect(bad.status == 403, "the last page was a redirect: no token to send")
            try await browser.get("/ui/keys")
            let refused = try await browser.post("/ui/keys/new", [("max_budget", "lots")])
            #expect(refused.status == 400 && refused.body.contains("max_budget must be a number"))
        }
    }

    @Test func teamDirectoryAndModelForms() async throws {
        try await UIGateway.run { gateway in
            let master = UIGateway.master
            let browser = UIBrowser(gateway)
            try await browser.login(master)
            try await browser.get("/ui/users")
            #expect(try await browser.post("/ui/directory/action", [("kind", "users"), ("action", "create"), ("user_id", "zoe")]).status == 303)
            try await browser.get("/ui/teams")
            let team = try await browser.post("/ui/teams/new", [("team_id", "core"), ("team_alias", "Core"), ("max_budget", "20")])
            #expect(team.status == 303 && team.header("location") == "/ui/teams/view?team_id=core&done=team_created")
            try await browser.get("/ui/teams/view?team_id=core")
            #expect(
                try await browser.post("/ui/teams/action", [("team_id", "core"), ("action", "add_member"), ("user_id", "zoe"), ("role", "admin")])
                    .status == 303)
            let page = try await browser.get("/ui/teams/view?team_id=core&done=member_added")
            #expect(page.body.contains("Member added.") && page.body.contains("<td>zoe</td><td>admin</td>"))
            let members = try await gateway.get("/team/info?team_id=core", key: master).json?["team_info"]?["members_with_roles"]
            #expect(members?.arrayValue?.contains { $0["user_id"] == "zoe" && $0["role"] == "admin" } == true)

            try await browser.get("/ui/customers")
            #expect(try await browser.post("/ui/directory/action", [("kind", "customers"), ("action", "create"), ("user_id", "acme")]).status == 303)
            try await browser.get("/ui/customers")
            #expect(try await browser.post("/ui/directory/action", [("kind", "customers"), ("action", "block"), ("id", "acme")]).status == 303)
            #expect(try await gateway.get("/customer/info?end_user_id=acme", key: master).json?["blocked"] == true)

            try await browser.get("/ui/models")
            let added = try await browser.post(
                "/ui/models/action",
                [("action", "create"), ("model_name", "ui-added"), ("model", "openai/echo"), ("api_key", "sk-upstream-secret-9")])
            #expect(added.status == 303)
            let models = try await browser.get("/ui/models")
            #expect(models.body.contains("ui-added") && !models.body.contains("sk-upstream-secret-9"), "the credential is masked")
            let id = try #require(
                try await gateway.get("/model/info", key: master).json?["data"]?.arrayValue?.first { $0["model_name"] == "ui-added" }?["model_info"]?[
                    "id"]?
                    .stringValue)
            #expect(try await browser.post("/ui/models/action", [("action", "delete"), ("id", id)]).status == 303)
            #expect(try await gateway.get("/model/info?litellm_model_id=\(id)", key: master).status == 404)

            try await browser.get("/ui/models")
            let played = try await browser.post("/ui/models/playground", [("model", UIGateway.model), ("prompt", "hi there")])
            #expect(played.status == 200 && played.body.contains("id=\"answer\"") && played.body.contains("id=\"trace\""))
            #expect(try await browser.get("/ui/policies").body.contains("not enabled"))
        }
    }
}
