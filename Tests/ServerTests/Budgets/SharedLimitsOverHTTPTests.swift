import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// Budgets and rate limits across gateway instances sharing one Postgres: a key's budget and `rpm_limit` hold for
/// all of them together (docs/budgets.md, "Across gateway instances", gives the bounds asserted here).
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["TOLLGATE_SKIP_POSTGRES"] != "1"), .timeLimit(.minutes(5)))
struct SharedLimitsOverHTTPTests {
    @Test("300 concurrent requests over 3 gateways against a budget of 20 worst cases: at most 20 admitted, at least the lease bound")
    func budgetAcrossThreeGateways() async throws {
        let instances = 3
        let fits = 20
        let fraction = 0.05
        let worst = ReservationGateway.worstCase(ReservationGateway.chat())
        let budget = (Double(fits) + 0.5) * worst
        try await SharedGateways.run(count: instances, budgets: #"{"lease_fraction": \#(fraction)}"#) { gateways in
            let key = try await gateways.generateKey(["max_budget": .double(budget)])
            try await ConcurrentClient.withClient(connections: 300) { client in
                let sent = try await gateways.sendAtOnce(300, body: ReservationGateway.chat(), key: key, client: client)
                let admitted = await gateways.gate.arrivals
                // Stranded headroom: each other instance's lease may hold up to one slice and one worst case unused
                // when an instance is refused, and the refused request's own worst case did not fit.
                let slice = fraction * budget
                let lowerBound = Int(((budget - worst - Double(instances - 1) * (worst + slice)) / worst).rounded(.up))
                #expect(admitted <= fits, "the budget holds across instances")
                #expect(admitted >= lowerBound, "admitted \(admitted), documented lower bound \(lowerBound)")
                let refusals = await sent.refusals
                #expect(refusals.count == 300 - admitted)
                for refusal in refusals {
                    #expect(refusal.status == 400 && refusal.body.contains("budget_exceeded"), "\(refusal.status) \(refusal.body)")
                }
                await gateways.gate.release(.answer)
                #expect(try await sent.statuses().count(where: { $0 == 200 }) == admitted)
            }
            // Leases and counters in the database never held more than the budget.
            let held = try await Psql.run(
                "SELECT COALESCE(SUM(GREATEST(granted - spent, 0)), 0) FROM tollgate_budget_leases", url: gateways.databaseURL)
            #expect((Int64(held) ?? .max) <= SpendUnits.units(budget), "leases hold \(held) units")
        }
    }

    @Test("90 concurrent requests over 3 gateways against rpm_limit 30: at most 30 admitted in the minute")
    func rpmAcrossThreeGateways() async throws {
        try await SharedGateways.run(count: 3) { gateways in
            await gateways.gate.release(.answer)
            let key = try await gateways.generateKey(["rpm_limit": 30])
            try await ConcurrentClient.withClient(connections: 90) { client in
                // Right before the requests: starting three gateways can take long enough on a loaded machine to
                // reach the next minute, whose window admits 30 more.
                try await Self.awayFromTheMinuteEnd()
                let sent = try await gateways.sendAtOnce(90, body: ReservationGateway.chat(), key: key, client: client)
                let statuses = try await sent.statuses()
                let admitted = statuses.count(where: { $0 == 200 })
                // Leased slices of 3 (lease_fraction 0.1): the instances left unrefused may keep up to 2 each unused.
                #expect(admitted <= 30, "rpm holds across instances: \(admitted)")
                #expect(admitted >= 26, "admitted \(admitted)")
                #expect(statuses.allSatisfy { $0 == 200 || $0 == 429 }, "\(statuses)")
            }
        }
    }

    @Test("tpm_limit: tokens counted on one gateway refuse requests on another after a sync")
    func tpmAcrossTwoGateways() async throws {
        try await Self.awayFromTheMinuteEnd()
        try await SharedGateways.run(count: 2, budgets: #"{"rate_limit_sync_seconds": 0.1}"#) { gateways in
            await gateways.gate.release(.answer)
            // 18 tokens a call: six calls on gw-0 reach 100.
            let key = try await gateways.generateKey(["tpm_limit": 100])
            for _ in 0..<6 {
                let reply = try await gateways.endpoints[0].post("/v1/chat/completions", json: ReservationGateway.chat(), key: key)
                #expect(reply.status == 200, "\(reply.body)")
            }
            #expect(try await gateways.endpoints[0].post("/v1/chat/completions", json: ReservationGateway.chat(), key: key).status == 429)
            // gw-1 counted nothing itself: alone it would admit six calls too. It refuses once it has read gw-0's tokens
            // (its first sync follows its first request on the key).
            var admittedOnSecond = 0
            let deadline = ContinuousClock.now + .seconds(30)
            while ContinuousClock.now < deadline {
                let status = try await gateways.endpoints[1].post("/v1/chat/completions", json: ReservationGateway.chat(), key: key).status
                if status == 429 { break }
                admittedOnSecond += 1
                try await Task.sleep(for: .milliseconds(300))
            }
            #expect(try await gateways.endpoints[1].post("/v1/chat/completions", json: ReservationGateway.chat(), key: key).status == 429)
            #expect(admittedOnSecond < 6, "gw-1 admitted \(admittedOnSecond) before reading gw-0's tokens")
        }
    }

    @Test("a gateway killed while holding a lease on the whole budget: the others refuse until the lease expires, then admit")
    func killedInstanceLeaseExpires() async throws {
        let worst = ReservationGateway.worstCase(ReservationGateway.chat())
        // The first request leases the whole budget (slice = all of it) for 3 s.
        let budgets = #"{"lease_fraction": 1, "lease_ttl_seconds": 3}"#
        try await SharedGateways.run(count: 1, budgets: budgets) { gateways in
            await gateways.gate.release(.answer)
            let key = try await gateways.generateKey(["max_budget": .double(3 * worst)])
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let upstreamConfig = try directory.write(
                "config.yaml", SharedGateways.config(upstream: try #require(gateways.upstream)))
            let plugins = try directory.write(
                "plugins.json", SharedGateways.plugins(budgets: budgets).replacingOccurrences(of: "$TMP", with: directory.path))
            let doomed = try await ServedGateway.start(
                config: upstreamConfig, plugins: plugins, directory: directory.path, environment: ["TEST_DATABASE_URL": gateways.databaseURL],
                arguments: ["--instance-id", "gw-doomed"])
            let first = try await doomed.endpoint.post("/v1/chat/completions", json: ReservationGateway.chat(), key: key)
            #expect(first.status == 200, "\(first.body)")
            doomed.process.kill()

            let refused = try await gateways.endpoints[0].post("/v1/chat/completions", json: ReservationGateway.chat(), key: key)
            #expect(refused.status == 400, "gw-doomed's lease holds the budget: \(refused.body)")
            let deadline = ContinuousClock.now + .seconds(60)
            var status = refused.status
            while status != 200, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(200))
                status = try await gateways.endpoints[0].post("/v1/chat/completions", json: ReservationGateway.chat(), key: key).status
            }
            #expect(status == 200, "the dead instance's lease expired and freed the budget")
        }
    }

    /// Waits until at least 20 s are left in the current minute, so a test's requests fall in one rate window.
    static func awayFromTheMinuteEnd() async throws {
        while Date().timeIntervalSince1970.truncatingRemainder(dividingBy: 60) > 40 {
            try await Task.sleep(for: .seconds(1))
        }
    }
}
