import Foundation
import GatewayCore

/// Small pieces every management handler uses: decoding the body, required fields, store errors as HTTP errors.
enum ManagementSupport {
    /// Checks the money, limit and duration fields of a body (``InputRange/managementFields``) against their ranges.
    /// - Parameters:
    ///   - names: only these fields (the ones the route writes); nil for all.
    ///   - prefix: put before the field name in the error (`members_with_roles[0].`).
    /// - Throws: 400 naming the first field out of range.
    static func checkRanges(_ body: JSON, only names: Set<String>? = nil, prefix: String = "") throws {
        do {
            try InputRange.checkFields(of: body, only: names, prefix: prefix)
        } catch {
            throw error.badRequest
        }
    }

    /// Decodes the request body into a request type.
    /// - Throws: 400 naming the field at fault.
    static func decode<Request: Decodable>(_ type: Request.Type, from body: JSON) throws -> Request {
        do {
            return try body.decode(Request.self)
        } catch let error as DecodingError {
            let (path, reason) = error.fieldAndProblem
            throw GatewayError.badRequest("Invalid request: \(path.isEmpty ? "body" : path) \(reason).", param: path.isEmpty ? nil : path)
        }
    }

    /// A required non-empty string field of the body (or of the query, for GET routes).
    static func requiredString(_ name: String, in request: AdminRequest) throws -> String {
        if let value = request.body[name]?.stringValue ?? request.query[name], !value.isEmpty { return value }
        throw GatewayError.badRequest("The '\(name)' field is required.", param: name)
    }

    /// Runs a store write, mapping conflicts to 400 (LiteLLM answers 400 for an existing id) and missing objects to 404.
    static func storeWrite<T>(_ what: String, _ write: () async throws -> T) async throws -> T {
        do {
            return try await write()
        } catch let error as StoreError where error.isConflict {
            throw GatewayError.badRequest("\(what) already exists.", code: "already_exists")
        } catch let error as StoreError where error.isNotFound {
            throw GatewayError.notFound("\(what) does not exist.")
        }
    }

    static var now: Double { Date().timeIntervalSince1970 }
}

extension JSON {
    /// The object without the members named in `fields` that are null: LiteLLM's clients send `"models": null` for
    /// "not set", which for a field that cannot be empty means "as it is" (its default on a create). Nulls of other
    /// members stay (they clear an optional field).
    func droppingNulls(of fields: Set<String>) -> JSON {
        guard case .object(let members) = self else { return self }
        return .object(members.filter { !($0.value.isNull && fields.contains($0.key)) })
    }
}
