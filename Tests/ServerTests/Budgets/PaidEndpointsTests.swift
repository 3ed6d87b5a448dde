import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// Every endpoint that costs money is counted, plain and streamed: the spend-log row, the stored counter and the
/// budget's own in-memory spend all carry the call's cost.
struct PaidEndpointsTests {
    /// One paid call: an endpoint, streamed or not.
    enum PaidCall: String, CaseIterable, CustomTestStringConvertible {
        case chat, chatStream, completions, completionsStream, embeddings, messages, messagesStream

        var testDescription: String { rawValue }

        var path: String {
            switch self {
            case .chat, .chatStream: "/v1/chat/completions"
            case .completions, .completionsStream: "/v1/completions"
            case .embeddings: "/v1/embeddings"
            case .messages, .messagesStream: "/v1/messages"
            }
        }

        var body: JSON {
            switch self {
            case .chat, .chatStream: ReservationGateway.chat(stream: self == .chatStream)
            case .completions, .completionsStream:
                ["model": "held", "prompt": "hello", "max_tokens": 20, "stream": .bool(self == .completionsStream)]
            case .embeddings: ["model": "held", "input": ["hello", "world"]]
            case .messages, .messagesStream:
                ["model": "held", "max_tokens": 20, "messages": [["role": "user", "content": "hello"]], "stream": .bool(self == .messagesStream)]
            }
        }

        var isStream: Bool { [.chatStream, .completionsStream, .messagesStream].contains(self) }

        /// What the call costs: the upstream's usage at `held`'s prices.
        var cost: Double { self == .embeddings ? ReservationGateway.embeddingCost : ReservationGateway.callCost }
    }

    @Test("each paid call's cost reaches the spend log, the counters and the budget", arguments: PaidCall.allCases)
    func everyPaidEndpointIsCounted(_ call: PaidCall) async throws {
        try await ReservationGateway.run { gateway in
            await gateway.gate.release(.answer)
            let key = try await gateway.generateKey(["max_budget": 1])
            let reply = try await gateway.endpoint.post(call.path, json: call.body, key: key.secret)
            #expect(reply.status == 200, "\(reply.body)")
            if call.isStream { #expect(reply.header("content-type")?.hasPrefix("text/event-stream") == true) }
            let requestID = try #require(reply.header("x-request-id"))

            let row = try await gateway.spendRow(requestID: requestID)
            #expect(row["status"] == "success")
            #expect(row["spend"]?.doubleValue == call.cost, "\(row)")
            #expect(row["prompt_tokens"] == (call == .embeddings ? 3 : 11))
            let info = try await gateway.endpoint.get("/key/info?key=\(key.hash)", key: ReservationGateway.master)
            let counter = try #require(info.json?["info"]?["spend"]?.doubleValue)
            #expect(SpendUnits.units(counter) == SpendUnits.units(call.cost), "the stored counter")

            // The budget's own spend, in memory: with max_budget lowered to the call's cost, the next request is
            // refused and the refusal reports that spend.
            try await gateway.create("/key/update", ["key": .string(key.hash), "max_budget": .double(call.cost)])
            let refused = try await gateway.endpoint.post(call.path, json: call.body, key: key.secret)
            #expect(refused.status == 400)
            #expect(refused.body.contains("spend \(String(format: "%.6f", call.cost)) USD, max budget"), "\(refused.body)")
        }
    }
}
