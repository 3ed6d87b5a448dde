import Foundation
import GatewayCore
import GatewayTesting
import Hummingbird
import Logging
import Synchronization

/// A loopback HTTP receiver for callbacks and alert webhooks: keeps every JSON body POSTed to `/hook` while up,
/// answers 503 (and counts the attempt) while the test has it down.
final class RecordingReceiver: Sendable {
    struct State: Sendable {
        var down = false
        var bodies: [JSON] = []
        var headers: [[String: String]] = []
        var refused = 0
    }

    let state = Mutex(State())
    let url: String

    private init(url: String) {
        self.url = url
    }

    var bodies: [JSON] { state.withLock { $0.bodies } }
    var headers: [[String: String]] { state.withLock { $0.headers } }
    var refused: Int { state.withLock { $0.refused } }

    func set(down: Bool) { state.withLock { $0.down = down } }

    /// Polls `read` every 50 ms until it returns a value, at most `timeout`.
    func wait<T>(timeout: Duration = .seconds(30), _ what: String, _ read: (RecordingReceiver) -> T?) async throws -> T {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let value = read(self) { return value }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestFailure("timed out waiting for \(what); received \(bodies.count) bodies, refused \(refused): \(bodies)")
    }

    static func withRunning<T: Sendable>(_ body: (RecordingReceiver) async throws -> T) async throws -> T {
        let router = Router()
        let holder = Mutex<RecordingReceiver?>(nil)
        router.post("/hook") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 16 * 1024 * 1024)
            let json = (try? JSON(parsing: buffer)) ?? .null
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let accepted = holder.withLock { $0 }!.state.withLock { state in
                if state.down {
                    state.refused += 1
                    return false
                }
                state.bodies.append(json)
                state.headers.append(headers)
                return true
            }
            return Response(status: accepted ? .ok : .serviceUnavailable)
        }
        return try await RunningServer.serve(router, label: "recording-receiver") { port in
            let receiver = RecordingReceiver(url: "http://127.0.0.1:\(port)/hook")
            holder.withLock { $0 = receiver }
            return try await body(receiver)
        }
    }
}
