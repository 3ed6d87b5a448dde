import GatewayCore

/// A JSON schema (tool `parameters`, `response_format.json_schema.schema`) in the OpenAPI subset Gemini's `Schema`
/// takes, cleaned as LiteLLM cleans it for Gemini:
///
/// - `$ref`s to `#/$defs/...` or `#/definitions/...` are inlined and the definitions removed (a schema that refers
///   to itself cannot be inlined and is refused);
/// - a `type` list with `"null"` becomes the other type plus `nullable: true`; `const` becomes a one-value `enum`;
/// - keywords Gemini rejects (`$schema`, `$id`, `additionalProperties`, `strict`, `examples`, `default`,
///   `patternProperties`, `unevaluatedProperties`, `$comment`) are removed, and a string `format` other than `enum`
///   and `date-time` is removed; `oneOf` becomes `anyOf` (Gemini has only the latter).
enum GeminiSchema {
    static let removedKeys: Set<String> = [
        "$schema", "$id", "additionalProperties", "strict", "examples", "default", "patternProperties", "unevaluatedProperties", "$comment",
        "$defs", "definitions",
    ]
    static let keptStringFormats: Set<String> = ["enum", "date-time"]
    /// How deep `$ref`s may nest before a schema counts as recursive.
    static let maximumDepth = 32

    /// The cleaned schema.
    /// - Throws: 400 naming `param` for a `$ref` that cannot be resolved or a recursive schema.
    static func cleaned(_ schema: JSON, param: String) throws -> JSON {
        var definitions: [String: JSON] = [:]
        for key in ["$defs", "definitions"] {
            for (name, value) in schema[key]?.objectValue ?? [:] { definitions["#/\(key)/\(name)"] = value }
        }
        return try clean(schema, definitions: definitions, depth: 0, param: param)
    }

    /// Whether a schema is `{"type": "object"}` with no properties: Gemini rejects such a declaration's
    /// `parameters`, and a function without parameters means the same.
    static func isEmptyObject(_ schema: JSON) -> Bool {
        schema["type"] == "object" && (schema["properties"]?.objectValue ?? [:]).isEmpty && schema["anyOf"] == nil
    }

    private static func clean(_ schema: JSON, definitions: [String: JSON], depth: Int, param: String) throws -> JSON {
        guard depth < maximumDepth else {
            throw GatewayError.badRequest("\(param) nests too deep, or refers to itself: Gemini cannot take a recursive schema.", param: param)
        }
        switch schema {
        case .array(let items):
            return .array(try items.map { try clean($0, definitions: definitions, depth: depth + 1, param: param) })
        case .object(var members):
            if let ref = members["$ref"]?.stringValue {
                guard let target = definitions[ref] else {
                    throw GatewayError.badRequest("\(param) refers to '\(ref)', which it does not define.", param: param)
                }
                members.removeValue(forKey: "$ref")
                // Keywords beside the $ref (a description) are kept over the target's.
                let merged = (target.objectValue ?? [:]).merging(members) { _, own in own }
                return try clean(.object(merged), definitions: definitions, depth: depth + 1, param: param)
            }
            for key in removedKeys { members.removeValue(forKey: key) }
            if case .array(let types)? = members["type"] {
                let others = types.filter { $0 != "null" }
                if others.count == 1 { members["type"] = others[0] } else { members.removeValue(forKey: "type") }
                if others.count > 1 { members["anyOf"] = .array(others.map { ["type": $0] }) }
                if others.count < types.count { members["nullable"] = true }
            }
            if let constant = members.removeValue(forKey: "const") { members["enum"] = [constant] }
            if members["anyOf"] == nil, let oneOf = members.removeValue(forKey: "oneOf") { members["anyOf"] = oneOf }
            if members["type"] == "string", let format = members["format"]?.stringValue, !keptStringFormats.contains(format) {
                members.removeValue(forKey: "format")
            }
            var result: [String: JSON] = [:]
            for (key, value) in members {
                // `properties` maps names to schemas; `enum` and `required` hold plain values.
                switch key {
                case "properties":
                    var properties: [String: JSON] = [:]
                    for (name, property) in value.objectValue ?? [:] {
                        properties[name] = try clean(property, definitions: definitions, depth: depth + 1, param: param)
                    }
                    result[key] = .object(properties)
                case "items", "anyOf", "oneOf", "allOf", "not":
                    result[key] = try clean(value, definitions: definitions, depth: depth + 1, param: param)
                default:
                    result[key] = value
                }
            }
            return .object(result)
        default:
            return schema
        }
    }
}
