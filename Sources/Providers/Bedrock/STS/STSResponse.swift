import AWSSigV4
import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An answer of STS's Query API, read with Foundation's `XMLParser` (`FoundationXML` on Linux, libxml2 underneath):
///
/// ```xml
/// <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials>
///   <AccessKeyId>ASIA...</AccessKeyId><SecretAccessKey>...</SecretAccessKey><SessionToken>...</SessionToken>
///   <Expiration>2026-12-06T19:07:49.748Z</Expiration>
/// </Credentials>...</AssumeRoleResult></AssumeRoleResponse>
///
/// <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type>
///   <Code>AccessDenied</Code><Message>User: ... is not authorized to perform: sts:AssumeRole ...</Message>
/// </Error><RequestId>...</RequestId></ErrorResponse>
/// ```
///
/// The same reading serves `AssumeRole` and `AssumeRoleWithWebIdentity`: only the elements inside `Credentials` and
/// `Error` are taken, wherever those sit. External entities are not resolved.
enum STSResponse {
    /// What an answer holds.
    enum Parsed: Equatable {
        /// Temporary credentials and when they expire (seconds since 1970).
        case credentials(AWSCredentials, expiration: Double)
        /// STS's error `Code` and `Message` (either may be empty).
        case error(code: String, message: String)
        /// Neither: not XML, or no complete `Credentials` nor `Error`.
        case invalid
    }

    /// Reads an STS answer's body.
    static func parse(_ bytes: [UInt8]) -> Parsed {
        let reader = Reader()
        let parser = XMLParser(data: Data(bytes))
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        guard parser.parse() else { return .invalid }
        let credentials = reader.credentials
        if let id = credentials["AccessKeyId"], let secret = credentials["SecretAccessKey"], let token = credentials["SessionToken"],
            !id.isEmpty, !secret.isEmpty, !token.isEmpty, let expiration = credentials["Expiration"].flatMap(Self.secondsSince1970)
        {
            return .credentials(AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: token), expiration: expiration)
        }
        if reader.sawError { return .error(code: reader.error["Code"] ?? "", message: reader.error["Message"] ?? "") }
        return .invalid
    }

    /// An ISO 8601 UTC time as STS writes it (`2026-12-06T19:07:49Z`, `...49.748Z`, `...49.748406Z`, `+00:00`) in
    /// seconds since 1970; nil when it is not one, or not within the years 1970 to 9999.
    ///
    /// Parsed by hand (a fixed layout, every field range-checked before any arithmetic) rather than with
    /// `ISO8601DateFormatter`, whose handling of more than three fractional digits differs between platforms.
    static func secondsSince1970(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.count <= 40 else { return nil }
        func number(_ start: Int, _ length: Int) -> Int? {
            var value = 0
            for byte in bytes[start..<start + length] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        let separators: [(Int, Character)] = [(4, "-"), (7, "-"), (10, "T"), (13, ":"), (16, ":")]
        guard separators.allSatisfy({ bytes[$0.0] == $0.1.asciiValue }), let year = number(0, 4), let month = number(5, 2),
            let day = number(8, 2), let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
            (1970...9999).contains(year), (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour),
            (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        var rest = bytes[19...]
        var fraction = 0.0
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            let digits = rest.prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            guard !digits.isEmpty, digits.count <= 9 else { return nil }
            fraction = Double(String(decoding: digits, as: UTF8.self)).map { $0 / pow(10, Double(digits.count)) } ?? 0
            rest = rest.dropFirst(digits.count)
        }
        guard Array(rest) == Array("Z".utf8) || Array(rest) == Array("+00:00".utf8) else { return nil }
        // Howard Hinnant's days_from_civil; every input is range-checked above, so nothing here can overflow.
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = shiftedYear / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return Double(days * 86_400 + hour * 3600 + minute * 60 + second) + fraction
    }

    /// Collects the text of the children of `Credentials` and of `Error`.
    private final class Reader: NSObject, XMLParserDelegate {
        var credentials: [String: String] = [:]
        var error: [String: String] = [:]
        var sawError = false
        private var path: [String] = []
        private var text = ""

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            path.append(elementName)
            if elementName == "Error" { sawError = true }
            text = ""
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            // Capped: a hostile or broken answer cannot grow memory without bound.
            if text.utf8.count < 16_384 { text += string }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            let parent = path.count >= 2 ? path[path.count - 2] : ""
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if parent == "Credentials" { credentials[elementName] = value }
            if parent == "Error" { error[elementName] = value }
            if !path.isEmpty { path.removeLast() }
            text = ""
        }
    }
}
