import GatewayCore

/// The human-readable reference of the OpenAPI document (`GET /docs`): one HTML page, grouped by tag, each operation
/// with its parameters, request body and answers, and the shared schemas at the end. Plain HTML and CSS, no script.
enum OpenAPIReferencePage {
    static func html(_ document: JSON) -> String {
        var operations: [String: [(path: String, method: String, operation: JSON)]] = [:]
        for (path, item) in document["paths"]?.objectValue ?? [:] {
            for method in OpenAPIDocument.methods {
                guard let operation = item[method] else { continue }
                let tag = operation["tags"]?[0]?.stringValue ?? "Other"
                operations[tag, default: []].append((path, method, operation))
            }
        }
        let tags = operations.keys.sorted()
        var page = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Tollgate API reference</title>
            <style>
            body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
            code,pre{font-family:ui-monospace,monospace;font-size:.9em}
            .op{border:1px solid #ddd;border-radius:6px;margin:1rem 0;padding:.5rem 1rem}
            .m{display:inline-block;min-width:4rem;font-weight:bold;text-transform:uppercase}
            .get{color:#0a6}.post{color:#06c}.put,.patch{color:#a60}.delete{color:#c22}
            table{border-collapse:collapse}td,th{border-bottom:1px solid #eee;padding:.2rem .6rem;text-align:left;vertical-align:top}
            nav a{margin-right:.8rem}
            </style></head><body>
            <h1>Tollgate API reference</h1>
            <p>\(escape(document["info"]?["description"]?.stringValue ?? "")) The machine-readable document:
            <a href="/openapi.json">/openapi.json</a> (OpenAPI \(escape(document["openapi"]?.stringValue ?? ""))).</p>
            <nav>\(tags.map { "<a href=\"#\(anchor($0))\">\(escape($0))</a>" }.joined())</nav>

            """
        for tag in tags {
            page += "<h2 id=\"\(anchor(tag))\">\(escape(tag))</h2>\n"
            for entry in operations[tag, default: []].sorted(by: { ($0.path, $0.method) < ($1.path, $1.method) }) {
                page += operationHTML(entry.path, entry.method, entry.operation)
            }
        }
        page += "<h2 id=\"schemas\">Schemas</h2>\n"
        for (name, schema) in (document["components"]?["schemas"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            page += "<div class=\"op\" id=\"schema-\(anchor(name))\"><h3>\(escape(name))</h3>\(schemaHTML(schema))</div>\n"
        }
        return page + "</body></html>\n"
    }

    private static func operationHTML(_ path: String, _ method: String, _ operation: JSON) -> String {
        var html = "<div class=\"op\" id=\"\(anchor(operation["operationId"]?.stringValue ?? path))\">"
        html += "<h3><span class=\"m \(method)\">\(method)</span> <code>\(escape(path))</code></h3>"
        if let summary = operation["summary"]?.stringValue { html += "<p>\(escape(summary))</p>" }
        if let description = operation["description"]?.stringValue { html += "<p>\(escape(description))</p>" }
        if operation["security"]?.arrayValue?.isEmpty == true { html += "<p><em>No key needed.</em></p>" }
        let parameters = operation["parameters"]?.arrayValue ?? []
        if !parameters.isEmpty {
            html += "<h4>Parameters</h4><table><tr><th>Name</th><th>In</th><th>Type</th><th>Description</th></tr>"
            for parameter in parameters {
                let required = parameter["required"] == true ? " (required)" : ""
                html += "<tr><td><code>\(escape(parameter["name"]?.stringValue ?? ""))</code>\(required)</td>"
                html += "<td>\(escape(parameter["in"]?.stringValue ?? ""))</td><td>\(typeHTML(parameter["schema"] ?? [:]))</td>"
                html += "<td>\(escape(parameter["description"]?.stringValue ?? ""))</td></tr>"
            }
            html += "</table>"
        }
        if let body = operation["requestBody"]?["content"]?.objectValue?.first {
            html += "<h4>Request body (<code>\(escape(body.key))</code>)</h4>\(schemaHTML(body.value["schema"] ?? [:]))"
        }
        html += "<h4>Responses</h4><table>"
        for (code, response) in (operation["responses"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            var text = response["description"]?.stringValue ?? ""
            if let ref = response["$ref"]?.stringValue { text = "Error (" + (ref.split(separator: "/").last.map(String.init) ?? "") + ")" }
            let schema = response["content"]?.objectValue?.first?.value["schema"]
            html += "<tr><td><code>\(escape(code))</code></td><td>\(escape(text))</td><td>\(schema.map(typeHTML) ?? "")</td></tr>"
        }
        return html + "</table></div>\n"
    }

    /// An object schema as a table of its properties; anything else as its type.
    private static func schemaHTML(_ schema: JSON) -> String {
        var html = ""
        if let description = schema["description"]?.stringValue { html += "<p>\(escape(description))</p>" }
        guard let properties = schema["properties"]?.objectValue, !properties.isEmpty else { return html + "<p>\(typeHTML(schema))</p>" }
        let required = Set((schema["required"]?.arrayValue ?? []).compactMap(\.stringValue))
        html += "<table><tr><th>Field</th><th>Type</th><th>Description</th></tr>"
        for (name, property) in properties.sorted(by: { $0.key < $1.key }) {
            let mark = required.contains(name) ? " (required)" : ""
            html += "<tr><td><code>\(escape(name))</code>\(mark)</td><td>\(typeHTML(property))</td>"
            html += "<td>\(escape(property["description"]?.stringValue ?? ""))</td></tr>"
        }
        return html + "</table>"
    }

    /// A schema's type in a few words: a link for a `$ref`, `array of X`, the type names of a union.
    private static func typeHTML(_ schema: JSON) -> String {
        if let ref = schema["$ref"]?.stringValue, let name = ref.split(separator: "/").last {
            return "<a href=\"#schema-\(anchor(String(name)))\">\(escape(String(name)))</a>"
        }
        if let items = schema["items"] { return "array of " + typeHTML(items) }
        for key in ["oneOf", "anyOf"] {
            if let options = schema[key]?.arrayValue { return options.map(typeHTML).joined(separator: " or ") }
        }
        if let values = schema["enum"]?.arrayValue {
            return "one of " + values.map { "<code>\(escape($0.stringValue ?? $0.serializedString()))</code>" }.joined(separator: ", ")
        }
        switch schema["type"] {
        case .string(let type)?: return escape(type)
        case .array(let types)?: return escape(types.compactMap(\.stringValue).joined(separator: " or "))
        default: return "any"
        }
    }

    private static func anchor(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
