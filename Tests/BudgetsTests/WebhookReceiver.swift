import GatewayCore
import GatewayTesting
import Hummingbird
import Logging

/// A loopback HTTP server that records the JSON bodies POSTed to `/alerts` (the alert webhook).
actor WebhookReceiver {
    private(set) var bodies: [JSON] = []

    func record(_ body: JSON) { bodies.append(body) }

    /// Runs a receiver for the duration of `body`, which gets the webhook URL and the receiver.
    static func withRunning(_ body: (String, WebhookReceiver) async throws -> Void) async throws {
        let receiver = WebhookReceiver()
        let router = Router()
        router.post("/alerts") { request, _ -> HTTPResponse.Status in
            let buffer = try await request.body.collect(upTo: 1024 * 1024)
            await receiver.record((try? JSON(parsing: buffer)) ?? .null)
            return .noContent
        }
        try await RunningServer.serve(router, label: "webhook-receiver") { port in
            try await body("http://127.0.0.1:\(port)/alerts", receiver)
        }
    }
}
