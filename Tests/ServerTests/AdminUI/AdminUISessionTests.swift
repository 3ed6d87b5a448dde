import Foundation
import GatewayCore
import GatewayTesting
import NIOHTTP1
import Testing

/// The admin UI over real HTTP: login, the session cookie's flags, CSRF on every form, expiry, logout, and that a
/// page offers and does only what the signed-in user may do over the API.
struct AdminUISessionTests {
    @Test func loginSetsAStrictHttpOnlySessionCookie() async throws {
        try await UIGateway.run { gateway in
            let browser = UIBrowser(gateway)
            let anonymous = try await browser.get("/ui")
            #expect(anonymous.status == 303 && anonymous.header("location") == "/ui/login")
            #expect(try await browser.login("sk-wrong").status == 401)
            let login = try await browser.login(UIGateway.master)
            #expect(login.status == 303 && login.header("location") == "/ui")
            let session = try #require(browser.setCookies.first { $0.hasPrefix("tollgate_session=") })
            #expect(session.contains("; HttpOnly") && session.contains("; SameSite=Strict") && session.contains("; Path=/ui"))
            #expect(!session.contains("Secure"), "plain HTTP without a proxy's TLS hint")
            let overview = try await browser.get("/ui")
            #expect(overview.status == 200 && overview.body.contains("<h1>Overview</h1>"))
            #expect(overview.header("content-security-policy")?.contains("script-src 'self'") == true)
            #expect(overview.header("cache-control") == "no-store" && overview.header("x-frame-options") == "DENY")
            #expect(!overview.body.contains(UIGateway.master), "the key is never sent back")

            let behindTLS = UIBrowser(gateway)
            behindTLS.headers["x-forwarded-proto"] = "https"
            try await behindTLS.login(UIGateway.master)
            #expect(behindTLS.setCookies.first { $0.hasPrefix("tollgate_session=") }?.hasSuffix("; Secure") == true)
        }
    }

    @Test func formsWithoutTheSessionsTokenAreRefused() async throws {
        try await UIGateway.run { gateway in
            let browser = UIBrowser(gateway)
            try await browser.get("/ui/login")
            #expect(try await browser.post("/ui/login", [("key", UIGateway.master)], csrf: false).status == 403, "login needs its token too")
            try await browser.login(UIGateway.master)
            try await browser.get("/ui/keys")
            let forged = try await browser.post("/ui/keys/new", [("key_alias", "forged")], csrf: false)
            #expect(forged.status == 403 && forged.body.contains("CSRF"))
            let wrong = try await browser.post("/ui/keys/new", [("csrf", "0"), ("key_alias", "forged")], csrf: false)
            #expect(wrong.status == 403)
            #expect(try await gateway.get("/key/list", key: UIGateway.master).json?["total_count"] == 0, "no key was made")
            // Another session's token does not pass either.
            let other = UIBrowser(gateway)
            try await other.login(UIGateway.master)
            try await other.get("/ui/keys")
            let foreignToken = try #require(other.csrf)
            #expect(try await browser.post("/ui/keys/new", [("csrf", foreignToken), ("key_alias", "x")], csrf: false).status == 403)

            try await browser.get("/ui/keys")
            let created = try await browser.post("/ui/keys/new", [("key_alias", "real"), ("max_budget", "5")])
            #expect(created.status == 200)
            let secret = try #require(created.body.firstMatch(of: /id="new-key">(sk-[^<]+)</)?.1)
            #expect(try await gateway.get("/key/info", key: String(secret)).status == 200, "the key shown works")
            let list = try await browser.get("/ui/keys")
            #expect(list.body.contains("real") && !list.body.contains(String(secret)), "shown once, never again")
        }
    }

    @Test func sessionExpiresOnTheServerAndLogoutEndsIt() async throws {
        try await UIGateway.run(sessionTTL: 1) { gateway in
            let browser = UIBrowser(gateway)
            try await browser.login(UIGateway.master)
            #expect(try await browser.get("/ui/keys").status == 200)
            try await Task.sleep(for: .milliseconds(1300))
            let expired = try await browser.get("/ui/keys")
            #expect(expired.status == 303 && expired.header("location") == "/ui/login?done=expired")
        }
        try await UIGateway.run { gateway in
            let browser = UIBrowser(gateway)
            try await browser.login(UIGateway.master)
            let id = try #require(browser.cookies["tollgate_session"])
            try await browser.get("/ui")
            #expect(try await browser.post("/ui/logout", []).status == 303)
            #expect(browser.cookies["tollgate_session"] == nil)
            let old = try await UIBrowser.fetch(gateway.baseURL + "/ui", method: .GET, headers: ["cookie": "tollgate_session=\(id)"])
            #expect(old.status == 303, "the old id no longer opens a session")
        }
    }

    @Test func internalUserSeesOnlyTheirOwn() async throws {
        try await UIGateway.run { gateway in
            let master = UIGateway.master
            #expect(try await gateway.post("/user/new", json: ["user_id": "eve", "user_role": "internal_user"], key: master).status == 200)
            let eve = try #require(
                try await gateway.post("/key/generate", json: ["user_id": "eve", "key_alias": "eve-key"], key: master).json?["key"]?.stringValue)
            #expect(try await gateway.post("/key/generate", json: ["user_id": "bob", "key_alias": "bob-key"], key: master).status == 200)
            let appKey = try #require(try await gateway.post("/key/generate", json: ["key_alias": "app"], key: master).json?["key"]?.stringValue)

            let browser = UIBrowser(gateway)
            #expect(try await browser.login(appKey).status == 403, "a key of no user does not log in")
            #expect(try await browser.login(eve).status == 303)
            let keys = try await browser.get("/ui/keys")
            #expect(keys.body.contains("eve-key") && !keys.body.contains("bob-key") && !keys.body.contains(">app<"))
            #expect(!keys.body.contains("href=\"/ui/audit\""), "no section the API would refuse")
            #expect(try await browser.get("/ui/audit").status == 403, "and the API refuses it if asked")
            #expect(!keys.body.contains("name=\"user_id\"><"), "no user picker")
            // Blocking the key ends the UI session at the next page.
            #expect(try await gateway.post("/key/block", json: ["key": .string(eve)], key: master).status == 200)
            let revoked = try await browser.get("/ui/keys")
            #expect(revoked.status == 303 && revoked.header("location") == "/ui/login?done=revoked")
        }
    }
}
