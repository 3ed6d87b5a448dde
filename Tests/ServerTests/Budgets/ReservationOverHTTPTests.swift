import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// The issue's acceptance for budgets that cannot be raced, over HTTP: concurrent first requests are all at the
/// gateway's admission at once (the upstream holds the admitted ones), and only those whose worst case fits pass.
struct ReservationOverHTTPTests {
    /// Where the budget sits: on a fresh key, a fresh end user under the default end-user budget, a fresh team, a tag.
    enum Level: String, CaseIterable, CustomTestStringConvertible {
        case key, endUser, team, tag

        var testDescription: String { rawValue }

        /// The budgets plugin's config for a budget of `budget` USD.
        func budgets(_ budget: Double) -> String {
            switch self {
            case .endUser: #"{"end_user_budget": {"max_budget": \#(budget)}}"#
            case .tag: #"{"tag_budgets": {"campaign": {"max_budget": \#(budget)}}}"#
            case .key, .team: "{}"
            }
        }

        /// The request body (the end user and the tag are the body's).
        var body: JSON {
            var body = ReservationGateway.chat()
            if self == .endUser { body["user"] = "cust-fresh" }
            if self == .tag { body["metadata"] = ["tags": ["campaign"]] }
            return body
        }

        /// A fresh key the budget applies to.
        func key(_ gateway: ReservationGateway, budget: Double) async throws -> (secret: String, hash: String) {
            switch self {
            case .key:
                return try await gateway.generateKey(["max_budget": .double(budget)])
            case .team:
                try await gateway.create("/team/new", ["team_id": "fresh-team", "max_budget": .double(budget)])
                return try await gateway.generateKey(["team_id": "fresh-team"])
            case .endUser, .tag:
                return try await gateway.generateKey()
            }
        }

        /// What `/…/info` shows as the level's spend.
        func spend(_ gateway: ReservationGateway, keyHash: String) async throws -> Double? {
            switch self {
            case .key: try await gateway.endpoint.get("/key/info?key=\(keyHash)", key: ReservationGateway.master).json?["info"]?["spend"]?.doubleValue
            case .team:
                try await gateway.endpoint.get("/team/info?team_id=fresh-team", key: ReservationGateway.master).json?["team_info"]?["spend"]?
                    .doubleValue
            case .endUser:
                try await gateway.endpoint.get("/customer/info?end_user_id=cust-fresh", key: ReservationGateway.master).json?["spend"]?.doubleValue
            case .tag: nil
            }
        }
    }

    @Test("50 concurrent first requests against a budget of k worst cases: k admitted, the rest refused", arguments: Level.allCases, [1, 3])
    func fiftyConcurrentFirstRequests(_ level: Level, fits: Int) async throws {
        let worst = ReservationGateway.worstCase(level.body)
        // One request: exactly its worst case. Several: k and a half, so k fit and k + 1 do not.
        let budget = fits == 1 ? worst : (Double(fits) + 0.5) * worst
        try await ReservationGateway.run(budgets: level.budgets(budget)) { gateway in
            let key = try await level.key(gateway, budget: budget)
            try await ConcurrentClient.withClient(connections: 50) { client in
                let sent = try await gateway.sendAtOnce(50, body: level.body, key: key.secret, client: client)
                #expect(await gateway.gate.arrivals == fits, "admitted and held upstream")
                let refusals = await sent.refusals
                #expect(refusals.count == 50 - fits)
                for refusal in refusals {
                    let error = try JSONParser.parse(refusal.body)["error"]
                    #expect(refusal.status == 400 && error?["type"] == "budget_exceeded", "\(refusal.status) \(refusal.body)")
                }

                await gateway.gate.release(.answer)
                let statuses = try await sent.statuses()
                #expect(statuses.count(where: { $0 == 200 }) == fits)
            }
            // Settled: the spend is the real cost of the admitted requests, in the log and in the counters.
            let answered = try await Self.waitForSuccessRows(gateway, keyHash: key.hash, count: fits)
            #expect(answered.count == fits)
            #expect(answered.allSatisfy { $0["spend"]?.doubleValue == ReservationGateway.callCost }, "\(answered)")
            if let spend = try await level.spend(gateway, keyHash: key.hash) {
                #expect(SpendUnits.units(spend) == Int64(fits) * SpendUnits.units(ReservationGateway.callCost))
            }
        }
    }

