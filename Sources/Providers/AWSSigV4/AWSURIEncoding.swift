/// SigV4's URI encoding: every byte of the UTF-8 form percent-encoded with upper-case hex, except the unreserved
/// characters `A-Z a-z 0-9 - . _ ~` (and `/` in a path).
///
/// Applied to a path exactly as it goes on the wire, so a path segment already percent-encoded for the request line
/// (`v1%3A0`) is encoded again (`v1%253A0`): the double encoding every AWS service but S3 expects.
public enum AWSURIEncoding {
    /// - Parameters:
    ///   - text: the text to encode.
    ///   - keepingSlash: whether `/` stays as it is (paths) or becomes `%2F` (query names and values).
    /// - Returns: the encoded text.
    public static func encode(_ text: String, keepingSlash: Bool) -> String {
        var encoded: [UInt8] = []
        encoded.reserveCapacity(text.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            if isUnreserved(byte) || (keepingSlash && byte == UInt8(ascii: "/")) {
                encoded.append(byte)
            } else {
                encoded += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    /// The canonical URI of a path: dot segments and empty segments removed (as botocore does, since AWS services
    /// collapse consecutive slashes), a trailing slash kept, then ``encode(_:keepingSlash:)`` with `/` kept.
    /// - Parameter path: the path as it goes on the wire (empty is `/`).
    public static func canonicalURI(path: String) -> String {
        guard !path.isEmpty else { return "/" }
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) where segment != "." {
            if segment == ".." {
                _ = segments.popLast()
            } else {
                segments.append(segment)
            }
        }
        var normalized = "/" + segments.joined(separator: "/")
        if path.hasSuffix("/") && normalized != "/" { normalized += "/" }
        return encode(normalized, keepingSlash: true)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"): true
        default: false
        }
    }
}
