import Foundation
import GatewayCore
import GatewayTesting
import SQLiteStore
import Testing

/// The keys page over 10,000 stored keys: paged by the store (the last page is reachable), searched by alias
/// through the store's index, filtered by team. It prints how long each page took (docs/ui.md records a run); the
/// test asserts behaviour only, never a time.
struct AdminUIManyKeysTests {
    static let keyCount = 10_000

    static func seed(path: String) async throws {
        let store = try SQLiteGatewayStore(path: path)
        _ = try await store.migrate()
        let keys = (0..<keyCount).map { index in
            VirtualKeyRecord(
                keyHash: Secrets.sha256Hex("sk-ui-\(index)"), keyAlias: "seed-\(index)", teamID: "team-\(index % 10)",
                createdAt: 1_700_000_000 + Double(index))
        }
        try await store.insertKeys(keys)
    }

    @Test(.timeLimit(.minutes(3)))
    func keysPageStaysPagedAndSearchable() async throws {
        try await UIGateway.run(seed: Self.seed) { gateway in
            let browser = UIBrowser(gateway)
            try await browser.login(UIGateway.master)
            let first = try await browser.get("/ui/keys")
            #expect(first.status == 200)
            #expect(first.body.contains("Page 1 of 400 · 10000 in all"))
            #expect(first.body.components(separatedBy: "<tr data-token=").count - 1 == 25, "one page of 25 rows")
            let last = try await browser.get("/ui/keys?page=400")
            #expect(last.body.contains("Page 400 of 400") && last.body.contains("rel=\"prev\"") && !last.body.contains("rel=\"next\""))
            let search = try await browser.get("/ui/keys?q=seed-4321")
            #expect(search.body.contains(">seed-4321<") && search.body.contains("1 in all"))
            #expect(search.body.components(separatedBy: "<tr data-token=").count - 1 == 1)
            let team = try await browser.get("/ui/keys?team_id=team-3")
            #expect(team.body.contains("Page 1 of 40 · 1000 in all"))
            let byKey = try await browser.get("/ui/keys?q=sk-ui-77")
            #expect(byKey.body.contains(">seed-77<"), "a whole key finds its key")

            // Timings for docs/ui.md (printed, not asserted): the median of 20 loads of each page.
            for path in ["/ui", "/ui/keys", "/ui/keys?page=400", "/ui/keys?q=seed-4321", "/ui/keys?team_id=team-3", "/ui/teams", "/ui/logs"] {
                var samples: [Duration] = []
                for _ in 0..<20 {
                    let start = ContinuousClock.now
                    #expect(try await browser.get(path).status == 200)
                    samples.append(ContinuousClock.now - start)
                }
                let median = samples.sorted()[samples.count / 2]
                print(
                    "admin-ui timing (10,000 keys, debug build): \(path) median \(median.components.attoseconds / 1_000_000_000_000_000 + median.components.seconds * 1000) ms"
                )
            }
        }
    }
}
