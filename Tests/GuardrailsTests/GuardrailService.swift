import GatewayCore
import GatewayTesting
import Hummingbird
import Logging

/// A loopback guardrail service for the `http` kind: `/allow`, `/block`, `/modify` (upper-cases every text),
/// `/slow` (rewrites the text to `TOO LATE`, after 6 seconds), `/broken` (500). Records every payload it receives.
actor GuardrailService {
    private(set) var payloads: [JSON] = []

    func record(_ payload: JSON) { payloads.append(payload) }

    /// Runs the service for the duration of `body`, which gets its base URL.
    static func withRunning<T: Sendable>(_ body: (String, GuardrailService) async throws -> T) async throws -> T {
        let service = GuardrailService()
        let router = Router()
        router.post("/{verdict}") { request, context -> Response in
            let payload = (try? JSON(parsing: try await request.body.collect(upTo: 1024 * 1024))) ?? .null
            await service.record(payload)
            let answer: JSON
            switch context.parameters.get("verdict") ?? "" {
            case "allow": answer = ["action": "allow"]
            case "block": answer = ["action": "block", "reason": "the service said no"]
            case "modify":
                answer = [
                    "action": "modify", "texts": .array((payload["texts"]?.arrayValue ?? []).map { .string($0.stringValue?.uppercased() ?? "") }),
                ]
            case "slow":
                try await Task.sleep(for: .seconds(6))
                answer = ["action": "modify", "texts": ["TOO LATE"]]
            default:
                return Response(status: .internalServerError)
            }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: answer.serialized()))
        }
        return try await RunningServer.serve(router, label: "guardrail-service") { port in
            try await body("http://127.0.0.1:\(port)", service)
        }
    }
}
