import Logging
import Synchronization
import Testing

@testable import GatewayCore

struct StoreAvailabilityTests {
    @Test func callsPassUntilTheStoreIsKnownUnreachableAndTheReasonIsKept() throws {
        let availability = StoreAvailability(kind: "postgres", logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }, clock: { 100 })
        #expect(availability.status == StoreStatus(.connecting, since: 100))
        try availability.checkUsable()

        #expect(availability.update(.unreachable, reason: "cannot connect to gw@db:5432/tollgate: refused"))
        #expect(!availability.isUsable)
        let error = #expect(throws: StoreError.self) { try availability.checkUsable() }
        #expect(error?.isUnavailable == true)
        #expect(error?.message.contains("gw@db:5432/tollgate") == true)
        #expect(availability.status.reason == "cannot connect to gw@db:5432/tollgate: refused")

        #expect(availability.update(.migrating))
        #expect(!availability.isUsable, "a half-migrated schema is not served")
        #expect(availability.update(.ready))
        #expect(availability.status == StoreStatus(.ready, since: 100))
        try availability.checkUsable()
    }

    @Test func anOutageIsLoggedOnceHoweverManyRetriesFail() {
        let lines = LogLines()
        let availability = StoreAvailability(kind: "postgres", logger: Logger(label: "test") { _ in lines })
        availability.update(.ready)
        for attempt in 0..<50 {
            availability.update(.unreachable, reason: "refused (\(attempt))")
        }
        availability.update(.ready)
        availability.update(.ready)
        #expect(lines.messages.count == 2, "\(lines.messages)")
        #expect(lines.messages.first?.hasPrefix("storage unreachable") == true)
        #expect(lines.messages.last == "storage reachable")
        #expect(availability.status.reason == nil)
    }

    @Test func waitersWakeWhenTheStoreIsReady() async throws {
        let availability = StoreAvailability(kind: "postgres", initial: .unreachable, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<3 { group.addTask { try await availability.waitUntilReady() } }
            availability.update(.migrating)
            availability.update(.ready)
            try await group.waitForAll()
        }
        try await availability.waitUntilReady()
    }

    @Test func aCancelledWaiterStopsWaiting() async {
        let availability = StoreAvailability(kind: "postgres", initial: .unreachable, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        let waiter = Task { try await availability.waitUntilReady() }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
    }

    @Test func backoffDoublesWithJitterUpToItsCapAndStartsOverAfterASuccess() {
        var backoff = ReconnectBackoff(initial: 0.1, maximum: 2)
        #expect(backoff.next(random: 1) == 0.1)
        #expect(backoff.next(random: 1) == 0.2)
        #expect(backoff.next(random: 0) == 0.2, "at least half of the ceiling of 0.4")
        for _ in 0..<40 { _ = backoff.next() }
        #expect(backoff.next(random: 1) == 2)
        #expect((1...2).contains(backoff.next()))
        backoff.reset()
        #expect(backoff.next(random: 1) == 0.1)
    }
}

/// A log handler that keeps the messages.
private final class LogLines: LogHandler, @unchecked Sendable {
    private let lines = Mutex<[String]>([])
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    var messages: [String] { lines.withLock { $0 } }

    func log(event: LogEvent) {
        lines.withLock { $0.append(event.message.description) }
    }
}
