import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// The listening connection cut by the server: it reconnects, flushes what it may have missed, and keeps hearing.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TOLLGATE_SKIP_POSTGRES"] != "1", "TOLLGATE_SKIP_POSTGRES=1"))
struct ListenerReconnectTests {
    @Test func aListenerCutByTheServerReconnectsFlushesAndKeepsHearing() async throws {
        try await TwoGateways.run { gateways in
            let secret = try await TwoGateways.generate(on: gateways.a)
            // Once B has heard the key's creation (and listens), nothing will make it drop the key from its cache.
            try await TwoGateways.waitUntilHeard(on: gateways.b, from: gateways.a)
            #expect(try await TwoGateways.chat(gateways.b, key: secret).status == 200)
            // A change no instance is told of (written behind the gateways' backs): B keeps serving from its cache.
            try await Psql.run("UPDATE tollgate_keys SET blocked = TRUE", url: gateways.databaseURL)
            #expect(try await TwoGateways.chat(gateways.b, key: secret).status == 200)

            let listeners = "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'tollgate-listener' AND datname = current_database()"
            let listening = try await Psql.run(listeners, url: gateways.databaseURL)
            try #require(listening == "2", "one listening connection per instance")
            let cut = try await Psql.run(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'tollgate-listener' "
                    + "AND datname = current_database()", url: gateways.databaseURL)
            #expect(cut == "2")

            // Listening again, B drops what it cached: the change made while nobody was told is seen.
            let flushed = try await TwoGateways.pollStatus(gateways.b, key: secret) { $0 == 401 }
            #expect(flushed != nil, "B kept its cache after its listener reconnected")
            let polled2 = try await TwoGateways.poll { try await Psql.run(listeners, url: gateways.databaseURL) == "2" }
            #expect(polled2 != nil)
            // And it hears changes again.
            let other = try await TwoGateways.generate(on: gateways.a)
            let polled3 = try await TwoGateways.pollStatus(gateways.b, key: other) { $0 == 200 }
            try #require(polled3 != nil)
            #expect(try await TwoGateways.post(gateways.a, "/key/block", ["key": .string(other)]).status == 200)
            let refused = try await TwoGateways.pollStatus(gateways.b, key: other, within: 10) { $0 == 401 }
            #expect(try #require(refused, "B no longer hears A's changes") < TwoGateways.propagationBound)
        }
    }
}
