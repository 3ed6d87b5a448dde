import Foundation
import GatewayCore
import Yams

/// The gateway's OpenAPI 3.1 document, served at `/openapi.json`.
///
/// The operations are written in YAML beside the code (``OpenAPISpec``, one fragment per area), and the document
/// served is that catalog cut to the routes the router recorded (``RouteTable``): a disabled plugin's routes are
/// left out. A served route the catalog does not describe (a third party's plugin) is listed with a generic
/// operation marked `x-tollgate-undocumented`. `OpenAPIContractTests` checks that, with every built-in plugin on,
/// the catalog and the served routes are the same set.
enum OpenAPIDocument {
    /// The extension naming the registered route an operation is served by, when it differs from its path (the
    /// Gemini operations are served by the catch-all `/v1beta/models/**`).
    static let routeExtension = "x-tollgate-route"
    static let undocumentedExtension = "x-tollgate-undocumented"
    static let methods = ["get", "post", "put", "patch", "delete"]

    /// Every fragment merged: `paths` and `components` of each (parsed once).
    static let catalog: JSON = {
        var document: JSON = [:]
        for fragment in OpenAPISpec.fragments {
            guard let value = try? Yams.load(yaml: fragment) else { preconditionFailure("an OpenAPI fragment is not valid YAML") }
            merge(ConfigFile.json(from: value), into: &document)
        }
        return document
    }()

    /// The catalog's operations with the route that serves each.
    static var catalogOperations: [(path: String, method: String, route: ServedRoute)] {
        var operations: [(String, String, ServedRoute)] = []
        for (path, item) in catalog["paths"]?.objectValue ?? [:] {
            for method in methods {
                guard let operation = item[method] else { continue }
                let route = operation[routeExtension]?.stringValue ?? path
                operations.append((path, method, ServedRoute(method: method.uppercased(), path: route)))
            }
        }
        return operations
    }

    /// The document for the routes served: the catalog's operations they serve, generic ones for the rest.
    static func document(serving served: [ServedRoute]) -> JSON {
        let servedSet = Set(served)
        var paths: [String: JSON] = [:]
        var described: Set<ServedRoute> = []
        for (path, method, route) in catalogOperations where servedSet.contains(route) {
            described.insert(route)
            guard let operation = catalog["paths"]?[path]?[method] else { continue }
            paths[path, default: [:]][method] = completed(operation, path: path, method: method)
        }
        for route in served where !described.contains(route) {
            let path = route.path.replacingOccurrences(of: "**", with: "{rest}")
            let method = route.method.lowercased()
            guard methods.contains(method) else { continue }
            paths[path, default: [:]][method] = completed(generic(path: path), path: path, method: method)
        }
        var document = catalog
        document["paths"] = .object(paths)
        return document
    }

    /// An operation with what every operation shares filled in: an id, the security (a key) and the error answers.
    static func completed(_ operation: JSON, path: String, method: String) -> JSON {
        var operation = operation
        if operation["operationId"] == nil { operation["operationId"] = .string(operationID(method: method, path: path)) }
        var responses = operation["responses"]?.objectValue ?? [:]
        let isLLM = operation["x-tollgate-llm"] == true
        let google = operation["x-tollgate-errors"] == "google"
        let errorRef: JSON = ["$ref": .string(google ? "#/components/responses/GoogleError" : "#/components/responses/Error")]
        let codes =
            isLLM
            ? ["400", "401", "403", "404", "408", "413", "429", "4XX", "500", "502", "503", "504", "5XX"]
            : ["400", "401", "403", "404", "413", "429", "503"]
        for code in codes where responses[code] == nil { responses[code] = errorRef }
        operation["responses"] = .object(responses)
        return operation
    }

    /// A stable id from the method and path: `post_key_generate`, `get_policies_policy_id`.
    static func operationID(method: String, path: String) -> String {
        let words = path.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        return ([method] + words).joined(separator: "_")
    }

    private static func generic(path: String) -> JSON {
        var parameters: [JSON] = []
        for segment in path.split(separator: "/") where segment.hasPrefix("{") && segment.hasSuffix("}") {
            parameters.append(["name": .string(String(segment.dropFirst().dropLast())), "in": "path", "required": true, "schema": ["type": "string"]])
        }
        return [
            "summary": "A plugin's route this document does not describe.", "tags": ["Plugins"], "x-tollgate-undocumented": true,
            "parameters": .array(parameters), "responses": ["200": ["description": "The plugin's answer."]],
        ]
    }

    /// Merges objects key by key (the fragments' `paths` and `components`); other values are replaced.
    static func merge(_ source: JSON, into target: inout JSON) {
        guard case .object(let members) = source, case .object(var existing) = target else {
            target = source
            return
        }
        for (key, value) in members {
            var current = existing[key] ?? .null
            if current == .null { current = value } else { merge(value, into: &current) }
            existing[key] = current
        }
        target = .object(existing)
    }
}
