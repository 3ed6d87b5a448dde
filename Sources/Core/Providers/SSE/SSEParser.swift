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
        for byte in bytes {
            if byte == 0x0A, lastWasCR {
                lastWasCR = false
                continue  // the \n of a \r\n pair
            }
            lastWasCR = byte == 0x0D
            if byte == 0x0A || byte == 0x0D {
                if let event = endLine() { events.append(event) }
            } else {
                pending.append(byte)
            }
        }
        return events
    }

    /// Ends the stream; returns a last event that was not closed by a blank line, if any.
    public mutating func finish() -> ServerSentEvent? {
        if !pending.isEmpty { _ = endLine() }
        return dispatch()
    }

    private mutating func endLine() -> ServerSentEvent? {
        defer { pending.removeAll(keepingCapacity: true) }
        if pending.isEmpty { return dispatch() }
        if pending.first == UInt8(ascii: ":") { return nil }
        let line = String(decoding: pending, as: UTF8.self)
        let field: Substring
        var value: Substring
        if let colon = line.firstIndex(of: ":") {
            field = line[..<colon]
            value = line[line.index(after: colon)...]
            if value.first == " " { value = value.dropFirst() }
        } else {
            field = line[...]
            value = ""
        }
        switch field {
        case "data": dataLines.append(String(value))
        case "event": eventName = String(value)
        default: break
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
