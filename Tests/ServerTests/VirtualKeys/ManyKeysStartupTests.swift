import Foundation
import GatewayCore
import GatewayTesting
import SQLiteStore
import Testing

/// A gateway over 100,000 stored keys starts without reading them, and loads a key on its first use only: one
/// store lookup for the first request, none for the next ones (SQLite, with the counting store).
struct ManyKeysStartupTests {
    static let keyCount = 100_000

    static func secret(_ index: Int) -> String { "sk-seeded-\(index)" }

    /// Writes the keys straight into the database file, in one transaction, before the gateway opens it.
    static func seed(path: String) async throws {
        let store = try SQLiteGatewayStore(path: path)
        _ = try await store.migrate()
        let keys = (0..<keyCount).map { index in
            VirtualKeyRecord(keyHash: Secrets.sha256Hex(secret(index)), keyAlias: "seed-\(index)", createdAt: 1_700_000_000 + Double(index))
        }
        try await store.insertKeys(keys)
        #expect(try await store.countKeys(where: nil) == keyCount)
    }

    // About 5 s alone; the limit leaves room for the whole suite running beside it on two cores.
    @Test(.timeLimit(.minutes(3)))
    func startupReadsNoKeysAndTheFirstUseReadsOne() async throws {
        try await KeyTestGateway.run(.sqlite, counting: true, seedSQLite: Self.seed) { gateway in
            let path = try #require(gateway.sqlitePath)
            #expect(KeyCountingStore.keyLookups(path: path) == 0, "startup looked keys up")
            #expect(KeyCountingStore.keyListings(path: path) == 0, "startup listed keys")

            let secret = Self.secret(54_321)
            #expect(try await gateway.chat(secret).status == 200)
            #expect(KeyCountingStore.keyLookups(path: path) == 1, "the first request reads its key once")
            #expect(try await gateway.chat(secret).status == 200)
            #expect(try await gateway.chat(secret).status == 200)
            #expect(KeyCountingStore.keyLookups(path: path) == 1, "the second and third requests read nothing")

            #expect(try await gateway.chat(Self.secret(7)).status == 200)
            #expect(KeyCountingStore.keyLookups(path: path) == 2, "another key costs its own one lookup")
            #expect(KeyCountingStore.keyListings(path: path) == 0)
            #expect(try await gateway.get("/key/list?size=1").json?["total_count"] == .int(Self.keyCount))
        }
    }
}
