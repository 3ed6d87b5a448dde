import GatewayCore
import OpenAIResponsesDialect

/// Relays a Responses API stream passed through from a deployment that speaks it: each chunk's upstream events
/// (``StreamChunk/native``) go to the client as they came, except the final response (`response.completed` or
/// `response.incomplete`), which is stored first (``ResponsesExchange/keep(_:)``) and says `store: false` when that
/// failed. A failure after the first byte becomes an `error` event numbered after the upstream's last.
struct ResponsesNativeRelay {
    let exchange: ResponsesExchange
    /// The last `sequence_number` relayed.
    private var sequenceNumber = -1

    init(exchange: ResponsesExchange) { self.exchange = exchange }

    /// The events to send for `chunk`: its native events, the final response stored.
    mutating func events(of chunk: StreamChunk) async -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        for event in chunk.native?.events ?? [] {
            guard let data = try? JSONParser.parse(event.data) else {
                events.append(event)
                continue
            }
            sequenceNumber = data["sequence_number"]?.intValue ?? sequenceNumber
            let type = data["type"]?.stringValue ?? event.event
            guard type == "response.completed" || type == "response.incomplete", let response = data["response"] else {
                events.append(event)
                continue
            }
            let kept = await exchange.keep(response)
            guard kept != response else {
                events.append(event)
                continue
            }
            var changed = data
            changed["response"] = kept
            events.append(ServerSentEvent(event: event.event, data: changed.serializedString()))
        }
        return events
    }

    /// The `error` event for a failure after the stream started.
    mutating func fail(_ error: GatewayError) -> [ServerSentEvent] {
        sequenceNumber += 1
        let data: JSON = [
            "type": "error", "code": .string(error.code ?? error.type), "message": .string(error.message),
            "param": error.param.map { .string($0) } ?? .null, "sequence_number": .int(sequenceNumber),
        ]
        return [ServerSentEvent(event: "error", data: data.serializedString())]
    }
}
