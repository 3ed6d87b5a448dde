import Foundation
import GatewayCore
import HTTPTypes
import Hummingbird
import NIOCore

/// Reads what the pipeline needs from an HTTP request: the body (size-capped, parsed once) and the credential.
enum IncomingRequest {
    /// Collects and parses the body as a JSON object.
    /// - Parameter emptyIsObject: treat an empty body as `{}` (management calls without parameters).
    /// - Throws: 413 over `limit`, 400 for invalid JSON or a body that is not an object.
    static func jsonBody(of request: Request, limit: Int, emptyIsObject: Bool = false) async throws -> JSON {
        let buffer = try await bytes(of: request, limit: limit)
        if emptyIsObject, buffer.readableBytes == 0 { return .object([:]) }
        return try jsonObject(parsing: buffer)
    }

    /// The body as bytes and as the JSON object they hold (``ClientBody``).
    static func clientBody(of request: Request, limit: Int) async throws -> ClientBody {
        let buffer = try await bytes(of: request, limit: limit)
        let body = try parsed { try ClientBody(parsing: buffer) }
        try requireObject(body.parsed)
        return body
    }

    /// - Throws: 400 `invalid_json` for text that is not JSON, `invalid_body` for JSON that is not an object.
    private static func jsonObject(parsing buffer: ByteBuffer) throws -> JSON {
        let body = try parsed { try JSON(parsing: buffer) }
        try requireObject(body)
        return body
    }

    /// - Throws: 400 `invalid_json` when `parse` fails.
    private static func parsed<Parsed>(_ parse: () throws -> Parsed) throws -> Parsed {
        do {
            return try parse()
        } catch {
            throw GatewayError.badRequest("The request body is not valid JSON: \(error).", code: "invalid_json")
        }
    }

    /// - Throws: 400 `invalid_body` for JSON that is not an object.
    private static func requireObject(_ body: JSON) throws {
        guard case .object = body else {
            throw GatewayError.badRequest("The request body must be a JSON object, got \(body.typeName).", code: "invalid_body")
        }
    }

    /// Collects the body.
    /// - Throws: 413 over `limit`.
    static func bytes(of request: Request, limit: Int) async throws -> ByteBuffer {
        do {
            return try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw GatewayError.payloadTooLarge(limit: limit)
        }
    }

    /// The query parameters (`?key=...`), the last value of a repeated name winning.
    static func query(of request: Request) -> [String: String] {
        var query: [String: String] = [:]
        for (name, value) in request.uri.queryParameters { query[String(name)] = String(value) }
        return query
    }

    /// The values of the route's `{name}` path segments.
    static func parameters(of context: GatewayRequestContext) -> [String: String] {
        var parameters: [String: String] = [:]
        for (name, value) in context.parameters { parameters[String(name)] = String(value) }
        return parameters
    }

    /// The API key from `Authorization: Bearer`, `x-api-key` (Anthropic's SDK), `api-key` (Azure's) or
    /// `x-goog-api-key` (Google's `google-genai`).
    static func credential(of request: Request) -> String? {
        if let authorization = request.headers[.authorization] {
            let trimmed = trimmingWhitespace(authorization[...])
            if hasBearerPrefix(trimmed) {
                let key = trimmingWhitespace(trimmed.dropFirst("bearer ".count))
                if !key.isEmpty { return key }
            }
        }
        for field in apiKeyFields {
            if let value = request.headers[field], !value.isEmpty { return value }
        }
        return nil
    }

    private static let apiKeyFields = [HTTPField.Name("x-api-key")!, HTTPField.Name("api-key")!, HTTPField.Name("x-goog-api-key")!]

    /// `value.trimmingCharacters(in: .whitespaces)`, without calling Foundation in the usual case: when the first
    /// and last bytes are ASCII other than space and tab, there is nothing to trim.
    private static func trimmingWhitespace(_ value: Substring) -> String {
        func isPlain(_ byte: UInt8?) -> Bool { byte.map { $0 < 0x80 && $0 != 0x20 && $0 != 0x09 } ?? false }
        if isPlain(value.utf8.first), isPlain(value.utf8.last) { return String(value) }
        return value.trimmingCharacters(in: .whitespaces)
    }

    /// Whether `value` starts with "bearer " in any case: `value.lowercased().hasPrefix("bearer ")` without
    /// lowercasing the whole value (the key included).
    private static func hasBearerPrefix(_ value: String) -> Bool {
        value.prefix("bearer ".count).lowercased() == "bearer "
    }

    /// The pipeline's view of the request.
    /// - Parameter route: the registered path; defaults to the path requested.
    /// - Parameter credential: the API key when the route reads it from elsewhere too (Google's `?key=`); defaults
    ///   to ``credential(of:)``.
    static func gatewayRequest(
        _ request: Request, context: GatewayRequestContext, endpoint: Endpoint, route: String? = nil, credential: String? = nil, body: JSON
    ) -> GatewayRequest {
        GatewayRequest(
            id: context.requestID, endpoint: endpoint, route: route ?? request.uri.path, headers: request.headers,
            credential: credential ?? Self.credential(of: request), body: body, responseHeaders: context.responseHeaders,
            receivedAtDate: Date().timeIntervalSince1970)
    }
}
