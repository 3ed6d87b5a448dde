import Logging
import ServiceLifecycle
import ServiceLifecycleTestKit
import Synchronization
import Testing

@testable import GatewayCore

/// A plugin's startup read: an unreachable store puts it off instead of failing startup, and the service reads
/// again until it succeeds; any other error still fails startup.
struct StartupLoadTests {
    let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    @Test func anUnavailableStoreIsReadOnceItIsBack() async throws {
        let failures = Mutex(3)
        let load = StartupLoad("stored models", store: InMemoryStore(), logger: logger) {
            try failures.withLock { remaining in
                guard remaining > 0 else { return }
                remaining -= 1
                throw StoreError.unavailable("down")
            }
        }
        try await load.loadNow()
        #expect(!load.isLoaded)
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await load.run() }
                #expect(await eventually { load.isLoaded })
                #expect(failures.withLock { $0 } == 0)
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
    }

    @Test func anyOtherErrorStillStopsStartup() async throws {
        let load = StartupLoad("stored models", store: InMemoryStore(), logger: logger) { throw StoreError.migration("newer schema") }
        await #expect(throws: StoreError.self) { try await load.loadNow() }
        #expect(!load.isLoaded)
    }
}
