import Foundation
public import GatewayCore

extension OTelTracingPlugin {
    /// The plugin's `config` object; see ``OTelTracingPlugin`` for the table of keys.
    public struct Configuration: PluginConfiguration {
        public static let keys: Set<String> = ["endpoint", "protocol", "service_name", "sample_ratio", "headers", "batch_delay_seconds"]

        /// How spans are encoded on the wire (OTLP/HTTP).
        public enum WireProtocol: String, Sendable, CaseIterable {
            case json = "http/json"
            case protobuf = "http/protobuf"
        }

        /// The full OTLP/HTTP traces URL (`http://collector:4318/v1/traces`), used as given.
        public var endpoint: String
        public var wireProtocol: WireProtocol
        /// The `service.name` resource attribute.
        public var serviceName: String
        /// The fraction of new traces recorded, in [0, 1]; a client's sampled flag in `traceparent` is followed.
        public var sampleRatio: Double
        /// Extra headers on every export (an auth token); values are never logged.
        public var headers: [String: String]
        /// How long finished spans wait to be exported in one batch.
        public var batchDelaySeconds: Double

        enum CodingKeys: String, CodingKey {
            case endpoint
            case wireProtocol = "protocol"
            case serviceName = "service_name"
            case sampleRatio = "sample_ratio"
            case headers
            case batchDelaySeconds = "batch_delay_seconds"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            guard let endpoint = try container.decodeIfPresent(String.self, forKey: .endpoint) else {
                throw ConfigError("config key 'config.endpoint' is required (the OTLP/HTTP traces URL, e.g. http://localhost:4318/v1/traces)")
            }
            self.endpoint = endpoint
            let wire = try container.decodeIfPresent(String.self, forKey: .wireProtocol) ?? WireProtocol.json.rawValue
            guard let wireProtocol = WireProtocol(rawValue: wire) else {
                let known = WireProtocol.allCases.map(\.rawValue).joined(separator: " or ")
                throw ConfigError("config key 'config.protocol' must be \(known), not '\(wire)'")
            }
            self.wireProtocol = wireProtocol
            serviceName = try container.decodeIfPresent(String.self, forKey: .serviceName) ?? "tollgate"
            sampleRatio = try container.decodeIfPresent(Double.self, forKey: .sampleRatio) ?? 1
            headers = try container.decodeIfPresent([String: String].self, forKey: .headers) ?? [:]
            batchDelaySeconds = try container.decodeIfPresent(Double.self, forKey: .batchDelaySeconds) ?? 5
            try validate()
        }

        /// - Throws: ``ConfigError`` naming the first key with a bad value.
        func validate() throws {
            guard let url = URL(string: endpoint), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
                let host = url.host, !host.isEmpty
            else {
                throw ConfigError("config key 'config.endpoint' must be an http:// or https:// URL with a host")
            }
            guard !serviceName.isEmpty else { throw ConfigError("config key 'config.service_name' must not be empty") }
            guard sampleRatio.isFinite, sampleRatio >= 0, sampleRatio <= 1 else {
                throw ConfigError("config key 'config.sample_ratio' must be between 0 and 1")
            }
            guard batchDelaySeconds.isFinite, batchDelaySeconds > 0 else {
                throw ConfigError("config key 'config.batch_delay_seconds' must be positive")
            }
            for name in headers.keys where name.isEmpty || name.contains(where: { $0 == ":" || $0.isWhitespace }) {
                throw ConfigError("config key 'config.headers' has an invalid header name '\(name)'")
            }
        }
    }
}
