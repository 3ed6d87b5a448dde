import GatewayCore

extension GeminiSchema {
    /// A Gemini `Schema` (the OpenAPI subset of `responseSchema` and declarations' `parameters`) as JSON Schema, for a
    /// chat upstream: `type` names lower-cased (`OBJECT` → `object`), `nullable: true` as a `"null"` type beside
    /// the other, `propertyOrdering` (a Gemini ordering hint) left out; every other keyword (`format`, `enum`,
    /// `required`, `description`, bounds, `anyOf`, `title`) kept as sent.
    static func jsonSchema(_ schema: JSON) -> JSON {
        guard case .object(let members) = schema else { return schema }
        var result: [String: JSON] = [:]
        let nullable = members["nullable"]?.boolValue == true
        for (key, value) in members {
            switch key {
            case "nullable", "propertyOrdering", "property_ordering": continue
            case "type":
                let type = value.stringValue.map { JSON.string($0.lowercased()) } ?? value
                result["type"] = nullable && type.stringValue != nil && type != "null" ? [type, "null"] : type
            case "properties":
                result[key] = .object((value.objectValue ?? [:]).mapValues(jsonSchema))
            case "items":
                result[key] = jsonSchema(value)
            case "anyOf", "any_of":
                result["anyOf"] = .array((value.arrayValue ?? []).map(jsonSchema))
            default:
                result[key] = value
            }
        }
        // Nullable without a type (an anyOf): null is one more choice.
        if nullable, result["type"] == nil, case .array(let choices)? = result["anyOf"] { result["anyOf"] = .array(choices + [["type": "null"]]) }
        return .object(result)
    }
}
