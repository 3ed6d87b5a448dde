import GatewayCore
import Logging
import OpenAIResponsesDialect

/// One `POST /v1/responses` call: what storing its final response needs.
struct ResponsesExchange: Sendable {
    let id: String
    let principal: Principal
    let history: [JSON]
    let inputItems: [JSON]
    let stored: Bool
    let store: ResponsesStore
    let logger: Logger

    /// Stores the final response with its conversation when asked to, under the response's own `id` (the
    /// encoded upstream id of a response passed through natively, ``NativeResponseID``; ``id`` otherwise). The answer is paid for, so a store that
    /// fails does not fail it: the client gets it with `store: false` (and a follow-up naming it gets a 404).
    /// - Returns: the response to send.
    func keep(_ response: JSON) async -> JSON {
        guard stored else { return response }
        var unstored = response
        unstored["store"] = false
        let id = response["id"]?.stringValue ?? id
        guard !id.isEmpty, id.utf8.count <= ResponsesIDs.maxLength else { return unstored }
        let output = response["output"]?.arrayValue ?? []
        let record = StoredResponse(
            id: id, owner: principal.subject, teamID: principal.teamID, response: response, inputItems: inputItems,
            conversation: history + inputItems + output)
        do {
            try await store.save(record, by: principal)
            return response
        } catch {
            logger.error("could not store response", metadata: ["response_id": .string(id), "error": .string("\(error)")])
            return unstored
        }
    }
}
