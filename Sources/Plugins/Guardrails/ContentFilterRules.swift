import Foundation
import GatewayCore

/// The rules of a LiteLLM `litellm_content_filter` guardrail (config.yaml), each with its own `BLOCK` or `MASK`.
///
/// | key | type | default |
/// | --- | --- | --- |
/// | `patterns[]` | `{pattern_type: prebuilt, pattern_name, action}` or `{pattern_type: regex, pattern, name, action}` | none |
/// | `blocked_words[]` | `{keyword, action, description}`, matched case-insensitively anywhere | none |
/// | `pattern_redaction_format` | mask text, with `{pattern_name}` (upper-cased) in it | `[{pattern_name}_REDACTED]` |
/// | `keyword_redaction_tag` | mask text of keywords | `[KEYWORD_REDACTED]` |
///
/// At least one pattern or keyword is needed. Prebuilt patterns are Tollgate's PII detectors (``prebuilt``); `visa`,
/// `mastercard` and `amex` all find any card number that passes the Luhn check, `aws_access_key` and
/// `github_token` any credential the `secret` detector knows. `categories` and `blocked_words_file` are checks
/// Tollgate does not have, so they stop startup rather than check nothing.
struct ContentFilterRules {
    static let keys: Set<String> = ["patterns", "blocked_words", "pattern_redaction_format", "keyword_redaction_tag"]
    /// LiteLLM's prebuilt pattern names (and Tollgate's entity names) and the detector that serves each.
    static let prebuilt: [String: PIIEntity] = [
        "us_ssn": .usSSN, "email": .email, "phone": .phone, "visa": .creditCard, "mastercard": .creditCard, "amex": .creditCard,
        "credit_card": .creditCard, "aws_access_key": .secret, "github_token": .secret, "secret": .secret, "ip_address": .ipAddress,
    ]
    static let refusedKeys = ["categories", "blocked_words_file", "category_file"]

    var rules: [ContentRules.Rule] = []
    /// The longest keyword, so the stream window can hold a whole one.
    var longestKeyword = 0

    /// - Throws: ``ConfigError`` naming the key at fault under `path`.
    init(_ params: [String: JSON], path: String) throws {
        if let refused = Self.refusedKeys.first(where: { params[$0] != nil }) {
            throw ConfigError("\(path).\(refused) is not supported by Tollgate's content filter (patterns and blocked_words are)")
        }
        var format = "[{pattern_name}_REDACTED]"
        if let value = params["pattern_redaction_format"] {
            guard let text = value.stringValue, text.contains("{pattern_name}") else {
                throw ConfigError("\(path).pattern_redaction_format must be a string containing {pattern_name}")
            }
            format = text
        }
        func placeholder(_ patternName: String) -> String { format.replacingOccurrences(of: "{pattern_name}", with: patternName.uppercased()) }
        var keywordTag = "[KEYWORD_REDACTED]"
        if let value = params["keyword_redaction_tag"] {
            guard let text = value.stringValue, !text.isEmpty else { throw ConfigError("\(path).keyword_redaction_tag must be a non-empty string") }
            keywordTag = text
        }
        for (index, pattern) in try Self.list(params["patterns"], path: "\(path).patterns").enumerated() {
            let at = "\(path).patterns[\(index)]"
            let blocks = try Self.blocks(pattern["action"], path: at)
            switch pattern["pattern_type"]?.stringValue ?? "prebuilt" {
            case "prebuilt":
                guard let patternName = pattern["pattern_name"]?.stringValue, let entity = Self.prebuilt[patternName] else {
                    throw ConfigError(
                        "\(at).pattern_name must be a prebuilt pattern Tollgate has (\(Self.prebuilt.keys.sorted().joined(separator: ", "))), "
                            + "not \(pattern["pattern_name"].map { "'\($0.stringValue ?? $0.typeName)'" } ?? "missing")")
                }
                rules.append(.init(matcher: PIIMatcher(entities: [entity], placeholder: { _ in placeholder(patternName) }), blocks: blocks))
            case "regex":
                guard let expression = pattern["pattern"]?.stringValue, !expression.isEmpty else {
                    throw ConfigError("\(at).pattern must be a non-empty regular expression")
                }
                let label = pattern["name"]?.stringValue ?? "custom_pattern"
                do {
                    let matcher = try PatternMatcher(patterns: [expression], caseInsensitive: false, placeholder: placeholder(label), label: label)
                    rules.append(.init(matcher: matcher, blocks: blocks))
                } catch {
                    throw ConfigError("\(at).pattern is not a valid regular expression")
                }
            case let other:
                throw ConfigError("\(at).pattern_type must be prebuilt or regex, not '\(other)'")
            }
        }
        var keywords: [Bool: [String]] = [:]
        for (index, word) in try Self.list(params["blocked_words"], path: "\(path).blocked_words").enumerated() {
            let at = "\(path).blocked_words[\(index)]"
            guard let keyword = word["keyword"]?.stringValue, !keyword.isEmpty else { throw ConfigError("\(at).keyword must be a non-empty string") }
            keywords[try Self.blocks(word["action"], path: at), default: []].append(keyword)
            longestKeyword = max(longestKeyword, keyword.count)
        }
        for blocks in [true, false] {
            guard let words = keywords[blocks] else { continue }
            rules.append(.init(matcher: PatternMatcher(keywords: words, placeholder: keywordTag), blocks: blocks))
        }
        guard !rules.isEmpty else { throw ConfigError("\(path) needs at least one entry in patterns or blocked_words") }
    }

    /// A list of mappings, or nothing.
    private static func list(_ value: JSON?, path: String) throws -> [JSON] {
        guard let value, !value.isNull else { return [] }
        guard let entries = value.arrayValue, entries.allSatisfy({ $0.objectValue != nil }) else {
            throw ConfigError("\(path) must be a list of mappings")
        }
        return entries
    }

    /// `action`: `BLOCK` (the default) or `MASK`, in any case.
    static func blocks(_ value: JSON?, path: String) throws -> Bool {
        guard let value, !value.isNull else { return true }
        switch value.stringValue?.uppercased() {
        case "BLOCK": return true
        case "MASK": return false
        default: throw ConfigError("\(path).action must be BLOCK or MASK")
        }
    }
}
