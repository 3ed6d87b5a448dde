import AsyncHTTPClient
import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// Budget admission at a budget's edge, over HTTP on both stores: a request whose worst case does not fit is admitted
/// only alone and reserves all that is left, so near the edge requests go one at a time and at most one crosses the
/// budget (`budget_admission: edge`, the default); `strict` never admits one.
struct BudgetEdgeOverHTTPTests {
    /// A chat request for `held` without `max_tokens`: its worst case (4,096 output tokens) is far above the budgets
    /// here, while one answered call costs ``ReservationGateway/callCost``.
    static let uncapped: JSON = ["model": "held", "messages": [["role": "user", "content": "Summarize our Q3 numbers in one line."]]]

    @Test("16 concurrent first requests against a budget that covers exactly one call: one admitted, then none", arguments: KeyBackend.available)
    func oneCallBudget(_ backend: KeyBackend) async throws {
        try await HeldGateways.run(backend) { gateways in
            let key = try await gateways.generateKey(["max_budget": .double(ReservationGateway.callCost)])
            try await ConcurrentClient.withClient(connections: 16) { client in
                let sent = try await gateways.sendAtOnce(16, body: Self.uncapped, key: key.secret, client: client)
                #expect(await gateways.gate.arrivals == 1, "admitted and held upstream")
                let refusals = await sent.refusals
                #expect(refusals.count == 15)
                for refusal in refusals {
                    let error = try JSONParser.parse(refusal.body)["error"]
                    #expect(refusal.status == 400 && error?["type"] == "budget_exceeded", "\(refusal.body)")
                    #expect(error?["message"]?.stringValue?.contains("admitted one at a time") == true, "\(refusal.body)")
                }
                await gateways.gate.release(.answer)
                #expect(try await sent.statuses().count(where: { $0 == 200 }) == 1)
            }
            try await gateways.waitUntilSettled(keyHash: key.hash, calls: 1)
            let spent = try await gateways.endpoints[0].post("/v1/chat/completions", json: Self.uncapped, key: key.secret)
            #expect(spent.status == 400)
            #expect(spent.body.contains("spend 0.000810 USD, max budget 0.000810 USD"), "\(spent.body)")
        }
    }

    @Test("a budget below one call's worst case: calls admitted one at a time until spend reaches it, then refused", arguments: KeyBackend.available)
    func budgetBelowOneWorstCase(_ backend: KeyBackend) async throws {
        let body = ReservationGateway.chat()
        let budget = 2.5 * ReservationGateway.callCost
        #expect(ReservationGateway.worstCase(body) > budget, "each call's worst case is more than the whole budget")
        try await HeldGateways.run(backend) { gateways in
            let key = try await gateways.generateKey(["max_budget": .double(budget)])
            try await ConcurrentClient.withClient(connections: 3) { client in
                // Three rounds of three at once: each round one is admitted and the others are told to wait for it.
                for round in 1...3 {
                    await gateways.gate.hold()
                    let arrivals = await gateways.gate.arrivals
                    let sent = try await gateways.sendAtOnce(3, body: body, key: key.secret, client: client)
                    #expect(await gateways.gate.arrivals == arrivals + 1, "round \(round): one admitted")
                    let refusals = await sent.refusals
                    #expect(refusals.count == 2 && refusals.allSatisfy { $0.body.contains("admitted one at a time") }, "round \(round): \(refusals)")
                    await gateways.gate.release(.answer)
                    #expect(try await sent.statuses().sorted() == [200, 400, 400])
                    try await gateways.waitUntilSettled(keyHash: key.hash, calls: round)
                }
            }
            // 3 × 0.00081 = 0.00243: the third call crossed the budget of 0.002025, by less than its own cost.
            let spent = try await gateways.endpoints[0].post("/v1/chat/completions", json: body, key: key.secret)
            #expect(spent.status == 400)
            #expect(spent.body.contains("spend 0.002430 USD, max budget 0.002025 USD"), "\(spent.body)")
        }
    }

