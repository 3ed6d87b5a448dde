/// JSON values kept in `TEXT` columns (`models`, `metadata`), written compact and read back with Core's parser.
/// Shared by every storage plugin so they store and read JSON the same way.
public enum StoredJSON {
    /// The JSON text of a model list.
    public static func text(models: [String]) -> String {
        JSON.array(models.map(JSON.string)).serializedString()
    }

    /// Parses a stored JSON value. - Throws: ``CorruptValueError`` naming the column.
    public static func value(_ text: String, column: String) throws -> JSON {
        do {
            return try JSONParser.parse(Array(text.utf8))
        } catch {
            throw CorruptValueError(column: column, reason: "not valid JSON (\(error))")
        }
    }

    /// The compact JSON text of an `Encodable` value (a document column such as `settings`).
    /// - Throws: when the value cannot be encoded (a non-finite number).
    public static func text(encoding value: some Encodable) throws -> String {
        try JSON(encoding: value).serializedString()
    }

    /// Decodes a stored JSON document. - Throws: ``CorruptValueError`` naming the column when the text is not JSON or
    /// does not match `type`.
    public static func decode<Value: Decodable>(_ type: Value.Type, from text: String, column: String) throws -> Value {
        let json = try value(text, column: column)
        do {
            return try json.decode(type)
        } catch {
            throw CorruptValueError(column: column, reason: "not a valid \(type) document (\(error))")
        }
    }

    /// Parses a stored model list. - Throws: ``CorruptValueError`` when it is not an array of strings.
    public static func models(_ text: String, column: String = "models") throws -> [String] {
        guard let elements = try value(text, column: column).arrayValue else {
            throw CorruptValueError(column: column, reason: "not a JSON array")
        }
        return try elements.map { element in
            guard let model = element.stringValue else { throw CorruptValueError(column: column, reason: "holds a non-string model") }
            return model
        }
    }
}

/// A stored value this build cannot read (edited by hand, or written by something else).
public struct CorruptValueError: Error, CustomStringConvertible {
    public let column: String
    public let reason: String
    public var description: String { "stored \(column) is \(reason)" }

    /// - Parameters:
    ///   - column: what holds the value (a column, or an object's kind and id).
    ///   - reason: what is wrong with it, without the value itself.
    public init(column: String, reason: String) {
        self.column = column
        self.reason = reason
    }
}
