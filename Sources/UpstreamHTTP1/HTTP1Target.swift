/// Where a request goes: the connection's end (scheme, host, port) and the path the request line names.
///
/// Parsed from the URL string by hand: the gateway's upstream URLs are built from a configured `api_base` and a path,
/// and Foundation's `URL` parse costs more than the rest of the exchange's bookkeeping on this path.
struct HTTP1Target: Hashable, Sendable {
    let secure: Bool
    let host: String
    let port: Int
    /// What the `host` header says: the host, and the port when it is not the scheme's.
    let hostHeader: String

    /// An IPv4 or IPv6 address rather than a name.
    var isIPAddress: Bool {
        host.contains(":") || host.utf8.allSatisfy { $0 == UInt8(ascii: ".") || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) }
    }

    /// Splits `http[s]://host[:port][/path][?query]` (the fragment dropped, a `[v6]` host allowed).
    /// - Returns: nil for another scheme, user info (`user@host`), an empty host or a port outside 1...65535.
    static func parse(_ url: String) -> (target: HTTP1Target, path: String)? {
        // Read as bytes throughout: every delimiter is ASCII, and reading by `Character` took ~30,000 instructions a
        // request in grapheme breaking.
        var utf8 = Substring(url).utf8
        let secure: Bool
        if Self.dropPrefix("http://", from: &utf8) {
            secure = false
        } else if Self.dropPrefix("https://", from: &utf8) {
            secure = true
        } else {
            return nil
        }
        let authorityEnd = utf8.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? utf8.endIndex
        let authority = utf8[..<authorityEnd]
        guard !authority.isEmpty, !authority.contains(UInt8(ascii: "@")) else { return nil }
        var host = authority
        let defaultPort = secure ? 443 : 80
        var port = defaultPort
        // The port's colon is the last one after any `]` of a bracketed IPv6 host.
        if let colon = authority.lastIndex(of: UInt8(ascii: ":")), !authority[colon...].contains(UInt8(ascii: "]")) {
            guard let parsed = Int(Substring(authority[authority.index(after: colon)...])), (1...65535).contains(parsed) else { return nil }
            port = parsed
            host = authority[..<colon]
        }
        let hostHeader = port == defaultPort ? String(Substring(host)) : String(Substring(host)) + ":" + String(port)
        if host.first == UInt8(ascii: "["), host.last == UInt8(ascii: "]") { host = host.dropFirst().dropLast() }
        guard !host.isEmpty else { return nil }
        var path = utf8[authorityEnd...]
        if let hash = path.firstIndex(of: UInt8(ascii: "#")) { path = path[..<hash] }
        let pathText = String(Substring(path))
        return (
            HTTP1Target(secure: secure, host: String(Substring(host)), port: port, hostHeader: hostHeader),
            path.isEmpty || path.first == UInt8(ascii: "?") ? "/" + pathText : pathText
        )
    }

    static func dropPrefix(_ prefix: StaticString, from utf8: inout Substring.UTF8View) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard utf8.count >= count else { return false }
        let candidate = utf8.prefix(count)
        let matches = prefix.withUTF8Buffer { expected in
            // The scheme is case-insensitive; the prefixes are lowercase letters and punctuation.
            zip(candidate, expected).allSatisfy { byte, lower in
                byte == lower || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") && byte | 0x20 == lower)
            }
        }
        if matches { utf8 = utf8.dropFirst(count) }
        return matches
    }
}
