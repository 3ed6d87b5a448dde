import Foundation
import GatewayCore
import GatewayTesting
import HTTPTypes
import Hummingbird
import Logging

/// A loopback OTLP/HTTP receiver that collects the spans POSTed to `/v1/traces` as OTLP JSON.
///
/// Trace and span ids arrive base64-encoded (swift-protobuf's JSON mapping of `bytes`); they are kept as lowercase
/// hex, the form `traceparent` uses, so tests compare them directly.
enum OTLPReceiver {
    static func withRunning<T: Sendable>(_ body: (TestEndpoint, ReceivedSpans) async throws -> T) async throws -> T {
        let spans = ReceivedSpans()
        let router = Router()
        router.post("/v1/traces") { request, _ in
            let buffer = try await request.body.collect(upTo: 16 * 1024 * 1024)
            await spans.add(try JSON(parsing: buffer), token: request.headers[HTTPField.Name("x-otlp-token")!])
            return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: "{}")))
        }
        return try await RunningServer.serve(router, label: "otlp-receiver") { port in
            try await body(TestEndpoint(port: port), spans)
        }
    }
}

/// One span as exported.
struct ReceivedSpan: Sendable {
    let traceID: String
    let spanID: String
    /// Empty for a root span.
    let parentSpanID: String
    let name: String
    /// OTLP's `SpanKind`: 1 internal, 2 server, 3 client.
    let kind: Int
    /// Attribute values as text.
    let attributes: [String: String]
}

/// Every span the receiver got.
actor ReceivedSpans {
    private(set) var spans: [ReceivedSpan] = []
    /// The `x-otlp-token` header of each export, when it had one.
    private(set) var tokens: [String] = []

    func add(_ export: JSON, token: String?) {
        if let token { tokens.append(token) }
        for resource in export["resourceSpans"]?.arrayValue ?? [] {
            for scope in resource["scopeSpans"]?.arrayValue ?? [] {
                for span in scope["spans"]?.arrayValue ?? [] {
                    var attributes: [String: String] = [:]
                    for attribute in span["attributes"]?.arrayValue ?? [] {
                        guard let key = attribute["key"]?.stringValue, let value = attribute["value"]?.objectValue?.values.first else { continue }
                        attributes[key] = value.stringValue ?? value.serializedString()
                    }
                    spans.append(
                        ReceivedSpan(
                            traceID: Self.hex(span["traceId"]), spanID: Self.hex(span["spanId"]), parentSpanID: Self.hex(span["parentSpanId"]),
                            name: span["name"]?.stringValue ?? "", kind: span["kind"]?.intValue ?? 0, attributes: attributes))
                }
            }
        }
    }

    /// Waits until `predicate` holds for the spans received (export is batched, behind the request), at most 20 s.
    func wait(until predicate: @Sendable ([ReceivedSpan]) -> Bool) async throws -> [ReceivedSpan] {
        for _ in 0..<400 {
            if predicate(spans) { return spans }
            try await Task.sleep(for: .milliseconds(50))
        }
        return spans
    }

    private static func hex(_ value: JSON?) -> String {
        guard let text = value?.stringValue, !text.isEmpty else { return "" }
        guard let data = Data(base64Encoded: text) else { return text.lowercased() }
        return data.map { String(format: "%02x", $0) }.joined()
    }
}
