import Foundation
import GatewayCore
import Yams

/// Reads config.yaml (YAML, LiteLLM's format) into a ``GatewayConfig``.
enum ConfigFile {
    /// - Throws: ``ConfigError`` for a missing file, invalid YAML, or an invalid setting.
    static func load(path: String, environment: [String: String]) throws -> GatewayConfig {
        guard let data = FileManager.default.contents(atPath: path) else { throw ConfigError("cannot read config file '\(path)'") }
        return try parse(String(decoding: data, as: UTF8.self), environment: environment)
    }

    static func parse(_ text: String, environment: [String: String]) throws -> GatewayConfig {
        let tree: Any?
        do {
            tree = try Yams.load(yaml: text)
        } catch {
            throw ConfigError("config.yaml is not valid YAML: \(error)")
        }
        return try GatewayConfig(parsing: json(from: tree), environment: environment)
    }

    /// Converts what Yams loads (Int, Double, Bool, String, arrays, mappings, null) into ``JSON``.
    static func json(from value: Any?) -> JSON {
        switch value {
        case nil, is NSNull: return .null
        case let value as Bool: return .bool(value)
        case let value as Int: return .int(value)
        case let value as Double: return .double(value)
        case let value as String: return .string(value)
        case let value as [Any?]: return .array(value.map(json(from:)))
        case let value as [AnyHashable: Any?]:
            var members: [String: JSON] = [:]
            for (key, member) in value { members[String(describing: key.base)] = json(from: member) }
            return .object(members)
        case let value?: return .string(String(describing: value))
        }
    }
}
