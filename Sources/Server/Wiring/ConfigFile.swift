import Foundation
import GatewayCore
import Yams

/// Reads config.yaml (YAML, LiteLLM's format) into a ``GatewayConfig``.
enum ConfigFile {
    /// - Throws: ``ConfigError`` for a missing file, invalid YAML, or an invalid setting.
    /// - Parameter priceMap: the price map under the file's `model_prices` (``PriceMapRefresh``).
    static func load(path: String, environment: [String: String], priceMap: PriceMap = .bundled) throws -> GatewayConfig {
        guard let data = FileManager.default.contents(atPath: path) else { throw ConfigError("cannot read config file '\(path)'") }
        return try parse(String(decoding: data, as: UTF8.self), environment: environment, priceMap: priceMap)
    }

    static func parse(_ text: String, environment: [String: String], priceMap: PriceMap = .bundled) throws -> GatewayConfig {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ConfigError("config.yaml is not valid YAML: \(error)")
        }
        var budget = maximumNodes
        if let root { try check(root, budget: &budget) }
        return try GatewayConfig(parsing: json(from: root?.any), environment: environment, priceMap: priceMap)
    }

    /// The most values a file may hold once its aliases are expanded (ten levels of ten aliases are 10¹⁰).
    static let maximumNodes = 1_000_000

    /// Refuses what Yams cannot turn into values without trapping (a key that is a mapping or a list, `? [a]: b`) or
    /// without running out of memory (more than ``maximumNodes`` values once aliases are expanded). Found by the config
    /// fuzzer (Fuzz/Harnesses/ConfigFuzzer.swift).
    private static func check(_ node: Node, budget: inout Int) throws {
        budget -= 1
        guard budget >= 0 else { throw ConfigError("config.yaml holds more than \(maximumNodes) values once its aliases are expanded") }
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                guard key.string != nil else {
                    throw ConfigError("config.yaml: line \(key.mark?.line ?? 0): a key must be a plain value, not a mapping or a list")
                }
                try check(value, budget: &budget)
            }
        case .sequence(let sequence):
            for element in sequence { try check(element, budget: &budget) }
        case .scalar, .alias:
            break
        }
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
