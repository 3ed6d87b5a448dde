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
}
