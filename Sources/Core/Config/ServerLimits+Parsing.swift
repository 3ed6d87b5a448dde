extension ServerLimits {
    /// The `general_settings` keys read here (for the unknown-key warning).
    static let keys: Set<String> = [
        "global_max_parallel_requests", "request_header_timeout_seconds", "request_body_timeout_seconds", "keep_alive_timeout_seconds",
        "max_request_header_size_kb", "max_request_header_fields", "upstream_max_connections_per_host", "upstream_connect_timeout_seconds",
        "upstream_http_client",
    ]

    /// Reads the limits from config.yaml's `general_settings`; a key left out (or null) keeps its default.
    /// - Throws: ``ConfigError`` naming the key and its range.
    public init(parsing settings: [String: JSON]) throws {
        self.init()
        if let limit = try Self.integer(settings, "global_max_parallel_requests", range: 0...1_000_000) {
            maxRequestsInFlight = limit == 0 ? nil : limit
        }
        requestHeaderTimeout = try Self.seconds(settings, "request_header_timeout_seconds") ?? requestHeaderTimeout
        requestBodyTimeout = try Self.seconds(settings, "request_body_timeout_seconds") ?? requestBodyTimeout
        keepAliveTimeout = try Self.seconds(settings, "keep_alive_timeout_seconds") ?? keepAliveTimeout
        if let kilobytes = try Self.integer(settings, "max_request_header_size_kb", range: 1...16_384) { maxHeaderBytes = kilobytes * 1024 }
        // NIO's decoder counts fields in a UInt16-sized range.
        maxHeaderFields = try Self.integer(settings, "max_request_header_fields", range: 1...65_000) ?? maxHeaderFields
        upstreamConnectionsPerHost = try Self.integer(settings, "upstream_max_connections_per_host", range: 1...100_000) ?? upstreamConnectionsPerHost
        upstreamConnectTimeout = try Self.seconds(settings, "upstream_connect_timeout_seconds") ?? upstreamConnectTimeout
        if let client = settings["upstream_http_client"], !client.isNull {
            guard let name = client.stringValue, let parsed = UpstreamHTTPClientKind(rawValue: name) else {
                throw ConfigError("config.yaml: general_settings.upstream_http_client must be \"lean\" or \"async-http-client\"")
            }
            upstreamHTTPClient = parsed
        }
    }

    private static func integer(_ settings: [String: JSON], _ key: String, range: ClosedRange<Int>) throws -> Int? {
        guard let value = settings[key], !value.isNull else { return nil }
        guard let number = value.intValue, range.contains(number) else {
            throw ConfigError("config.yaml: general_settings.\(key) must be an integer between \(range.lowerBound) and \(range.upperBound)")
        }
        return number
    }

    private static func seconds(_ settings: [String: JSON], _ key: String) throws -> Double? {
        guard let value = settings[key], !value.isNull else { return nil }
        guard let seconds = value.doubleValue, seconds > 0, seconds <= 86_400 else {
            throw ConfigError("config.yaml: general_settings.\(key) must be a number of seconds above 0 and at most 86400")
        }
        return seconds
    }
}
