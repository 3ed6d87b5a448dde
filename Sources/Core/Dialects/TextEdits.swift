/// The strings a hook changed in a view, carried over to the body the view was translated from.
///
/// A view and its native body hold the same texts in different places (an OpenAI message's `content` is an
/// Anthropic text block's `text`), so an edit is applied by value: the first string of the native body equal to the
/// text before the edit, and not yet edited, is replaced by the text after it.
public struct TextEdits: Sendable, Equatable {
    public struct Edit: Sendable, Equatable {
        public var old: String
        public var new: String
    }

    public private(set) var edits: [Edit]

    /// The edits from `before` to `after`, in document order, when the only changes are strings replaced by strings
    /// (besides top-level keys in `ignored`); nil when anything else changed (a key added or removed, a number, an
    /// array's length).
    public static func between(_ before: JSON, _ after: JSON, ignoringTopLevel ignored: Set<String> = []) -> TextEdits? {
        var edits: [Edit] = []
        guard case .object(let old) = before, case .object(let new) = after else {
            return collect(before, after, into: &edits) ? TextEdits(edits: edits) : nil
        }
        for key in Set(old.keys).union(new.keys).sorted() where !ignored.contains(key) {
            guard let oldValue = old[key], let newValue = new[key], collect(oldValue, newValue, into: &edits) else { return nil }
        }
        return TextEdits(edits: edits)
    }

    /// Whether `before` and `after` differ only in strings, appending those to `edits`.
    private static func collect(_ before: JSON, _ after: JSON, into edits: inout [Edit]) -> Bool {
        switch (before, after) {
        case (.string(let old), .string(let new)):
            if old != new { edits.append(Edit(old: old, new: new)) }
            return true
        case (.array(let old), .array(let new)):
            guard old.count == new.count else { return false }
            return zip(old, new).allSatisfy { collect($0, $1, into: &edits) }
        case (.object(let old), .object(let new)):
            guard Set(old.keys) == Set(new.keys) else { return false }
            return old.keys.sorted().allSatisfy { key in collect(old[key] ?? .null, new[key] ?? .null, into: &edits) }
        default:
            return before == after
        }
    }

    /// `native` with every edit applied. - Returns: nil when the text before an edit is nowhere in `native`.
    public func applied(to native: JSON) -> JSON? {
        var result = native
        var done: Set<JSONPath> = []
        for edit in edits {
            guard let path = Self.firstPath(of: edit.old, in: result, at: JSONPath(), skipping: done) else { return nil }
            done.insert(path)
            result = result.replacing(at: path, with: .string(edit.new))
        }
        return result
    }

    /// Members that name a structure, never a text a hook could have rewritten.
    static let structuralKeys: Set<String> = ["role", "type", "model", "id", "tool_use_id", "tool_call_id", "signature", "media_type"]

    /// Where `text` first occurs as a whole string in `json`, depth first (object keys in sorted order), outside
    /// ``structuralKeys``.
    private static func firstPath(of text: String, in json: JSON, at path: JSONPath, skipping done: Set<JSONPath>) -> JSONPath? {
        switch json {
        case .string(let value):
            return value == text && !done.contains(path) ? path : nil
        case .array(let items):
            for (index, item) in items.enumerated() {
                if let found = firstPath(of: text, in: item, at: path.appending(.index(index)), skipping: done) { return found }
            }
            return nil
        case .object(let members):
            for key in members.keys.sorted() where !structuralKeys.contains(key) {
                if let found = firstPath(of: text, in: members[key] ?? .null, at: path.appending(.key(key)), skipping: done) { return found }
            }
            return nil
        default:
            return nil
        }
    }
}
