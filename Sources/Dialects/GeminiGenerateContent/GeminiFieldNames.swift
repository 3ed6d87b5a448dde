import GatewayCore

/// Reading Gemini's JSON, whose field names the API accepts in two spellings: the lowerCamelCase that the SDKs send
/// (`systemInstruction`, `inlineData`) and the proto's snake_case that Google's REST examples use
/// (`system_instruction`, `inline_data`).
enum GeminiFieldNames {
    /// The snake_case spelling of a lowerCamelCase name (`inlineData` → `inline_data`).
    static func snakeCase(_ name: String) -> String {
        var result = ""
        result.reserveCapacity(name.count + 4)
        for character in name {
            if character.isUppercase {
                result.append("_")
                result.append(contentsOf: character.lowercased())
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// The lowerCamelCase spelling of a snake_case name (`inline_data` → `inlineData`).
    static func camelCase(_ name: String) -> String {
        guard name.contains("_") else { return name }
        var result = ""
        var upperNext = false
        for character in name {
            // A leading underscore is part of the name (the SDKs' `_responseJsonSchema`), not a word break.
            if character == "_", !result.isEmpty {
                upperNext = true
            } else if upperNext {
                result.append(contentsOf: character.uppercased())
                upperNext = false
            } else {
                result.append(character)
            }
        }
        return result
    }
}

extension JSON {
    /// The member named `camelName`, under that name or its snake_case spelling; nil when absent or null.
    func inbound(_ camelName: String) -> JSON? {
        guard case .object(let members) = self else { return nil }
        let value = members[camelName] ?? members[GeminiFieldNames.snakeCase(camelName)]
        return value?.isNull == true ? nil : value
    }

    /// The members of an object keyed by their lowerCamelCase names, with the name as sent beside each (for paths in
    /// errors); null members left out.
    var inboundMembers: [(name: String, sent: String, value: JSON)] {
        guard case .object(let members) = self else { return [] }
        return members.filter { !$0.value.isNull }.map { (GeminiFieldNames.camelCase($0.key), $0.key, $0.value) }.sorted { $0.sent < $1.sent }
    }
}
