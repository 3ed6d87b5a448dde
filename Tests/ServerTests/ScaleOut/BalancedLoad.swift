import AsyncHTTPClient
import Foundation
import GatewayCore
import GatewayTesting
import NIOCore
import NIOHTTP1
import Synchronization

/// A fixed number of chat requests sent through the balancer by `connections` clients, each with one request at a
/// time, recording for each what came back and which instances nginx tried.
enum BalancedLoad {
    /// What one request got.
    struct Outcome: Sendable {
        /// nil when no HTTP answer came back at all (the connection failed or timed out).
        var status: Int?
        var requestID: String?
        /// The ports nginx tried, in order; the last one answered.
        var triedPorts: [Int]
        /// The `error.code` of an error answer, or the transport error.
        var error: String?
    }

    /// Sends `count` requests; once `trigger.after` of them were answered with 200, `trigger.action` runs once
    /// (while the others keep going).
    static func run(
        _ endpoint: TestEndpoint, key: String, body: JSON, count: Int, connections: Int,
        trigger: (after: Int, action: @Sendable () -> Void)? = nil
    ) async throws -> [Outcome] {
        let counts = Counts()
        let payload = body.serializedString()
        return try await ConcurrentClient.withClient(connections: connections, waitForConnection: .seconds(30)) { client in
            try await withThrowingTaskGroup(of: [Outcome].self) { group in
                for _ in 0..<connections {
                    group.addTask {
                        var outcomes: [Outcome] = []
                        while counts.next.add(1, ordering: .relaxed).oldValue < count {
                            let outcome = await send(client, endpoint, key: key, payload: payload)
                            outcomes.append(outcome)
                            if outcome.status == 200, let trigger, counts.answered.add(1, ordering: .relaxed).newValue == trigger.after {
                                trigger.action()
                            }
                        }
                        return outcomes
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
        }
    }

    private static func send(_ client: HTTPClient, _ endpoint: TestEndpoint, key: String, payload: String) async -> Outcome {
        var request = HTTPClientRequest(url: endpoint.baseURL + "/v1/chat/completions")
        request.method = .POST
        request.headers.add(name: "authorization", value: "Bearer \(key)")
        request.headers.add(name: "content-type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: payload))
        do {
            let response = try await client.execute(request, timeout: .seconds(120))
            let body = String(buffer: try await response.body.collect(upTo: 1 << 20))
            let status = Int(response.status.code)
            let code =
                status == 200 ? nil : ((try? JSONParser.parse(body))?["error"]?["code"]?.stringValue ?? "not an OpenAI error: \(body.prefix(200))")
            return Outcome(
                status: status, requestID: response.headers.first(name: "x-request-id"),
                triedPorts: NginxBalancer.triedPorts(response.headers.first(name: NginxBalancer.upstreamHeader)), error: code)
        } catch {
            return Outcome(status: nil, requestID: nil, triedPorts: [], error: "\(error)")
        }
    }
}

/// The load's shared counters: the next request to send, and the 200s so far.
private final class Counts: Sendable {
    let next = Atomic<Int>(0)
    let answered = Atomic<Int>(0)
}
