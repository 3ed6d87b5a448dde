import GatewayCore
import HTTPTypes
import Synchronization

/// The response ids ``TestUpstream``'s Responses API issued, with the first input of each conversation, as OpenAI
/// keeps them: a `previous_response_id` it never issued gets OpenAI's 400, and an answer to a follow-up recalls how
/// the conversation began (`upstream recalls: <first input>`), which shows the follow-up reached the upstream that
/// holds it under the upstream's own id. Ids are random, so one table serves every test upstream of the process.
enum IssuedResponses {
    private static let issued = Mutex<[String: String]>([:])
    /// The completed responses, with their input, for `GET`/`DELETE /v1/responses/{id}` and `…/input_items`.
    private static let kept = Mutex<[String: (response: JSON, input: JSON)]>([:])

    /// Keeps a completed `response` (and the `input` it answered) for retrieval.
    static func keep(_ response: JSON, input: JSON) {
        guard let id = response["id"]?.stringValue else { return }
        kept.withLock { $0[id] = (response, input) }
    }

    /// OpenAI's `GET /v1/responses/{id}`: the response, or its 404.
    static func retrieve(_ id: String) -> (JSON, HTTPResponse.Status) {
        guard let response = kept.withLock({ $0[id]?.response }) else { return (notFound(id), .notFound) }
        return (response, .ok)
    }

    /// OpenAI's `DELETE /v1/responses/{id}`.
    static func delete(_ id: String) -> (JSON, HTTPResponse.Status) {
        guard kept.withLock({ $0.removeValue(forKey: id) }) != nil else { return (notFound(id), .notFound) }
        return (["id": .string(id), "object": "response", "deleted": true], .ok)
    }

    /// OpenAI's `GET /v1/responses/{id}/input_items` (one page, the `limit` honoured), or its 404.
    static func inputItems(_ id: String, limit: Int?) -> (JSON, HTTPResponse.Status) {
        guard let input = kept.withLock({ $0[id]?.input }) else { return (notFound(id), .notFound) }
        var items = input.arrayValue ?? [["type": "message", "role": "user", "content": [["type": "input_text", "text": input]]]]
        if let limit, limit >= 0 { items = Array(items.prefix(limit)) }
        return (["object": "list", "data": .array(items), "has_more": false], .ok)
    }

    private static func notFound(_ id: String) -> JSON {
        ["error": ["message": .string("Response with id '\(id)' not found."), "type": "invalid_request_error", "param": nil, "code": nil]]
    }

    /// Notes `id` as issued, continuing the conversation `previous` began (or beginning one with `input`).
    static func issue(_ id: String, previous: String?, input: String) {
        issued.withLock { table in table[id] = previous.flatMap { table[$0] } ?? input }
    }

    /// The first input of the conversation `id` belongs to; nil when this upstream never issued `id`.
    static func firstInput(of id: String) -> String? {
        issued.withLock { $0[id] }
    }

    /// OpenAI's answer to a `previous_response_id` it does not know.
    static func unknown(_ id: String) -> JSON {
        [
            "error": [
                "message": .string("Previous response with id '\(id)' not found."), "type": "invalid_request_error",
                "param": "previous_response_id", "code": "previous_response_not_found",
            ]
        ]
    }
}
