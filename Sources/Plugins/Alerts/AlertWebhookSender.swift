import AsyncHTTPClient
import Foundation
import GatewayCore
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import Synchronization

/// Takes alerts from the ``AlertChannel`` and POSTs them to the webhook, off the publisher's path.
///
/// `receive` (the channel subscriber) de-duplicates (``AlertDeduplicator``) and queues under a lock and never
/// waits; this service sends in order. At most `maxQueued` alerts wait (the oldest are dropped first, logged).
/// A POST that fails (no connection, timeout, 5xx or 429) is tried twice more, 1 and 2 seconds later, then the
/// alert is dropped (it was logged by its publisher). On graceful shutdown what is queued is sent once more.
final class AlertWebhookSender: Service, Sendable {
    static let attempts = 3

    private let url: String
    private let timeoutSeconds: Double
    private let maxQueued: Int
    private let httpClient: HTTPClient
    private let logger: Logger
    private let clock: @Sendable () -> Double
    private let state: Mutex<(deduplicator: AlertDeduplicator, queue: [JSON])>
    private let wakeUps: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    init(
        url: String, dedupeSeconds: Double, maxQueued: Int, timeoutSeconds: Double, httpClient: HTTPClient, logger: Logger,
        clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.url = url
        self.timeoutSeconds = timeoutSeconds
        self.maxQueued = maxQueued
        self.httpClient = httpClient
        self.logger = logger
        self.clock = clock
        self.state = Mutex((AlertDeduplicator(window: dedupeSeconds), []))
        (wakeUps, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// The channel's subscriber: de-duplicates and queues; never waits.
    func receive(_ alert: Alert) {
        let now = clock()
        let (admitted, dropped) = state.withLock { state -> (Bool, Int) in
            guard state.deduplicator.admit(alert, at: now) else { return (false, 0) }
            state.queue.append(SlackMessage.json(alert, at: now))
            let excess = max(0, state.queue.count - maxQueued)
            state.queue.removeFirst(excess)
            return (true, excess)
        }
        if dropped > 0 { logger.warning("alert queue full; the oldest alerts were dropped", metadata: ["dropped": "\(dropped)"]) }
        if admitted { wake.yield() }
    }

    func run() async {
        await cancelWhenGracefulShutdown { [self] in
            for await _ in wakeUps { await sendQueued(retrying: true) }
        }
        await sendQueued(retrying: false)
    }

    private func sendQueued(retrying: Bool) async {
        let batch = state.withLock { state in
            defer { state.queue.removeAll() }
            return state.queue
        }
        for body in batch { await send(body, attempts: retrying ? Self.attempts : 1) }
    }

    private func send(_ body: JSON, attempts: Int) async {
        for attempt in 1...attempts {
            guard let (failure, retryable) = await post(body) else { return }
            if !retryable || attempt == attempts {
                let kind = body["alert"]?["kind"]?.stringValue ?? ""
                logger.warning("alert webhook failed; the alert is dropped", metadata: ["alert": .string(kind), "error": .string(failure)])
                return
            }
            do { try await Task.sleep(for: .seconds(attempt)) } catch { return }
        }
    }

    /// One POST. - Returns: nil when delivered; else why (never the URL, which is a secret for Slack) and
    /// whether trying again may help.
    private func post(_ body: JSON) async -> (String, Bool)? {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.body = .bytes(body.serialized())
        do {
            let response = try await httpClient.execute(request, timeout: .milliseconds(Int64(timeoutSeconds * 1000)))
            _ = try await response.body.collect(upTo: 64 * 1024)
            let status = Int(response.status.code)
            if (200..<300).contains(status) { return nil }
            return ("the webhook answered \(status)", status == 429 || status >= 500)
        } catch {
            return ("\(type(of: error))", true)
        }
    }
}
