import Foundation
import GatewayCore

/// Whether what a docs example printed matches the output the page shows.
///
/// JSON is compared by shape: every key the page shows must be there with a value of the same kind; strings and
/// booleans must be equal unless the page's string holds `...` (an id, a secret); a number the page shows as
/// non-zero must be non-zero. Keys the page leaves out may be there. Text that is not JSON must appear as it is.
enum DocOutputMatch {
    /// The differences, empty when it matches.
    static func differences(expected: String, actual: String) -> [String] {
        guard let shown = try? JSONParser.parse(expected) else {
            return actual.contains(expected.trimmingCharacters(in: .whitespacesAndNewlines)) ? [] : ["output lacks: \(expected)"]
        }
        guard let printed = try? JSONParser.parse(actual.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            return ["output is not JSON: \(actual.prefix(500))"]
        }
        var differences: [String] = []
        compare(shown, printed, at: "$", into: &differences)
        return differences
    }

    private static func compare(_ shown: JSON, _ printed: JSON, at path: String, into differences: inout [String]) {
        switch (shown, printed) {
        case (.object(let members), .object(let actual)):
            for (key, value) in members {
                guard let other = actual[key] else {
                    differences.append("\(path).\(key) missing")
                    continue
                }
                compare(value, other, at: "\(path).\(key)", into: &differences)
            }
        case (.array(let elements), .array(let actual)):
            if elements.count > actual.count { differences.append("\(path): \(actual.count) elements, the page shows \(elements.count)") }
            for (index, element) in elements.enumerated() where index < actual.count {
                compare(element, actual[index], at: "\(path)[\(index)]", into: &differences)
            }
        case (.string(let text), .string(let other)):
            if !text.contains("..."), text != other { differences.append("\(path): \"\(other)\", the page shows \"\(text)\"") }
        case (.bool(let flag), .bool(let other)):
            if flag != other { differences.append("\(path): \(other), the page shows \(flag)") }
        case (.int, .int), (.int, .double), (.double, .int), (.double, .double):
            if number(shown) != 0, number(printed) == 0 { differences.append("\(path): 0, the page shows a non-zero number") }
        case (.null, .null):
            break
        default:
            differences.append("\(path): \(printed.serializedString().prefix(200)) is not the kind the page shows")
        }
    }

    private static func number(_ value: JSON) -> Double {
        switch value {
        case .int(let number): Double(number)
        case .double(let number): number
        default: 0
        }
    }
}
