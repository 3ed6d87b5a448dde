import GatewayCore
import Synchronization

/// With `log_content`: keeps each request's content from the guardrail hook point until its log line is written.
///
/// The log event carries no content (on purpose: every logging plugin would see it), so this guardrail-point
/// hook copies the request's `messages` (or `input`, `prompt`) before the call and the answer's text after it
/// (streamed deltas appended as they pass) into a table keyed by request id, which the log hook empties. The
/// table is bounded: past ``maxEntries`` the oldest entry is dropped (a request whose line never came).
final class ContentRecorder: GuardrailHook, Sendable {
    struct Content: Sendable {
        var request: String?
        var response: String?
    }

    static let maxEntries = 10_000
    let maxChars: Int
    private let table = Mutex(Table())

    private struct Table {
        var entries: [String: Content] = [:]
        var order: [String] = []
        var orderStart = 0
    }

    init(maxChars: Int) {
        self.maxChars = maxChars
    }

    func preCall(_ request: inout GatewayRequest) async throws -> HookDecision {
        let body = request.body
        let content = body["messages"] ?? body["input"] ?? body["prompt"]
        let text = content.map { $0.stringValue ?? $0.serializedString() }
        update(request.id) { $0.request = text.map(cut) }
        return .proceed
    }

    func postCall(_ request: GatewayRequest, response: inout JSON) async throws {
        let choices = response["choices"]?.arrayValue ?? []
        let texts = choices.compactMap { $0["message"]?["content"]?.stringValue ?? $0["text"]?.stringValue }
        guard !texts.isEmpty else { return }
        let text = cut(texts.joined(separator: "\n"))
        update(request.id) { $0.response = text }
    }

    func inspectChunk(_ request: GatewayRequest, chunk: StreamChunk) async throws -> StreamChunk? {
        guard let delta = chunk.json["choices"]?[0]?["delta"]?["content"]?.stringValue, !delta.isEmpty else { return chunk }
        update(request.id) { content in
            let sofar = content.response ?? ""
            if sofar.count < maxChars { content.response = cut(sofar + delta) }
        }
        return chunk
    }

    /// Removes and returns what was recorded for the request.
    func take(_ requestID: String) -> Content? {
        table.withLock { $0.entries.removeValue(forKey: requestID) }
    }

    private func update(_ requestID: String, _ change: (inout Content) -> Void) {
        table.withLock { table in
            if table.entries[requestID] == nil {
                // Forget the oldest entries whose lines never came (ids already taken are skipped over).
                while table.entries.count >= Self.maxEntries, table.orderStart < table.order.count {
                    table.entries.removeValue(forKey: table.order[table.orderStart])
                    table.orderStart += 1
                }
                // Taken ids stay in `order`; drop them now and then so it stays about as long as the table.
                if table.order.count - table.orderStart > 2 * Self.maxEntries || table.orderStart > Self.maxEntries {
                    table.order = table.order[table.orderStart...].filter { [entries = table.entries] in entries[$0] != nil }
                    table.orderStart = 0
                }
                table.order.append(requestID)
            }
            change(&table.entries[requestID, default: Content()])
        }
    }

    private func cut(_ text: String) -> String {
        text.count <= maxChars ? text : String(text.prefix(maxChars)) + "…[truncated]"
    }
}