    @Test("strict admission: a request whose worst case is more than the whole budget is refused, even alone", arguments: KeyBackend.available)
    func strictNeverExceeds(_ backend: KeyBackend) async throws {
        try await HeldGateways.run(backend, budgets: #"{"budget_admission": "strict"}"#) { gateways in
            await gateways.gate.release(.answer)
            let key = try await gateways.generateKey(["max_budget": .double(ReservationGateway.callCost)])
            let reply = try await gateways.endpoints[0].post("/v1/chat/completions", json: Self.uncapped, key: key.secret)
            #expect(reply.status == 400, "\(reply.body)")
            #expect(reply.error?["message"]?.stringValue?.contains("more than its whole max budget") == true, "\(reply.body)")
            #expect(await gateways.gate.arrivals == 0)
        }
    }

    @Test("two Postgres instances sharing a budget below one worst case: still one request at a time across both")
    func oneAtATimeAcrossInstances() async throws {
        guard KeyBackend.available.contains(.postgres) else { return }
        try await SharedGateways.run(count: 2) { shared in
            let gateways = HeldGateways(endpoints: shared.endpoints, gate: shared.gate)
            let key = try await gateways.generateKey(["max_budget": .double(ReservationGateway.callCost)])
            try await ConcurrentClient.withClient(connections: 16) { client in
                let sent = try await gateways.sendAtOnce(16, body: Self.uncapped, key: key.secret, client: client)
                #expect(await gateways.gate.arrivals == 1, "one admitted over both instances")
                #expect(await sent.refusals.count == 15)
                await gateways.gate.release(.answer)
                #expect(try await sent.statuses().count(where: { $0 == 200 }) == 1)
            }
        }
    }
}

/// Gateways in front of the held upstream (``HoldingUpstream``, model `held`) on one backend: one gateway on SQLite,
/// or gateways sharing a scratch Postgres database.
struct HeldGateways {
    let endpoints: [TestEndpoint]
    let gate: Gate

    /// Runs `body` with one gateway on `backend`. - Parameter budgets: the budgets plugin's config object (JSON text).
    static func run(_ backend: KeyBackend, budgets: String = "{}", _ body: (HeldGateways) async throws -> Void) async throws {
        switch backend {
        case .sqlite:
            try await ReservationGateway.run(budgets: budgets) { try await body(HeldGateways(endpoints: [$0.endpoint], gate: $0.gate)) }
        case .postgres:
            try await SharedGateways.run(count: 1, budgets: budgets) { try await body(HeldGateways(endpoints: $0.endpoints, gate: $0.gate)) }
        }
    }

    /// `/key/generate` with the master key. - Returns: the plain key and its hash.
    func generateKey(_ body: JSON) async throws -> (secret: String, hash: String) {
        let reply = try await endpoints[0].post("/key/generate", json: body, key: ReservationGateway.master)
        #expect(reply.status == 200, "\(reply.body)")
        return (try #require(reply.json?["key"]?.stringValue), try #require(reply.json?["token"]?.stringValue))
    }

    func sendAtOnce(_ count: Int, body: JSON, key: String, client: HTTPClient) async throws -> AtOnce {
        try await AtOnce.send(count, to: endpoints, body: body, key: key, client: client, gate: gate)
    }

    /// Waits until the key's spend is `calls` answered calls: those calls have settled (the commit that counts the
    /// cost is the one that releases the reservation), so the next request is decided on spend alone.
    func waitUntilSettled(keyHash: String, calls: Int) async throws {
        let expected = Int64(calls) * SpendUnits.units(ReservationGateway.callCost)
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let info = try await endpoints[0].get("/key/info?key=\(keyHash)", key: ReservationGateway.master).json
            if let spend = info?["info"]?["spend"]?.doubleValue, SpendUnits.units(spend) >= expected { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw TestFailure("the key's spend never reached \(calls) calls")
    }
}
