import Foundation
import GatewayCore

/// Form fields as the JSON body of a management route, typed as the API takes them. A blank field is left out of a
/// new object and cleared (`null`, or an empty list) on an update; a field the form does not have is never sent.
struct FormJSON {
    var text: [String] = []
    var numbers: [String] = []
    var integers: [String] = []
    var lists: [String] = []

    /// - Throws: 400 naming a field that is not a number.
    func body(_ form: FormBody, update: Bool) throws -> [String: JSON] {
        var body: [String: JSON] = [:]
        for name in text where form[name] != nil {
            if let value = form.text(name) { body[name] = .string(value) } else if update { body[name] = .null }
        }
        for name in numbers where form[name] != nil {
            if let text = form.text(name) {
                guard let number = Double(text), number.isFinite else {
                    throw GatewayError.badRequest("\(name) must be a number, not '\(text.prefix(40))'.", param: name)
                }
                body[name] = .double(number)
            } else if update {
                body[name] = .null
            }
        }
        for name in integers where form[name] != nil {
            if let text = form.text(name) {
                guard let number = Int(text) else {
                    throw GatewayError.badRequest("\(name) must be a whole number, not '\(text.prefix(40))'.", param: name)
                }
                body[name] = .int(number)
            } else if update {
                body[name] = .null
            }
        }
        for name in lists where form[name] != nil {
            let items = Self.list(form[name])
            if !items.isEmpty || update { body[name] = .array(items.map { .string($0) }) }
        }
        return body
    }

    /// A comma- or newline-separated list, trimmed, blanks dropped.
    static func list(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: { $0 == "," || $0 == "\n" }).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter {
            !$0.isEmpty
        }
    }
}
