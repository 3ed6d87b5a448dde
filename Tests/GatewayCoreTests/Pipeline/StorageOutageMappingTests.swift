import HTTPTypes
import Testing

@testable import GatewayCore

/// A hook whose store cannot be reached makes the request a 503 `storage_unavailable`: not a 401 (the key may be
/// valid), not a 500 (no plugin is broken), and not waved through by `on_error: allow`.
struct StorageOutageMappingTests {
    let probe = Probe()
    let outage = StoreError.unavailable("postgres@db:5432/tollgate: connection refused")

    @Test(arguments: [FailurePolicy.deny, .allow])
    func anAuthHookThatCannotReachItsStoreIsA503(_ policy: FailurePolicy) async throws {
        let runner = makeRunner([
            registered(TestAuth(name: "keys", probe: probe) { [outage] _ in throw outage }, "keys", policy),
            registered(TestAuth(name: "fallback", probe: probe) { _ in Principal(subject: "anyone", role: .admin) }, "fallback"),
        ])
        let error = try #require(await #expect(throws: GatewayError.self) { try await runner.handle(TestContext.chatRequest(credential: "sk-1")) })
        #expect(error.status == .serviceUnavailable)
        #expect(error.code == "storage_unavailable")
        #expect(!error.message.contains("db:5432"), "where the database is stays out of the client's error")
        #expect(await probe.calls == ["auth:keys"], "no later auth hook decides in its place")
    }

    @Test func aBudgetHookThatCannotReachItsStoreIsA503() async throws {
        let budget = TestBudget(name: "b", probe: probe) { [outage] _ in throw outage }
        let runner = makeRunner([registered(budget, "b", .allow)])
        let error = try #require(await #expect(throws: GatewayError.self) { try await runner.handle(TestContext.chatRequest()) })
        #expect(error.code == "storage_unavailable")
    }
}
