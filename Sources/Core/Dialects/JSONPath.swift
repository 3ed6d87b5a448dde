/// Where a value lives inside a JSON document: object members and array positions from the root.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    public enum Step: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    public var steps: [Step]

    public init(_ steps: [Step] = []) { self.steps = steps }

    /// This path one step deeper.
    public func appending(_ step: Step) -> JSONPath { JSONPath(steps + [step]) }

    /// Parses the form ``description`` writes (`input[1].content[0].type`): keys split at `.`, positions in `[n]`.
    /// - Returns: nil for text not of that form (an empty key, an unclosed or non-numeric position).
    public init?(parsing text: String) {
        var steps: [Step] = []
        for segment in text.split(separator: ".", omittingEmptySubsequences: false) {
            var rest = Substring(segment)
            let keyEnd = rest.firstIndex(of: "[") ?? rest.endIndex
            guard keyEnd != rest.startIndex else { return nil }
            steps.append(.key(String(rest[..<keyEnd])))
            rest = rest[keyEnd...]
            while rest.first == "[" {
                guard let close = rest.firstIndex(of: "]"), let index = Int(rest[rest.index(after: rest.startIndex)..<close]), index >= 0 else {
                    return nil
                }
                steps.append(.index(index))
                rest = rest[rest.index(after: close)...]
            }
            guard rest.isEmpty else { return nil }
        }
        self.steps = steps
    }

    /// `messages[0].content[1].text`: the form errors name a field in (`param`).
    public var description: String {
        steps.enumerated().map { offset, step in
            switch step {
            case .key(let key): offset == 0 ? key : ".\(key)"
            case .index(let index): "[\(index)]"
            }
        }.joined()
    }
}

extension JSON {
    /// The value at `path`, nil when it leads nowhere.
    public subscript(path path: JSONPath) -> JSON? {
        var current: JSON? = self
        for step in path.steps {
            switch step {
            case .key(let key): current = current?[key]
            case .index(let index): current = current?.arrayValue.flatMap { index >= 0 && index < $0.count ? $0[index] : nil }
            }
        }
        return current
    }

    /// This document with the value at `path` replaced; unchanged when `path` leads nowhere.
    public func replacing(at path: JSONPath, with value: JSON) -> JSON {
        replacing(at: path.steps[...], with: value)
    }

    private func replacing(at steps: ArraySlice<JSONPath.Step>, with value: JSON) -> JSON {
        guard let step = steps.first else { return value }
        switch (step, self) {
        case (.index(let index), .array(var items)) where index >= 0 && index < items.count:
            items[index] = items[index].replacing(at: steps.dropFirst(), with: value)
            return .array(items)
        case (.key(let key), .object(var members)) where members[key] != nil:
            members[key] = members[key]?.replacing(at: steps.dropFirst(), with: value)
            return .object(members)
        default:
            return self
        }
    }

    /// This document without the value at `path` (an array loses the element, an object the member); unchanged when
    /// `path` leads nowhere or is the root.
    public func removing(at path: JSONPath) -> JSON {
        guard let last = path.steps.last else { return self }
        let parent = JSONPath(Array(path.steps.dropLast()))
        switch (last, self[path: parent]) {
        case (.index(let index), .array(var items)?) where index >= 0 && index < items.count:
            items.remove(at: index)
            return replacing(at: parent, with: .array(items))
        case (.key(let key), .object(var members)?) where members[key] != nil:
            members[key] = nil
            return replacing(at: parent, with: .object(members))
        default:
            return self
        }
    }
}
