public import NIOCore

/// A JSON object's text, checked (``JSONValidator``) but parsed only when its value is first read; until then its
/// members can be found by name from where the check saw them. What lets a relayed answer or stream chunk that no
/// hook reads skip the parse. Unchecked Sendable: it is read by the one task handling the answer or pulling the
/// stream, and the parse gives the same value whoever runs it.
final class DeferredJSON: @unchecked Sendable {
    enum Text {
        case string(String)
        case bytes(ByteBuffer)
    }

    /// Where one member is in the text, and how deep (1 for the top level; ``JSONValidator/MemberVisitor``).
    private struct Member {
        let key: Range<Int>
        let value: Range<Int>
        let depth: Int
    }

    let text: Text
    private let members: [Member]
    /// Whether some key is written with an escape, so that members cannot be told apart by their written names.
    private let hasEscapedKey: Bool

    private init(text: Text, members: [Member], hasEscapedKey: Bool) {
        self.text = text
        self.members = members
        self.hasEscapedKey = hasEscapedKey
    }

    /// `text` kept unparsed; nil when it is not exactly one JSON object.
    /// - Parameter topLevelOnly: note only the top-level members (enough for ``topLevelMember(_:)``, and less work on a
    ///   large answer); ``mayHaveMember(named:)`` and ``strings(named:)`` then see those alone.
    static func object(_ text: Text, topLevelOnly: Bool = false) -> DeferredJSON? {
        var members: [Member] = []
        var hasEscapedKey = false
        let isObject = withBytes(of: text) { bytes in
            JSONValidator.isObject(bytes) { key, value, depth in
                guard !topLevelOnly || depth == 1 else { return }
                members.append(Member(key: key.startIndex..<key.endIndex, value: value, depth: depth))
                if key.contains(UInt8(ascii: "\\")) { hasEscapedKey = true }
            }
        }
        return isObject ? DeferredJSON(text: text, members: members, hasEscapedKey: hasEscapedKey) : nil
    }

    /// The parsed value.
    private(set) lazy var json: JSON = {
        switch text {
        case .string(let string): (try? JSONParser.parse(string)) ?? [:]
        case .bytes(let bytes): (try? JSON(parsing: bytes)) ?? [:]
        }
    }()

    /// False only when no member at any depth is named `key`.
    func mayHaveMember(named key: String) -> Bool {
        if hasEscapedKey { return true }
        return Self.withBytes(of: text) { bytes in members.contains { Self.isNamed(key, $0, in: bytes) } }
    }

    /// The top-level member `name`, parsed alone from the text (the last of that name, as the parser keeps it).
    func topLevelMember(_ name: String) -> JSON? {
        if hasEscapedKey { return json[name] }
        return Self.withBytes(of: text) { bytes in
            guard let member = members.last(where: { $0.depth == 1 && Self.isNamed(name, $0, in: bytes) }) else { return nil }
            return Self.value(of: member, in: bytes)
        }
    }

    /// The values of the string members, at any depth, whose key is one of `names`, in the text's order; nil when a
    /// key is written with an escape (the caller reads the parsed value instead).
    func strings(named names: [String]) -> [String]? {
        guard !hasEscapedKey else { return nil }
        return Self.withBytes(of: text) { bytes in
            members.compactMap { member in
                guard bytes[member.value.lowerBound] == UInt8(ascii: "\""), names.contains(where: { Self.isNamed($0, member, in: bytes) }) else {
                    return nil
                }
                return Self.value(of: member, in: bytes)?.stringValue
            }
        }
    }

    /// One member's value, parsed alone.
    private static func value(of member: Member, in bytes: UnsafeRawBufferPointer) -> JSON? {
        try? JSONParser.parse(UnsafeRawBufferPointer(rebasing: bytes[member.value]))
    }

    private static func isNamed(_ name: String, _ member: Member, in bytes: UnsafeRawBufferPointer) -> Bool {
        member.key.count == name.utf8.count && bytes[member.key].elementsEqual(name.utf8)
    }

    private static func withBytes<Result>(of text: Text, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        switch text {
        case .string(var string): string.withUTF8 { body(UnsafeRawBufferPointer($0)) }
        case .bytes(let bytes): bytes.withUnsafeReadableBytes(body)
        }
    }
}
