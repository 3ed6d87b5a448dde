/// Splits a byte stream into server-sent events, across any buffer boundaries.
///
/// Follows the WHATWG rules that matter for LLM streams: `\n`, `\r\n` or `\r` end a line, a blank line ends an
/// event, `data:` lines are joined with `\n`, a leading space after the colon is dropped, comments (`:`) and
/// unknown fields are ignored.
public struct SSEParser: Sendable {
    private var pending: [UInt8] = []
    private var eventName: String?
    private var dataLines: [String] = []
    private var lastWasCR = false

    public init() {}

    /// Feeds bytes; returns the events they complete.
    public mutating func feed(bytes: some Sequence<UInt8>) -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        let fed: Void? = bytes.withContiguousStorageIfAvailable { feed(span: $0, into: &events) }
        if fed == nil { Array(bytes).withUnsafeBufferPointer { feed(span: $0, into: &events) } }
        return events
    }

    /// Cuts `span` at line ends; a line's bytes are copied once, not byte by byte.
    private mutating func feed(span: UnsafeBufferPointer<UInt8>, into events: inout [ServerSentEvent]) {
        var lineStart = 0
        for index in span.indices {
            let byte = span[index]
            guard byte == 0x0A || byte == 0x0D else { continue }
            if byte == 0x0A, lastWasCR, index == lineStart {
                lastWasCR = false  // the \n of a \r\n pair
                lineStart = index + 1
                continue
            }
            pending.append(contentsOf: span[lineStart..<index])
            if let event = endLine() { events.append(event) }
            lastWasCR = byte == 0x0D
            lineStart = index + 1
        }
        if lineStart < span.count {
            pending.append(contentsOf: span[lineStart...])
            lastWasCR = false
        }
    }

    /// Ends the stream; returns a last event that was not closed by a blank line, if any.
    public mutating func finish() -> ServerSentEvent? {
        if !pending.isEmpty { _ = endLine() }
        return dispatch()
    }

    /// One line in `pending`, read as bytes: `field: value` (one space after the colon dropped), a comment, or blank.
    private mutating func endLine() -> ServerSentEvent? {
        defer { pending.removeAll(keepingCapacity: true) }
        if pending.isEmpty { return dispatch() }
        if pending[0] == UInt8(ascii: ":") { return nil }
        let colon = pending.firstIndex(of: UInt8(ascii: ":"))
        var valueStart = colon.map { $0 + 1 } ?? pending.count
        if valueStart < pending.count, pending[valueStart] == UInt8(ascii: " ") { valueStart += 1 }
        let field = pending[..<(colon ?? pending.count)]
        if field.elementsEqual("data".utf8) {
            dataLines.append(String(decoding: pending[valueStart...], as: UTF8.self))
        } else if field.elementsEqual("event".utf8) {
            eventName = String(decoding: pending[valueStart...], as: UTF8.self)
        }
        return nil
    }

    private mutating func dispatch() -> ServerSentEvent? {
        defer {
            eventName = nil
            dataLines.removeAll(keepingCapacity: true)
        }
        guard !dataLines.isEmpty || eventName != nil else { return nil }
        return ServerSentEvent(event: eventName, data: dataLines.joined(separator: "\n"))
    }
}
