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

    public init(bytes: ByteBuffer, parsed: JSON) {
        self.bytes = bytes
        self.parsed = parsed
    }

    /// The body with the top-level `model` member's value replaced by `model`.
    /// - Returns: nil when the member cannot be found by a scan (absent, named twice, written with an escape): the
    ///   caller serializes the parsed body instead.
    public func bytes(withModel model: String) -> ByteBuffer? {
        bytes.withUnsafeReadableBytes { text -> ByteBuffer? in
            guard let range = JSONTopLevelMember.valueRange(of: "model", in: text), text[range.lowerBound] == UInt8(ascii: "\"") else {
                return nil
            }
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
