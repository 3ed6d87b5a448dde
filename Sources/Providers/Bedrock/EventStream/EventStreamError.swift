/// Why an event stream could not be decoded. The description names the problem, never a payload's content.
public struct EventStreamError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Equatable {
        case preludeChecksum(expected: UInt32, computed: UInt32)
        case messageChecksum(expected: UInt32, computed: UInt32)
        case badLength(total: Int, headers: Int)
        case badHeader
        case truncated(missing: Int)
    }

    private let code: Code

    /// The prelude's CRC does not match its first 8 bytes.
    static func preludeChecksum(expected: UInt32, computed: UInt32) -> Self { Self(code: .preludeChecksum(expected: expected, computed: computed)) }
    /// The message's CRC does not match its bytes.
    static func messageChecksum(expected: UInt32, computed: UInt32) -> Self { Self(code: .messageChecksum(expected: expected, computed: computed)) }
    /// The lengths in the prelude are impossible or over the limits.
    static func badLength(total: Int, headers: Int) -> Self { Self(code: .badLength(total: total, headers: headers)) }
    /// A header is not well formed.
    static let badHeader = Self(code: .badHeader)
    /// The stream ended inside a message.
    static func truncated(missing: Int) -> Self { Self(code: .truncated(missing: missing)) }

    /// Whether the bytes were damaged (a checksum did not match) rather than cut short or malformed.
    public var isChecksumMismatch: Bool {
        switch code {
        case .preludeChecksum, .messageChecksum: true
        default: false
        }
    }

    /// Whether the stream ended in the middle of a message.
    public var isTruncated: Bool {
        if case .truncated = code { return true }
        return false
    }

    public var description: String {
        switch code {
        case .preludeChecksum(let expected, let computed):
            "event stream prelude CRC mismatch (message says \(hex(expected)), bytes give \(hex(computed)))"
        case .messageChecksum(let expected, let computed):
            "event stream message CRC mismatch (message says \(hex(expected)), bytes give \(hex(computed)))"
        case .badLength(let total, let headers):
            "event stream message with impossible lengths (total \(total) bytes, headers \(headers) bytes)"
        case .badHeader:
            "event stream message with a malformed header"
        case .truncated(let missing):
            "event stream ended inside a message (\(missing) more bytes expected)"
        }
    }

    private func hex(_ value: UInt32) -> String { "0x" + String(value, radix: 16, uppercase: true) }
}
