public import NIOCore

/// JSON text already checked (``JSONValidator``) and parsed only when its value is first read; until then a reader
/// can look for a member by name in the text. What lets a relayed answer or stream chunk that no hook reads skip the
/// parse. Unchecked Sendable: it is read by the one task handling the answer or pulling the stream, and the parse
/// gives the same value whoever runs it.
final class DeferredJSON: @unchecked Sendable {
    enum Text {
        case string(String)
        case bytes(ByteBuffer)
    }

    let text: Text

    init(_ text: Text) { self.text = text }

    /// The parsed value (an empty object if the text, against its check, does not parse).
    private(set) lazy var json: JSON = {
        switch text {
        case .string(let string): (try? JSONParser.parse(string)) ?? [:]
        case .bytes(let bytes): (try? JSON(parsing: bytes)) ?? [:]
        }
    }()

    /// False only when no member anywhere in the text is named `key`: the text never has `"key"`, nor a `\u` escape
    /// (the one way to spell a key's letters otherwise).
    func mayHaveMember(named key: String) -> Bool {
        let wanted = [UInt8(ascii: "\"")] + Array(key.utf8) + [UInt8(ascii: "\"")]
        return withBytes { text in
            guard text.count >= wanted.count else { return false }
            for start in 0...(text.count - wanted.count) {
                if text[start] == wanted[0], text[start..<(start + wanted.count)].elementsEqual(wanted) { return true }
                if text[start] == UInt8(ascii: "\\"), text[start + 1] == UInt8(ascii: "u") { return true }
            }
            return false
        }
    }

    /// The top-level member `name`, parsed alone from the text (``JSONTopLevelMember``) when its key is written
    /// plainly and once; otherwise (an escaped or repeated key) read from the whole parse, as the parser reads it.
    func topLevelMember(_ name: String) -> JSON? {
        guard mayHaveMember(named: name) else { return nil }
        let alone: JSON?? = withBytes { text in
            guard let range = JSONTopLevelMember.valueRange(of: name, in: text) else { return nil }
            return .some(try? JSONParser.parse(UnsafeRawBufferPointer(rebasing: text[range])))
        }
        return alone ?? json[name]
    }

    private func withBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        switch text {
        case .string(var string): string.withUTF8 { body(UnsafeRawBufferPointer($0)) }
        case .bytes(let bytes): bytes.withUnsafeReadableBytes(body)
        }
    }
}
