/// Percent-encoding as OAuth token requests and URL path segments need it.
public enum PercentEncoding {
    /// `text` with every byte but ASCII letters, digits and `-._~` (RFC 3986's unreserved characters) written `%XX`.
    public static func unreserved(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// An `application/x-www-form-urlencoded` body: `name=value` for each pair, in order, values encoded
    /// (``unreserved(_:)``), joined with `&`.
    public static func form(_ pairs: [(String, String)]) -> String {
        pairs.map { "\($0.0)=\(unreserved($0.1))" }.joined(separator: "&")
    }
}
