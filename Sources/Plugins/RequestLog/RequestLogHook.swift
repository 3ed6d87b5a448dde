import GatewayCore
import Logging

/// Writes the line for one finished request: message `request`, the record's fields as metadata.
struct RequestLogHook: LoggingHook {
    let logger: Logger
    /// Set with `log_content`: the content recorded for the request is added as `messages` and `response`.
    let content: ContentRecorder?

    func log(_ event: RequestLogEvent) async {
        // Taken even when the line is filtered out by the level, so recorded content never piles up.
        let recorded = content?.take(event.requestID)
        guard logger.logLevel <= .info else { return }
        var metadata = Logger.Metadata(minimumCapacity: 26)
        event.forEachField { name, value in metadata[name] = value.logMetadata }
        if let recorded {
            if let messages = recorded.request { metadata["messages"] = .string(messages) }
            if let response = recorded.response { metadata["response"] = .string(response) }
        }
        logger.info("request", metadata: metadata)
    }
}

extension JSON {
    /// The value as log metadata: numbers and booleans stay typed (the JSON log handler writes them unquoted).
    var logMetadata: Logger.MetadataValue {
        switch self {
        case .string(let text): .string(text)
        case .int(let number): .stringConvertible(number)
        case .double(let number): .stringConvertible(number)
        case .bool(let flag): .stringConvertible(flag)
        case .array(let elements): .array(elements.map(\.logMetadata))
        case .object(let members): .dictionary(members.mapValues(\.logMetadata))
        case .null: .string("null")
        }
    }
}
