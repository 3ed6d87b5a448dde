import GatewayCore
import Synchronization

/// The response ids ``TestUpstream``'s Responses API issued, with the first input of each conversation, as OpenAI
/// keeps them: a `previous_response_id` it never issued gets OpenAI's 400, and an answer to a follow-up recalls how
/// the conversation began (`upstream recalls: <first input>`), which shows the follow-up reached the upstream that
/// holds it under the upstream's own id. Ids are random, so one table serves every test upstream of the process.
enum IssuedResponses {
    private static let issued = Mutex<[String: String]>([:])

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
