import GatewayCore
import GatewayTesting
import Testing

/// The concurrency acceptance over HTTP, on both stores: 20 concurrent promotions leave exactly one
/// production version (and the registry agrees with the store), 20 concurrent new versions get 20 distinct numbers.
struct PolicyConcurrencyTests {
    @Test(arguments: KeyBackend.available)
    func twentyConcurrentPromotionsLeaveExactlyOneProductionVersion(_ backend: KeyBackend) async throws {
        try await PolicyGateway.run(backend) { gateway in
            try await gateway.createPolicy("contested", add: ["no-banana"])
            #expect(try await gateway.attach(["policy_name": "contested", "scope": "*"]).status == 200)
            var ids: [String] = []
            for index in 0..<20 {
                // Even versions check bananas, odd ones SSNs, so which one is live can be told from a request.
                let id = try await gateway.newVersion("contested", ["guardrails_add": [index.isMultiple(of: 2) ? "no-banana" : "no-ssn"]])
                #expect(try await gateway.setStatus(id, "published").status == 200)
                ids.append(id)
            }
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for id in ids { group.addTask { try await gateway.setStatus(id, "production").status } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == 200 }, "\(statuses)")

            let production = try await gateway.get("/policies/list?version_status=production").json?["policies"]?.arrayValue ?? []
            #expect(production.count == 1, "\(production)")
            let live = try #require(production.first)
            let versions = try await gateway.get("/policies/name/contested/versions").json?["versions"]?.arrayValue ?? []
            #expect(versions.filter { $0["version_status"] == "production" }.count == 1)
            #expect(versions.filter { $0["version_status"] == "published" }.count == 20)

            // What requests get is the stored production version's guardrails, not an older promotion's.
            let resolved = try await gateway.resolve(["model": "gpt-test"])
            #expect(resolved["guardrails"] == live["guardrails_add"], "registry \(resolved), store \(live)")
            let checksBananas = live["guardrails_add"] == ["no-banana"]
            #expect(try await gateway.chat("a banana").status == (checksBananas ? 400 : 200))
            #expect(try await gateway.chat("ssn 123-45-6789").status == (checksBananas ? 200 : 400))
        }
    }

    @Test(arguments: KeyBackend.available)
    func twentyConcurrentNewVersionsGetDistinctNumbers(_ backend: KeyBackend) async throws {
        try await PolicyGateway.run(backend) { gateway in
            try await gateway.createPolicy("busy", add: ["no-banana"])
            let replies = try await withThrowingTaskGroup(of: TestEndpoint.Reply.self) { group in
                for _ in 0..<20 { group.addTask { try await gateway.post("/policies/name/busy/versions", [:]) } }
                return try await group.reduce(into: [TestEndpoint.Reply]()) { $0.append($1) }
            }
            #expect(replies.allSatisfy { $0.status == 200 }, "\(replies.filter { $0.status != 200 }.map(\.body))")
            let numbers = replies.compactMap { $0.json?["version_number"]?.intValue }
            #expect(numbers.sorted() == Array(2...21))
            let stored = try await gateway.get("/policies/name/busy/versions").json?["versions"]?.arrayValue ?? []
            #expect(stored.compactMap { $0["version_number"]?.intValue }.sorted() == Array(1...21))
        }
    }
}
