/// Writes a JSON object's text member by member, in the order written.
///
/// For text made on every request (a spend-log row, the decision trace): building a ``JSON`` dictionary only to
/// serialize it costs more than the writing, since every key is hashed into the dictionary first. The writer does not
/// check for repeated keys; its callers write each key once.
public struct JSONObjectWriter {
    private var output: [UInt8]
    private var isEmpty = true

    public init(reservingCapacity capacity: Int = 256) {
        output = []
        output.reserveCapacity(capacity)
        output.append(UInt8(ascii: "{"))
    }

    /// Continues `output`, whose text so far ends where this object's value goes.
    private init(continuing output: consuming [UInt8]) {
        self.output = output
        self.output.append(UInt8(ascii: "{"))
    }

    /// The object's text, closed.
    public consuming func finish() -> [UInt8] {
        output.append(UInt8(ascii: "}"))
        return output
    }

    public mutating func write(_ key: String, _ value: String) {
        writeKey(key)
        JSON.writeString(value, to: &output)
    }

    /// `null` for `nil`.
    public mutating func write(_ key: String, _ value: String?) {
        guard let value else { return write(key, JSON.null) }
        write(key, value)
    }

    public mutating func write(_ key: String, _ value: Int) {
        writeKey(key)
        JSON.writeInt(value, to: &output)
    }

    public mutating func write(_ key: String, _ value: Double) {
        writeKey(key)
        JSON.writeDouble(value, to: &output)
    }

    public mutating func write(_ key: String, _ value: Bool) {
        writeKey(key)
        output.append(contentsOf: (value ? "true" : "false").utf8)
    }

    public mutating func write(_ key: String, _ value: JSON) {
        writeKey(key)
        value.write(to: &output)
    }

    /// A member whose value is JSON text already: the caller vouches that it is one JSON value.
    public mutating func write(_ key: String, jsonText: some Collection<UInt8>) {
        writeKey(key)
        output.append(contentsOf: jsonText)
    }

    /// A member holding an object that `body` writes.
    public mutating func writeObject(_ key: String, _ body: (inout JSONObjectWriter) -> Void) {
        writeKey(key)
        var member = JSONObjectWriter(continuing: takeOutput())
        body(&member)
        output = member.finish()
    }

    /// A member holding an array with one object per element, each written by `body`.
    public mutating func writeObjects<Elements: Sequence>(
        _ key: String, _ elements: Elements, _ body: (Elements.Element, inout JSONObjectWriter) -> Void
    ) {
        writeKey(key)
        output.append(UInt8(ascii: "["))
        var isFirst = true
        for element in elements {
            if !isFirst { output.append(UInt8(ascii: ",")) }
            isFirst = false
            var object = JSONObjectWriter(continuing: takeOutput())
            body(element, &object)
            output = object.finish()
        }
        output.append(UInt8(ascii: "]"))
    }

    private mutating func writeKey(_ key: String) {
        if !isEmpty { output.append(UInt8(ascii: ",")) }
        isEmpty = false
        JSON.writeString(key, to: &output)
        output.append(UInt8(ascii: ":"))
    }

    /// The text so far, left unshared so that a nested writer appends to it in place.
    private mutating func takeOutput() -> [UInt8] {
        let taken = output
        output = []
        return taken
    }
}
