import GatewayCore
import GatewayTesting
import Testing

/// `/customer/block` and `/customer/unblock` through HTTP on both stores: audited writes, and a request whose
/// `user` names a blocked end user refused at once (the auth cache is invalidated by the write).
struct EndUserBlockTests {
    func chat(_ gateway: KeyTestGateway, _ key: String, user: String?) async throws -> TestEndpoint.Reply {
        var body = GatewayFixture.chat("gpt-test")
        if let user { body["user"] = .string(user) }
        return try await gateway.post("/v1/chat/completions", body, key: key)
    }

    @Test(arguments: KeyBackend.available)
    func blockedEndUsersAre403AndUnknownOnesPass(_ backend: KeyBackend) async throws {
        try await KeyTestGateway.run(backend) { gateway in
            let key = try await gateway.generate()
            #expect(try await gateway.post("/customer/new", ["user_id": "shop-1"]).status == 200)
            #expect(try await chat(gateway, key.secret, user: "shop-1").status == 200)  // now cached as not blocked
            #expect(try await chat(gateway, key.secret, user: "never-seen").status == 200, "unknown end users are allowed")

            let blocked = try await gateway.post("/customer/block", ["user_ids": ["shop-1", "shop-2"]])
            #expect(blocked.status == 200 && blocked.json?["blocked_users"] == ["shop-1", "shop-2"])
            let denied = try await chat(gateway, key.secret, user: "shop-1")
            #expect(denied.status == 403 && denied.error?["code"] == "end_user_blocked")
            #expect(denied.error?["message"]?.stringValue?.contains("shop-1") == true)
            #expect(try await chat(gateway, key.secret, user: "shop-2").error?["code"] == "end_user_blocked", "block creates unknown ones")
            #expect(try await chat(gateway, key.secret, user: nil).status == 200, "no user, no end-user check")
            #expect(try await gateway.get("/customer/info?end_user_id=shop-2").json?["blocked"] == true)

            #expect(try await gateway.post("/customer/unblock", ["user_ids": ["shop-1", "nope"]]).status == 404)
            #expect(try await chat(gateway, key.secret, user: "shop-1").status == 403, "a failed unblock changes nothing")
            let unblocked = try await gateway.post("/customer/unblock", ["user_ids": ["shop-1"]])
            #expect(unblocked.status == 200 && unblocked.json?["unblocked_users"] == ["shop-1"])
            #expect(try await chat(gateway, key.secret, user: "shop-1").status == 200)
            #expect(try await chat(gateway, key.secret, user: "shop-2").status == 403)

            for body: JSON in [[:], ["user_ids": []], ["user_ids": "shop-1"], ["user_ids": [1]]] {
                #expect(try await gateway.post("/customer/block", body).error?["param"] == "user_ids", "\(body)")
            }
            #expect(try await gateway.post("/customer/block", ["user_ids": ["x"]], key: key.secret).status == 403, "admins only")

            let rows = try await gateway.get("/audit/logs?object_type=end_user&object_id=shop-1").json?["audit_logs"]?.arrayValue ?? []
            #expect(rows.compactMap { $0["action"]?.stringValue } == ["updated", "updated", "created"])
            #expect(rows.first?["after"]?["blocked"] == false && rows[1]["after"]?["blocked"] == true)
            let created = try await gateway.get("/audit/logs?object_type=end_user&object_id=shop-2").json?["audit_logs"]?.arrayValue
            #expect(created?.compactMap { $0["action"]?.stringValue } == ["created"])
        }
    }

    @Test func aCachedEndUserCostsNoStoreRead() async throws {
        try await KeyTestGateway.run(.sqlite, counting: true) { gateway in
            let key = try await gateway.generate()
            let path = try #require(gateway.sqlitePath)
            #expect(try await chat(gateway, key.secret, user: "shop-9").status == 200)
            let reads = KeyCountingStore.entityReads(path: path)
            for _ in 0..<3 { #expect(try await chat(gateway, key.secret, user: "shop-9").status == 200) }
            #expect(KeyCountingStore.entityReads(path: path) == reads, "an unknown end user is cached too")
            #expect(try await gateway.post("/customer/block", ["user_ids": ["shop-9"]]).status == 200)
            #expect(try await chat(gateway, key.secret, user: "shop-9").status == 403, "the write drops the cached entry")
        }
    }
}
