import AWSSigV4
import Foundation
import GatewayCore
import GatewayTesting
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// AWS STS on loopback, speaking the Query API's wire format (form body in, XML out, `ErrorResponse` XML for
/// errors), for what moto cannot show: how many calls arrive, a clock the test moves, slow answers, refusals.
///
/// `AssumeRole` must be signed (service `sts`) by ``BedrockStandIn/credentials``, checked as the Bedrock stand-in
/// checks its requests; `AssumeRoleWithWebIdentity` must carry ``expectedToken``. The role ARN picks the behaviour:
/// `…/denied` → 403 `AccessDenied`; `…/leaky` → 403 `AccessDenied` whose message quotes the caller's secret and
/// token (STS never does; it proves the gateway scrubs them); `…/expired-token` → 400 `ExpiredToken`. Issued keys are
/// `ASIASTANDIN<n>` and are kept in ``issued`` so a ``BedrockStandIn`` can accept them.
final class STSStandIn: Sendable {
    /// One call received: the action and the decoded form fields.
    struct Call: Sendable {
        var action: String
        var fields: [String: String]
    }

    let calls = Mutex<[Call]>([])
    let issued = Mutex<[AWSCredentials]>([])
    /// The token `AssumeRoleWithWebIdentity` must carry.
    let expectedToken = Mutex("header.payload.signature")
    /// When set, every call fails with 503 `ServiceUnavailable` (STS having trouble).
    let failing = Mutex(false)
    /// Seconds since 1970, for `Expiration`.
    let now: @Sendable () -> Double
    /// How long issued credentials live, in seconds (moto and STS honour `DurationSeconds`; this stand-in does not).
    let lifetime: Double
    /// How long each answer takes.
    let delay: Duration

    init(now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }, lifetime: Double = 3600, delay: Duration = .zero) {
        self.now = now
        self.lifetime = lifetime
        self.delay = delay
    }

    /// Serves the stand-in for the duration of `body`, which receives its base URL.
    func withRunning<T: Sendable>(_ body: (String) async throws -> T) async throws -> T {
        let router = Router()
        router.post("/") { request, _ in try await self.answer(request) }
        return try await RunningServer.serve(router, label: "sts-stand-in") { port in try await body("http://127.0.0.1:\(port)") }
    }

    private func answer(_ request: Request) async throws -> Response {
        let bytes = try await request.body.collect(upTo: 1 << 20)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        headers["host"] = request.head.authority
        var fields: [String: String] = [:]
        for pair in String(buffer: bytes).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        let action = fields["Action"] ?? ""
        calls.withLock { $0.append(Call(action: action, fields: fields)) }
        if delay > .zero { try await Task.sleep(for: delay) }
        if failing.withLock({ $0 }) { return Self.error(.serviceUnavailable, code: "ServiceUnavailable", message: "Service is unavailable.") }
        let role = fields["RoleArn"] ?? ""
        switch action {
        case "AssumeRole":
            let base = BedrockStandIn.credentials
            if let failure = BedrockStandIn.signatureFailure(
                path: request.uri.path, headers: headers, body: Array(bytes.readableBytesView), accepted: [base], service: "sts")
            {
                return Self.error(.forbidden, code: "SignatureDoesNotMatch", message: failure)
            }
            if role.hasSuffix("/leaky") {
                return Self.error(.forbidden, code: "AccessDenied", message: "denied for \(base.secretAccessKey) with \(base.sessionToken ?? "")")
            }
        case "AssumeRoleWithWebIdentity":
            guard fields["WebIdentityToken"] == expectedToken.withLock({ $0 }) else {
                return Self.error(
                    .badRequest, code: "InvalidIdentityToken", message: "Couldn't retrieve verification key from your identity provider.")
            }
        default:
            return Self.error(.badRequest, code: "InvalidAction", message: "Could not find operation \(action) for version 2011-06-15")
        }
        if role.hasSuffix("/denied") {
            return Self.error(
                .forbidden, code: "AccessDenied",
                message: "User: arn:aws:iam::123456789012:user/gateway is not authorized to perform: sts:\(action) on resource: \(role)")
        }
        if role.hasSuffix("/expired-token") {
            return Self.error(.badRequest, code: "ExpiredToken", message: "The security token included in the request is expired")
        }
        let credentials = issued.withLock { issued in
            let number = issued.count + 1
            let credentials = AWSCredentials(
                accessKeyID: "ASIASTANDIN\(number)", secretAccessKey: "assumed-secret-\(number)", sessionToken: "assumed-session-token-\(number)")
            issued.append(credentials)
            return credentials
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let expiration = formatter.string(from: Date(timeIntervalSince1970: now() + lifetime))
        let xml = """
            <\(action)Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><\(action)Result><Credentials>\
            <AccessKeyId>\(credentials.accessKeyID)</AccessKeyId><SecretAccessKey>\(credentials.secretAccessKey)</SecretAccessKey>\
            <SessionToken>\(credentials.sessionToken ?? "")</SessionToken><Expiration>\(expiration)</Expiration></Credentials>\
            <AssumedRoleUser><AssumedRoleId>AROASTANDIN:\(fields["RoleSessionName"] ?? "")</AssumedRoleId>\
            <Arn>arn:aws:sts::123456789012:assumed-role/x/\(fields["RoleSessionName"] ?? "")</Arn></AssumedRoleUser>\
            </\(action)Result><ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>\
            </\(action)Response>
            """
        return Response(status: .ok, headers: [.contentType: "text/xml"], body: .init(byteBuffer: ByteBuffer(string: xml)))
    }

    /// STS's `ErrorResponse`.
    static func error(_ status: HTTPResponse.Status, code: String, message: String) -> Response {
        let xml = """
            <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>\(code)</Code>\
            <Message>\(message)</Message></Error><RequestId>4c6b5d1e-0000-4000-8000-000000000000</RequestId></ErrorResponse>
            """
        return Response(status: status, headers: [.contentType: "text/xml"], body: .init(byteBuffer: ByteBuffer(string: xml)))
    }
}
