import AWSSigV4
import Foundation
import Testing

/// The signer against the cases of AWS's published Signature Version 4 test suite (`aws4_testsuite/`, see its
/// README for the source): canonical request, string to sign and `Authorization` header, each compared as published.
struct SigV4TestSuiteTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("aws4_testsuite")
    static let cases = [
        "get-vanilla", "post-vanilla", "get-vanilla-query-order-key", "get-vanilla-query-order-value", "get-vanilla-query-order-key-case",
        "get-vanilla-query-unreserved", "get-vanilla-utf8-query", "get-vanilla-empty-query-key", "post-x-www-form-urlencoded",
        "post-x-www-form-urlencoded-parameters", "get-unreserved", "get-utf8", "get-header-value-trim", "get-header-key-duplicate",
        "get-header-value-order", "post-header-key-sort", "post-header-key-case", "get-vanilla-with-session-token", "post-vanilla-query",
        "post-vanilla-empty-query-value",
    ]

    @Test(arguments: cases)
    func signsAsPublished(_ name: String) throws {
        let expected = try ["req", "creq", "sts", "authz"].map { try Self.read(name, $0) }
        // The token is not in the .req: the suite shows it in the canonical request only (botocore reads it there too).
        let token = expected[1].split(separator: "\n").first { $0.hasPrefix("x-amz-security-token:") }
            .map { String($0.dropFirst("x-amz-security-token:".count)) }
        let signer = SigV4Signer(
            credentials: AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: token),
            region: "us-east-1", service: "service")
        let signature = signer.sign(try Self.parse(expected[0]), at: try #require(AWSTimestamp(amzDate: "20150830T123600Z")))
        #expect(signature.canonicalRequest == expected[1])
        #expect(signature.stringToSign == expected[2])
        #expect(signature.authorization == expected[3])
    }

    @Test func formatsTimestamps() {
        #expect(AWSTimestamp(secondsSince1970: 1_440_938_160).amzDate == "20150830T123600Z")
        #expect(AWSTimestamp(secondsSince1970: 0).amzDate == "19700101T000000Z")
        #expect(AWSTimestamp(secondsSince1970: 951_782_400).amzDate == "20000229T000000Z")
        #expect(AWSTimestamp(secondsSince1970: -5).amzDate == "19700101T000000Z")
        #expect(AWSTimestamp(secondsSince1970: .nan).amzDate == "19700101T000000Z")
        #expect(AWSTimestamp(secondsSince1970: 1e20).amzDate == "99991231T235959Z")
        #expect(AWSTimestamp(amzDate: "2015-08-30") == nil)
        #expect(AWSTimestamp(amzDate: "20150830T123600Z")?.dateStamp == "20150830")
    }

    @Test func credentialsDescriptionHidesSecrets() {
        let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "very-secret", sessionToken: "session-secret")
        #expect(!"\(credentials)".contains("secret-"))
        #expect(!"\(credentials)".contains("very-secret"))
        #expect("\(credentials)".contains("AKIDEXAMPLE"))
    }

    static func read(_ name: String, _ ext: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent("\(name)/\(name).\(ext)"), encoding: .utf8)
    }

    /// A `.req` file: `METHOD target HTTP/1.1`, `Name:value` lines, an empty line, the body.
    static func parse(_ text: String) throws -> SigV4Request {
        var lines = text.components(separatedBy: "\n")
        let requestLine = lines.removeFirst()
        let method = String(requestLine.prefix { $0 != " " })
        let target = String(requestLine.dropFirst(method.count + 1).dropLast(" HTTP/1.1".count))
        var headers: [(name: String, value: String)] = []
        while let line = lines.first, !line.isEmpty {
            lines.removeFirst()
            let colon = try #require(line.firstIndex(of: ":"))
            headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
        }
        let body = lines.dropFirst().joined(separator: "\n")
        let path = String(target.prefix { $0 != "?" })
        let query = target.dropFirst(path.count + 1).split(separator: "&").map { pair in
            let name = pair.prefix { $0 != "=" }
            let value = pair.dropFirst(name.count + 1)
            return (name: String(name).removingPercentEncoding ?? String(name), value: String(value).removingPercentEncoding ?? String(value))
        }
        return SigV4Request(method: method, path: path, query: query, headers: headers, body: Array(body.utf8))
    }
}
