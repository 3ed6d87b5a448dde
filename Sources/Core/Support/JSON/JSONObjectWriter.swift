/// Writes a JSON object's text member by member, in the order written.
///
/// For text made on every request (a spend-log row, the decision trace): building a ``JSON`` dictionary only to
/// serialize it costs more than the writing, since every key is hashed into the dictionary first. Keys are string
/// literals, written as they are (they must need no escaping); ``writeMember(named:_:)`` takes any name. The writer
/// does not check for repeated keys; its callers write each key once.
public struct JSONObjectWriter {
    private var output: [UInt8]
    private var isEmpty = true

    public init(reservingCapacity capacity: Int = 256) {
        output = []
        output.reserveCapacity(capacity)
        output.append(UInt8(ascii: "{"))
    }

    /// The object's text, closed.
    public consuming func finish() -> [UInt8] {
        output.append(UInt8(ascii: "}"))
        return output
    }

    public mutating func write(_ key: StaticString, _ value: String) {
        writeKey(key)
        JSON.writeString(value, to: &output)
    }

    /// `null` for `nil`.
    public mutating func write(_ key: StaticString, _ value: String?) {
        guard let value else { return write(key, JSON.null) }
        write(key, value)
    }

    public mutating func write(_ key: StaticString, _ value: Int) {
        writeKey(key)
        JSON.writeInt(value, to: &output)
    }

    public mutating func write(_ key: StaticString, _ value: Double) {
        writeKey(key)
        JSON.writeDouble(value, to: &output)
    }

    public mutating func write(_ key: StaticString, _ value: Bool) {
        writeKey(key)
        output.append(contentsOf: (value ? "true" : "false").utf8)
    }

    public mutating func write(_ key: StaticString, _ value: JSON) {
        writeKey(key)
        value.write(to: &output)
    }

    /// A member whose value is JSON text already: the caller vouches that it is one JSON value.
    public mutating func write(_ key: StaticString, jsonText: some Collection<UInt8>) {
        writeKey(key)
        output.append(contentsOf: jsonText)
    }

    /// A member of any name (escaped as JSON needs).
    public mutating func writeMember(named name: String, _ value: JSON) {
        startMember()
        JSON.writeString(name, to: &output)
        output.append(UInt8(ascii: ":"))
        value.write(to: &output)
    }

    /// A member holding an object that `body` writes.
    public mutating func writeObject(_ key: StaticString, _ body: (inout JSONObjectWriter) -> Void) {
        writeKey(key)
        writeNested(body)
    }

    /// A member holding an array with one object per element, each written by `body`.
    public mutating func writeObjects<Elements: Sequence>(
        _ key: StaticString, _ elements: Elements, _ body: (Elements.Element, inout JSONObjectWriter) -> Void
    ) {
        writeKey(key)
        output.append(UInt8(ascii: "["))
        var isFirst = true
        for element in elements {
            if !isFirst { output.append(UInt8(ascii: ",")) }
            isFirst = false
            writeNested { body(element, &$0) }
        }
        output.append(UInt8(ascii: "]"))
    }

    /// An object written by `body` into this writer's text. The text moves to the nested writer and back (`swap`), so
    /// it is never shared while appended to, which would copy it.
    private mutating func writeNested(_ body: (inout JSONObjectWriter) -> Void) {
        var nested = JSONObjectWriter(output: [])
        swap(&nested.output, &output)
        nested.output.append(UInt8(ascii: "{"))
        body(&nested)
        nested.output.append(UInt8(ascii: "}"))
        swap(&nested.output, &output)
    }

    private init(output: [UInt8]) {
        self.output = output
    }

    private mutating func writeKey(_ key: StaticString) {
        startMember()
        output.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { output.append(contentsOf: $0) }
        output.append(UInt8(ascii: "\""))
        output.append(UInt8(ascii: ":"))
    }

    private mutating func startMember() {
        if !isEmpty { output.append(UInt8(ascii: ",")) }
        isEmpty = false
    }
}
