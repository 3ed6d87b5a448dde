import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// `/key/generate` inputs beyond the basics, through HTTP on both stores: a caller-chosen `key`, `expires`
/// against `duration`, unique `key_alias`es, and `/key/list` paging.
struct KeyGenerateInputTests {
    @Test(arguments: KeyBackend.available)
    func aChosenKeyWorksOnceAndNeedsTheSkPrefix(_ backend: KeyBackend) async throws {
        try await KeyTestGateway.run(backend) { gateway in
            let chosen = "sk-imported-from-litellm-0001"
            let reply = try await gateway.post("/key/generate", ["key": .string(chosen), "key_alias": "imported"])
            #expect(reply.status == 200, "\(reply.body)")
            #expect(reply.json?["key"]?.stringValue == chosen && reply.json?["token"]?.stringValue == Secrets.sha256Hex(chosen))
            let chat = try await gateway.chat(chosen)
            #expect(chat.status == 200, "\(chat.body)")

            let duplicate = try await gateway.post("/key/generate", ["key": .string(chosen)])
            #expect(duplicate.status == 400 && duplicate.error?["code"] == "already_exists")
            #expect(!duplicate.body.contains(chosen), "an error never repeats a key")
            for bad: JSON in ["pk-not-a-virtual-key", "sk-", "sk-has space", 42] {
                let refused = try await gateway.post("/key/generate", ["key": bad])
                #expect(refused.status == 400 && refused.error?["param"] == "key", "\(bad): \(refused.body)")
            }
            #expect(try await gateway.get("/key/list").json?["total_count"] == 1, "refused keys are not stored")
            #expect(try await gateway.keyAuditRows().map(\.action) == ["created"])
        }
    }

    @Test(arguments: KeyBackend.available)
    func expiresIsAnISODateTimeAndExcludesDuration(_ backend: KeyBackend) async throws {
        try await KeyTestGateway.run(backend) { gateway in
            let later = try await gateway.post("/key/generate", ["expires": "2099-01-31T12:00:00Z"])
            #expect(later.status == 200, "\(later.body)")
            #expect(later.json?["expires"]?.stringValue?.hasPrefix("2099-01-31T12:00:00") == true)
            #expect(try await gateway.chat(try #require(later.json?["key"]?.stringValue)).status == 200)
            let fractional = try await gateway.post("/key/generate", ["expires": "2099-06-01T00:00:00.250+02:00"])
            #expect(fractional.json?["expires"]?.stringValue?.hasPrefix("2099-05-31T22:00:00.25") == true, "\(fractional.body)")

            // Whole seconds, a few ahead: the request must arrive before it even on a loaded machine.
            let soonDate = Date().addingTimeInterval(10)
            let soon = ISO8601DateFormatter().string(from: soonDate)
            let short = try #require(try await gateway.post("/key/generate", ["expires": .string(soon)]).json?["key"]?.stringValue)
            try await Task.sleep(for: .seconds(soonDate.timeIntervalSinceNow + 1.1))
            #expect(try await gateway.chat(short).error?["code"] == "key_expired")

            let cases: [JSON] = [
                ["expires": "next tuesday"], ["expires": "2099-13-01T00:00:00Z"], ["expires": 4_102_444_800], ["expires": "2001-01-01T00:00:00Z"],
                ["expires": "2099-01-01T00:00:00Z", "duration": "1d"],
            ]
            for body in cases {
                let reply = try await gateway.post("/key/generate", body)
                #expect(reply.status == 400 && reply.error?["param"] == "expires", "\(body): \(reply.body)")
            }
            // /key/update takes it too, and `null` clears it.
            let token = try #require(later.json?["token"]?.stringValue)
            let moved = try await gateway.post("/key/update", ["key": .string(token), "expires": "2098-02-03T04:05:06Z"])
            #expect(moved.json?["expires"]?.stringValue?.hasPrefix("2098-02-03T04:05:06") == true)
            #expect(try await gateway.post("/key/update", ["key": .string(token), "expires": nil]).json?["expires"] == .null)
        }
    }

    @Test(arguments: KeyBackend.available)
    func keyAliasesAreUniqueAcrossKeys(_ backend: KeyBackend) async throws {
        try await KeyTestGateway.run(backend) { gateway in
            let first = try await gateway.generate(["key_alias": "ci"])
            let second = try await gateway.generate(["key_alias": "cd"])
            let taken = try await gateway.post("/key/generate", ["key_alias": "ci"])
            #expect(taken.status == 400 && taken.error?["param"] == "key_alias" && taken.error?["code"] == "already_exists")
            let moved = try await gateway.post("/key/update", ["key": .string(second.token), "key_alias": "ci"])
            #expect(moved.status == 400 && moved.error?["param"] == "key_alias")
            // Re-saving a key with its own alias, or any other field, is fine; a freed alias may be taken.
            #expect(try await gateway.post("/key/update", ["key": .string(first.token), "key_alias": "ci", "max_budget": 3]).status == 200)
            #expect(try await gateway.post("/key/update", ["key": .string(first.token), "key_alias": "ci-old"]).status == 200)
            #expect(try await gateway.post("/key/update", ["key": .string(second.token), "key_alias": "ci"]).status == 200)
            #expect(try await gateway.post("/key/generate", ["key_alias": "CI"]).status == 200, "aliases compare exactly")
            let regenerated = try await gateway.post("/key/regenerate", ["key": .string(second.token)])
            #expect(regenerated.status == 200 && regenerated.json?["key_alias"] == "ci", "regenerate keeps its own alias")
        }
    }

    @Test(arguments: KeyBackend.available)
    func keyListPagesWithLiteLLMsFields(_ backend: KeyBackend) async throws {
        try await KeyTestGateway.run(backend) { gateway in
            try await gateway.createTeam("t-page")
            var tokens: [String] = []
            for index in 0..<5 { tokens.append(try await gateway.generate(index < 3 ? ["team_id": "t-page"] : [:]).token) }
            let first = try #require(try await gateway.get("/key/list?page=1&size=2").json)
            #expect(first["keys"] == .array(tokens.prefix(2).map { .string($0) }), "oldest first")
            #expect(first["total_count"] == 5 && first["current_page"] == 1 && first["total_pages"] == 3)
            let last = try #require(try await gateway.get("/key/list?page=3&size=2").json)
            #expect(last["keys"] == [.string(tokens[4])] && last["current_page"] == 3)
            #expect(try await gateway.get("/key/list?page=4&size=2").json?["keys"] == [])
            let team = try #require(try await gateway.get("/key/list?team_id=t-page&size=2&page=2").json)
            #expect(team["keys"] == [.string(tokens[2])] && team["total_count"] == 3 && team["total_pages"] == 2)
            #expect(try await gateway.get("/key/list").json?["keys"]?.arrayValue?.count == 5, "default size 10")

            for query in ["page=0", "page=-1", "page=x", "size=0", "size=101", "size=ten"] {
                let reply = try await gateway.get("/key/list?\(query)")
                #expect(reply.status == 400, "\(query)")
                #expect(reply.error?["param"]?.stringValue == String(query.prefix { $0 != "=" }), "\(query): \(reply.body)")
            }
        }
    }
}
