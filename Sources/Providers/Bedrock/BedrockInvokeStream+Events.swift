import Foundation
import GatewayCore
import NIOCore

extension BedrockInvokeStream {
    /// The longest event type taken from a chunk (Anthropic's are under 32 characters).
    static let maximumEventTypeLength = 64

    /// The Anthropic event one message of an InvokeModelWithResponseStream carries: a `chunk` event's payload
    /// `{"bytes": "<base64>"}`, the bytes being the event's JSON (`{"type": "message_start", ...}`), kept as sent.
    ///
    /// The event's `type` becomes the SSE `event:` name, so it must be a plain word (letters, digits, `_`, `.`, at most
    /// ``maximumEventTypeLength``): a type with a line break would forge events for the client. Data with a raw line
    /// break (JSON whitespace) is re-serialized on one line, as Anthropic sends it.
    /// - Returns: nil for an event of another type (none exist today; one added later is skipped, not fatal).
    /// - Throws: for an `exception` or `error` message, the error the same exception gets on a ConverseStream
    ///   (``BedrockErrors/streamError(type:body:deploymentName:)``); 502 `upstream_invalid_response` for a payload
    ///   that is not base64 of a JSON object with such a `type`.
    static func anthropicEvent(in message: EventStreamMessage, deploymentName: String) throws -> ServerSentEvent? {
        guard message.messageType ?? "event" == "event" else {
            let type = message.exceptionType ?? message.header(":error-code")?.stringValue ?? "error"
            throw BedrockErrors.streamError(type: type, body: String(buffer: message.payload), deploymentName: deploymentName)
        }
        guard message.eventType == "chunk" else { return nil }
        guard let payload = try? JSON(parsing: message.payload), let encoded = payload["bytes"]?.stringValue,
            let bytes = Data(base64Encoded: encoded), let text = String(validating: bytes, as: UTF8.self),
            let event = try? JSONParser.parse(text), let type = event["type"]?.stringValue, isEventType(type)
        else {
            throw GatewayError.badGateway(
                "Upstream '\(deploymentName)' sent a stream chunk that is not an Anthropic event.", code: "upstream_invalid_response")
        }
        let oneLine = text.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) ? event.serializedString() : text
        return ServerSentEvent(event: type, data: oneLine)
    }

    /// Whether `type` can name an SSE event: 1 to ``maximumEventTypeLength`` ASCII letters, digits, `_` or `.`.
    static func isEventType(_ type: String) -> Bool {
        guard (1...maximumEventTypeLength).contains(type.utf8.count) else { return false }
        return type.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
    }
}
