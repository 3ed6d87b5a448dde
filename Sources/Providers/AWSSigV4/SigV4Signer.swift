public import Crypto

/// Signs requests with AWS Signature Version 4 (`AWS4-HMAC-SHA256`), on swift-crypto.
///
/// The steps, each public so a test (or a test upstream checking what it received) can compare them one by one:
///
/// 1. ``canonicalRequest(_:signedHeaders:payloadHash:)``: method, canonical URI (``AWSURIEncoding/canonicalURI(path:)``,
///    double-encoded for every service but S3), sorted encoded query, lower-cased trimmed sorted headers, the
///    signed header names, the payload's SHA-256.
/// 2. ``stringToSign(canonicalRequest:timestamp:)``: algorithm, time, credential scope, hash of step 1.
/// 3. ``signingKey(dateStamp:)``: HMAC chain over `AWS4<secret>`, date, region, service, `aws4_request`.
/// 4. ``sign(_:at:contentSHA256Header:)``: the headers to add (`x-amz-date`, `x-amz-security-token` for session
///    credentials, `x-amz-content-sha256` when asked, `authorization`).
///
/// Headers that proxies may change (`user-agent`, `connection`, `transfer-encoding`, ...) are left out of the
/// signature, as botocore leaves them out.
public struct SigV4Signer: Sendable {
    public static let algorithm = "AWS4-HMAC-SHA256"
    /// Headers never signed (botocore's list): hop-by-hop headers and those a client or proxy may rewrite.
    static let unsignedHeaders: Set<String> = [
        "authorization", "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
        "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    ]

    public var credentials: AWSCredentials
    /// `us-east-1`, ...
    public var region: String
    /// The signing name of the service: `bedrock` for Bedrock's runtime, `sts`, ...
    public var service: String

    public init(credentials: AWSCredentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// The result of signing: the headers to add to the request, and the intermediate values.
    public struct Signature: Sendable {
        /// `x-amz-date`, `x-amz-security-token` (session credentials), `x-amz-content-sha256` (when asked),
        /// `authorization`, in that order.
        public var headers: [(name: String, value: String)]
        public var canonicalRequest: String
        public var stringToSign: String
        /// The hex signature at the end of the `authorization` header.
        public var signature: String

        /// The `authorization` header's value.
        public var authorization: String { headers.last { $0.name == "authorization" }?.value ?? "" }
    }

    /// Signs `request` at `timestamp`.
    ///
    /// The request's own `x-amz-date`, `authorization`, `x-amz-security-token` (with session credentials) and
    /// `x-amz-content-sha256` (when `contentSHA256Header`) are replaced by the signer's.
    /// - Parameters:
    ///   - request: what to sign; its headers must include `host`.
    ///   - timestamp: the signing time.
    ///   - contentSHA256Header: whether to send (and sign) `x-amz-content-sha256`: S3 needs it; Bedrock does not.
    /// - Returns: the headers to add, with the intermediate values.
    public func sign(_ request: SigV4Request, at timestamp: AWSTimestamp, contentSHA256Header: Bool = false) -> Signature {
        let payloadHash = Self.hexSHA256(request.body)
        var replaced: Set<String> = ["x-amz-date", "authorization"]
        var added: [(name: String, value: String)] = [("x-amz-date", timestamp.amzDate)]
        if let token = credentials.sessionToken {
            replaced.insert("x-amz-security-token")
            added.append(("x-amz-security-token", token))
        }
        if contentSHA256Header {
            replaced.insert("x-amz-content-sha256")
            added.append(("x-amz-content-sha256", payloadHash))
        }
        var signing = request
        signing.headers = request.headers.filter { !replaced.contains($0.name.lowercased()) } + added
        let signedHeaders = Self.signedHeaderNames(signing.headers)
        let canonical = Self.canonicalRequest(signing, signedHeaders: signedHeaders, payloadHash: payloadHash)
        let toSign = stringToSign(canonicalRequest: canonical, timestamp: timestamp)
        let key = signingKey(dateStamp: timestamp.dateStamp)
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Array(toSign.utf8), using: key))
        let authorization =
            "\(Self.algorithm) Credential=\(credentials.accessKeyID)/\(credentialScope(dateStamp: timestamp.dateStamp)), "
            + "SignedHeaders=\(signedHeaders.joined(separator: ";")), Signature=\(signature)"
        return Signature(
            headers: added + [("authorization", authorization)], canonicalRequest: canonical, stringToSign: toSign, signature: signature)
    }

    /// `20150830/us-east-1/service/aws4_request`.
    public func credentialScope(dateStamp: String) -> String { "\(dateStamp)/\(region)/\(service)/aws4_request" }

    /// The names of the headers that are signed: lower-cased, deduplicated, sorted, without ``unsignedHeaders``.
    public static func signedHeaderNames(_ headers: [(name: String, value: String)]) -> [String] {
        Set(headers.map { $0.name.lowercased().trimmingSpaces() }).subtracting(unsignedHeaders).sorted()
    }

    /// The canonical request of step 1.
    /// - Parameters:
    ///   - request: the request, with every header to sign.
    ///   - signedHeaders: ``signedHeaderNames(_:)`` of its headers.
    ///   - payloadHash: the hex SHA-256 of the body (or `UNSIGNED-PAYLOAD`).
    public static func canonicalRequest(_ request: SigV4Request, signedHeaders: [String], payloadHash: String) -> String {
        let encoded: [(name: String, value: String)] = request.query.map { pair in
            (AWSURIEncoding.encode(pair.name, keepingSlash: false), AWSURIEncoding.encode(pair.value, keepingSlash: false))
        }
        let sorted = encoded.sorted { left, right in left.name == right.name ? left.value < right.value : left.name < right.name }
        let query = sorted.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
        var values: [String: [String]] = [:]
        for (name, value) in request.headers { values[name.lowercased().trimmingSpaces(), default: []].append(value.collapsingSpaces()) }
        let headerLines = signedHeaders.map { "\($0):\(values[$0, default: []].joined(separator: ","))\n" }.joined()
        return [
            request.method.uppercased(), AWSURIEncoding.canonicalURI(path: request.path), query, headerLines,
            signedHeaders.joined(separator: ";"), payloadHash,
        ].joined(separator: "\n")
    }

    /// The string to sign of step 2.
    public func stringToSign(canonicalRequest: String, timestamp: AWSTimestamp) -> String {
        [Self.algorithm, timestamp.amzDate, credentialScope(dateStamp: timestamp.dateStamp), Self.hexSHA256(Array(canonicalRequest.utf8))]
            .joined(separator: "\n")
    }

    /// The signing key of step 3: `HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")`.
    public func signingKey(dateStamp: String) -> SymmetricKey {
        var key = SymmetricKey(data: Array("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [dateStamp, region, service, "aws4_request"] {
            key = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key))
        }
        return key
    }

    /// Lower-case hex of the SHA-256 of `bytes`.
    public static func hexSHA256(_ bytes: [UInt8]) -> String { hex(SHA256.hash(data: bytes)) }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes { text += [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]] }
        return String(decoding: text, as: UTF8.self)
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    fileprivate func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }

    /// SigV4's Trimall: trimmed, and every run of whitespace inside made one space.
    fileprivate func collapsingSpaces() -> String {
        split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }
}