    @Test("an upstream failure releases the reservation: the next request is admitted")
    func upstreamFailureReleases() async throws {
        let worst = ReservationGateway.worstCase(ReservationGateway.chat())
        try await ReservationGateway.run { gateway in
            // Room for one request in flight, and for a second once the first has settled at its real cost.
            let key = try await gateway.generateKey(["max_budget": .double(1.5 * worst)])
            let first = Task { try await gateway.endpoint.post("/v1/chat/completions", json: ReservationGateway.chat(), key: key.secret) }
            try await gateway.gate.wait { arrivals, _ in arrivals == 1 }
            let second = try await gateway.endpoint.post("/v1/chat/completions", json: ReservationGateway.chat(), key: key.secret)
            #expect(second.status == 400, "the first request holds its worst case")
            #expect(second.error?["message"]?.stringValue?.contains("reserved by requests in flight") == true, "\(second.body)")

            await gateway.gate.release(.fail)
            #expect(try await first.value.status == 502)
            await gateway.gate.release(.answer)
            let third = try await gateway.endpoint.post("/v1/chat/completions", json: ReservationGateway.chat(), key: key.secret)
            #expect(third.status == 200, "released: \(third.body)")
        }
    }

    @Test("a client that leaves mid-stream releases the reservation: the next request is admitted")
    func clientDisconnectReleases() async throws {
        let worst = ReservationGateway.worstCase(ReservationGateway.chat(stream: true))
        try await ReservationGateway.run { gateway in
            let key = try await gateway.generateKey(["max_budget": .double(1.5 * worst)])
            // The client reads the first chunk, then closes its connection while the upstream holds the rest.
            let requestID = try await StreamingClient.readFirstChunkAndLeave(
                gateway.endpoint, path: "/v1/chat/completions", body: ReservationGateway.chat(stream: true), key: key.secret)

            // The upstream goes on; the gateway's next write to the reset connection fails, the stream is dropped and
            // settled (the commit runs before the spend-log row is queued). On a loaded machine the gateway may write
            // more of it, or all of it, before it sees the reset: settled all the same, at the upstream's usage or at
            // the gateway's estimate of what it relayed (never above the request's max_tokens).
            await gateway.gate.release(.answer)
            let spend = try #require(try await gateway.spendRow(requestID: requestID)["spend"]?.doubleValue)
            #expect(spend > 0 && spend <= worst, "settled within its reservation: \(spend)")
            // Room for the next request's worst case beside what the stream cost, never beside a reservation left held.
            let budget = spend + 1.5 * worst
            try await gateway.create("/key/update", ["key": .string(key.hash), "max_budget": .double(budget)])
            let next = try await gateway.endpoint.post("/v1/chat/completions", json: ReservationGateway.chat(), key: key.secret)
            #expect(next.status == 200, "released: \(next.body)")
        }
    }

    /// The successful spend-log rows of a key, once there are `count`.
    static func waitForSuccessRows(_ gateway: ReservationGateway, keyHash: String, count: Int) async throws -> [JSON] {
        let deadline = ContinuousClock.now + .seconds(60)
        var rows: [JSON] = []
        while ContinuousClock.now < deadline {
            let page = try await gateway.endpoint.get("/spend/logs?api_key=\(keyHash)&page_size=100", key: ReservationGateway.master).json
            rows = page?.arrayValue?.filter { $0["status"] == "success" } ?? []
            if rows.count >= count { return rows }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestFailure("\(rows.count) successful spend-log rows for the key, not \(count)")
    }
}
