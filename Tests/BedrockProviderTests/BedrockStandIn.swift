import AWSSigV4
import BedrockProvider
import GatewayCore
import GatewayTesting
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// A Bedrock runtime on loopback that checks each request's SigV4 signature and answers Converse and ConverseStream
/// in Bedrock's wire format (JSON; event-stream frames with CRCs), and InvokeModel for Titan and Cohere embedding models
/// (`BedrockStandIn+Embeddings.swift`).
///
/// The signature check rebuilds the request from what arrived (method, path as received, the headers named in
/// `SignedHeaders`, the body) and signs it with the secret of the key pair whose id it names, among those it accepts
/// (``credentials`` unless told others, such as the keys an STS stand-in issued): a different signature, scope, key
/// or session token answers 403 as Bedrock does. The model id picks the behaviour: `…throttled` → 429
/// `ThrottlingException`, `…invalid` → 400 `ValidationException`, `…corrupt` → a stream frame with a flipped bit,
/// `…cut` → a stream that stops inside a frame, `…stream-throttled` → an exception message mid-stream.
final class BedrockStandIn: Sendable {
    static let credentials = AWSCredentials(
        accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", sessionToken: "FwoGZXIvYXdzEXAMPLE==")
    static let region = "us-east-1"

    /// What arrived: path as received, headers (lower-cased names), body.
    struct Received: Sendable {
        var path: String
        var headers: [String: String]
        var body: JSON
    }

    let received = Mutex<[Received]>([])
    /// The key pairs whose signatures are accepted, asked at each request.
    let accepted: @Sendable () -> [AWSCredentials]

    /// - Parameter accepted: the key pairs to accept; ``credentials`` by default.
    init(accepting accepted: @escaping @Sendable () -> [AWSCredentials] = { [BedrockStandIn.credentials] }) {
        self.accepted = accepted
    }

    /// Requests being answered now, and the most at once so far.
    let inFlight = Mutex<(now: Int, most: Int)>((0, 0))

    /// Serves the stand-in for the duration of `body`.
    func withRunning<T: Sendable>(_ body: (String) async throws -> T) async throws -> T {
        let router = Router()
        router.post("/model/**") { request, _ in try await self.answer(request) }
        return try await RunningServer.serve(router, label: "bedrock-stand-in") { port in try await body("http://127.0.0.1:\(port)") }
    }

    private func answer(_ request: Request) async throws -> Response {
        let bytes = try await request.body.collect(upTo: 1 << 20)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        // HTTP/1's Host arrives as the request's authority (HTTPTypes keeps it out of the header fields).
        headers["host"] = request.head.authority
        let path = request.uri.path
        let json = (try? JSON(parsing: bytes)) ?? .null
        received.withLock { $0.append(Received(path: path, headers: headers, body: json)) }
        if let failure = Self.signatureFailure(path: path, headers: headers, body: Array(bytes.readableBytesView), accepted: accepted()) {
            return Self.error(.forbidden, type: "UnrecognizedClientException", message: failure)
        }
        let segments = path.split(separator: "/")
        guard segments.count == 3 else { return Self.error(.notFound, type: "UnknownOperationException", message: "no such operation") }
        let model = String(segments[1])
        if segments[2].hasPrefix("invoke"), Self.isAnthropic(model) {
            return Self.invokeAnthropic(model: model, action: segments[2], body: (try? JSON(parsing: bytes)) ?? .null)
        }
        if model.hasSuffix("throttled") && !model.hasSuffix("stream-throttled") {
            return Self.error(.tooManyRequests, type: "ThrottlingException", message: "Too many requests, please wait before trying again.")
        }
        if model.hasSuffix("invalid") {
            return Self.error(.badRequest, type: "ValidationException", message: "The provided model identifier is invalid.")
        }
        if segments[2] == "invoke" { return await invokeEmbeddings(model: model, body: json) }
        let request = received.withLock { $0.last!.body }
        return segments[2] == "converse-stream" ? Self.stream(model: model, request: request) : Self.converse(request: request)
    }

    /// Nil when the request is signed by one of `accepted` for `service` in ``region`` (with its session token, when
    /// it has one, sent and signed); else why not.
    static func signatureFailure(
        path: String, headers: [String: String], body: [UInt8], accepted: [AWSCredentials], service: String = "bedrock"
    ) -> String? {
        guard let authorization = headers["authorization"], let date = headers["x-amz-date"].flatMap(AWSTimestamp.init(amzDate:)) else {
            return "missing Authorization or X-Amz-Date"
        }
        var parts: [String: String] = [:]
        for part in authorization.dropFirst("AWS4-HMAC-SHA256 ".count).split(separator: ", ") {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2 { parts[String(pair[0])] = String(pair[1]) }
        }
        guard authorization.hasPrefix("AWS4-HMAC-SHA256 "), let signed = parts["SignedHeaders"]?.split(separator: ";").map(String.init),
            signed.contains("host"), signed.contains("x-amz-date")
        else { return "malformed Authorization" }
        let keyID = parts["Credential"]?.split(separator: "/").first.map(String.init) ?? ""
        guard let credentials = accepted.first(where: { $0.accessKeyID == keyID }),
            parts["Credential"] == "\(keyID)/\(date.dateStamp)/\(region)/\(service)/aws4_request"
        else { return "The security token included in the request is invalid." }
        if let token = credentials.sessionToken, !signed.contains("x-amz-security-token") || headers["x-amz-security-token"] != token {
            return "The security token included in the request is invalid."
        }
        let signer = SigV4Signer(credentials: credentials, region: region, service: service)
        let request = SigV4Request(method: "POST", path: path, headers: signed.map { ($0, headers[$0] ?? "") }, body: body)
        let expected = signer.sign(request, at: date)
        guard expected.signature == parts["Signature"] else {
            return "The request signature we calculated does not match the signature you provided."
        }
        return nil
    }

    static func error(_ status: HTTPResponse.Status, type: String, message: String) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json", HTTPField.Name("x-amzn-ErrorType")!: "\(type):http://internal.amazon.com/"],
            body: .init(byteBuffer: ByteBuffer(string: JSON.object(["message": .string(message)]).serializedString())))
    }

    /// A text answer, or a `toolUse` of the first tool when the request declares tools.
    static func converse(request: JSON) -> Response {
        var content: [JSON] = [["text": "Hello from Bedrock"]]
        var stopReason = "end_turn"
        if let tool = request["toolConfig"]?["tools"]?[0]?["toolSpec"]?["name"] {
            content = [["toolUse": ["toolUseId": "tooluse_1", "name": tool, "input": ["city": "Paris"]]]]
            stopReason = "tool_use"
        }
        let body: JSON = [
            "output": ["message": ["role": "assistant", "content": .array(content)]], "stopReason": .string(stopReason),
            "usage": ["inputTokens": 12, "outputTokens": 5, "totalTokens": 20, "cacheReadInputTokens": 3, "cacheWriteInputTokens": 0],
            "metrics": ["latencyMs": 42],
        ]
        return Response(
            status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body.serializedString())))
    }

    /// ConverseStream's events as frames, written in pieces that split frames (the decoder must join them).
    /// "Hello world", or, when the request declares tools, a `toolUse` of the first one with its input in two pieces.
    static func stream(model: String, request: JSON = .null) -> Response {
        var events: [(String, JSON)] = [
            ("messageStart", ["role": "assistant", "p": "abc"]), ("contentBlockDelta", ["contentBlockIndex": 0, "delta": ["text": "Hello"]]),
            ("contentBlockDelta", ["contentBlockIndex": 0, "delta": ["text": " world"]]), ("contentBlockStop", ["contentBlockIndex": 0]),
            ("messageStop", ["stopReason": "end_turn"]),
            ("metadata", ["usage": ["inputTokens": 7, "outputTokens": 2, "totalTokens": 9], "metrics": ["latencyMs": 10]]),
        ]
        if let tool = request["toolConfig"]?["tools"]?[0]?["toolSpec"]?["name"] {
            let start: JSON = ["toolUse": ["toolUseId": "tooluse_1", "name": tool]]
            let toolEvents: [(String, JSON)] = [
                ("contentBlockStart", ["contentBlockIndex": 0, "start": start]),
                ("contentBlockDelta", ["contentBlockIndex": 0, "delta": ["toolUse": ["input": "{\"city\":"]]]),
                ("contentBlockDelta", ["contentBlockIndex": 0, "delta": ["toolUse": ["input": "\"Paris\"}"]]]),
                ("contentBlockStop", ["contentBlockIndex": 0]), ("messageStop", ["stopReason": "tool_use"]),
            ]
            events.replaceSubrange(1...4, with: toolEvents)
        }
        var frames = events.map { type, payload in
            EventStreamMessage(
                headers: [(":event-type", .string(type)), (":content-type", .string("application/json")), (":message-type", .string("event"))],
                payload: ByteBuffer(string: payload.serializedString())
            ).encoded()
        }
        if model.hasSuffix("stream-throttled") {
            events.removeAll()
            frames[2] = EventStreamMessage(
                headers: [(":exception-type", .string("throttlingException")), (":message-type", .string("exception"))],
                payload: ByteBuffer(string: #"{"message":"Too many tokens, please wait before trying again."}"#)
            ).encoded()
            frames.removeLast(3)
        }
        var all = ByteBuffer()
        for frame in frames { all.writeImmutableBuffer(frame) }
        if model.hasSuffix("corrupt") {
            let offset = frames[0].readableBytes + 20
            all.setInteger(all.getInteger(at: offset, as: UInt8.self)! ^ 0x01, at: offset)
        }
        if model.hasSuffix("cut") { all = all.getSlice(at: 0, length: all.readableBytes - frames.last!.readableBytes / 2)! }
        return eventStream(all, pieceSize: 37)
    }

    /// An `application/vnd.amazon.eventstream` answer of `bytes`, written in pieces of `pieceSize` bytes so that
    /// frames arrive split across reads, as they do over a network.
    static func eventStream(_ bytes: ByteBuffer, pieceSize: Int) -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/vnd.amazon.eventstream"],
            body: ResponseBody { writer in
                var rest = bytes
                while rest.readableBytes > 0, let piece = rest.readSlice(length: min(pieceSize, rest.readableBytes)) { try await writer.write(piece) }
                try await writer.finish(nil)
            })
    }
}
