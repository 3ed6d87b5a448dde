public import NIOCore

/// A JSON body as the client sent it, beside the value it was parsed into.
///
/// When nothing changed the request on its way (no hook edited it, no deployment default was added), an upstream
/// that speaks the client's dialect gets these bytes with only `model` replaced (``bytes(withModel:)``) instead of a
/// re-serialization: the client's own formatting and member order reach it, and the gateway skips writing the JSON.
public struct ClientBody: Sendable {
    /// The body as received.
    public let bytes: ByteBuffer
    /// What ``bytes`` parsed into: the request's body before any change.
    public let parsed: JSON
    /// Where the value of the top-level `model` member lies in ``bytes`` (noted by the parse): nil when the body names
    /// none, or names it twice.
    let modelPlace: Range<Int>?

    /// Parses the body, noting where its `model` lies.
    /// - Throws: ``JSONParseError`` for text that is not JSON.
    public init(parsing bytes: ByteBuffer) throws {
        (parsed, modelPlace) = try bytes.withUnsafeReadableBytes { raw throws(JSONParseError) in try JSONParser.parse(raw, placing: "model") }
        self.bytes = bytes
    }

    /// The body with the top-level `model` member's value replaced by `model`.
    /// - Returns: nil when the body has no top-level `model` string (or names it twice): the caller serializes the
    ///   parsed body instead.
    public func bytes(withModel model: String) -> ByteBuffer? {
        guard let range = modelPlace else { return nil }
        return bytes.withUnsafeReadableBytes { text -> ByteBuffer? in
            guard text[range.lowerBound] == UInt8(ascii: "\"") else { return nil }
            var encoded: [UInt8] = []
            JSON.writeString(model, to: &encoded)
            var spliced = ByteBuffer()
            spliced.reserveCapacity(text.count - range.count + encoded.count)
            spliced.writeBytes(UnsafeRawBufferPointer(rebasing: text[..<range.lowerBound]))
            spliced.writeBytes(encoded)
            spliced.writeBytes(UnsafeRawBufferPointer(rebasing: text[range.upperBound...]))
            return spliced
        }
    }
}
