public import GatewayCore
import OpenAIResponsesDialect

/// Writes a Responses upstream's response ids as the client must see them (``NativeResponseID``; the
/// `previous_response_id` it echoes back as the client sent it): in a whole answer,
/// and in the stream events that carry the response object (`response.created`, `response.in_progress`,
/// `response.completed`, ...). The other events (deltas, items) name no response id and pass untouched, unparsed.
struct ResponseIDRewriter: Sendable {
    let deploymentID: String
    let provider: String
    /// The `previous_response_id` as the client sent it, and as the upstream got it: the response echoes the latter.
    var previous: (client: String, upstream: String)?

    /// The event types whose `response` carries the id.
    static let responseEvents: Set<String> = [
        "response.created", "response.in_progress", "response.completed", "response.incomplete", "response.failed", "response.queued",
    ]

    /// `response` with its `id` encoded and its `previous_response_id` as the client sent it.
    func rewritingID(of response: JSON) -> JSON {
        var rewritten = response
        if let id = response["id"]?.stringValue, !id.isEmpty {
            rewritten["id"] = .string(NativeResponseID(deploymentID: deploymentID, provider: provider, upstreamID: id).encoded)
        }
        if let previous, response["previous_response_id"]?.stringValue == previous.upstream {
            rewritten["previous_response_id"] = .string(previous.client)
        }
        return rewritten
    }

    /// `event` with the id of the response it carries encoded. An event that names no type is looked into when its
    /// data holds a `response` object.
    func rewritingID(in event: ServerSentEvent) -> ServerSentEvent {
        if let type = event.event, !Self.responseEvents.contains(type) { return event }
        guard event.event != nil || event.data.contains("\"response\""), let data = try? JSONParser.parse(event.data),
            let response = data["response"], case .object = response
        else { return event }
        var rewritten = data
        rewritten["response"] = rewritingID(of: response)
        return ServerSentEvent(event: event.event, data: rewritten.serializedString())
    }
}
