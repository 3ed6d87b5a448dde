import HTTPTypes
import Foundation
import GatewayCore
import Hummingbird
import NIOCore

/// Reads what the pipeline needs from an HTTP request: the body (size-capped, parsed once) and the credential.
enum IncomingRequest {
    /// Collects and parses the body as a JSON object.
    /// - Parameter emptyIsObject: treat an empty body as `{}` (management calls without parameters).
    /// - Throws: 413 over `limit`, 400 for invalid JSON or a body that is not an object.
    static func jsonBody(of request: Request, limit: Int, emptyIsObject: Bool = false) async throws -> JSON {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw GatewayError.payloadTooLarge(limit: limit)
        }
        if emptyIsObject, buffer.readableBytes == 0 { return .object([:]) }
        let body: JSON
        do {
            body = try JSON(parsing: buffer)
        } catch {
            throw GatewayError.badRequest("The request body is not valid JSON: \(error).", code: "invalid_json")
        }
        guard case .object = body else {
            throw GatewayError.badRequest("The request body must be a JSON object, got \(body.typeName).", code: "invalid_body")
        }
        return body
    }

    /// The API key from `Authorization: Bearer`, `x-api-key` (Anthropic's SDK) or `api-key` (Azure's).
    static func credential(of request: Request) -> String? {
        if let authorization = request.headers[.authorization] {
            let trimmed = authorization.trimmingCharacters(in: .whitespaces)
            if trimmed.lowercased().hasPrefix("bearer ") {
                let key = trimmed.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces)
                if !key.isEmpty { return key }
            }
        }
        for name in ["x-api-key", "api-key"] {
            if let field = HTTPField.Name(name), let value = request.headers[field], !value.isEmpty { return value }
        }
        return nil
    }

    /// The pipeline's view of the request.
    static func gatewayRequest(_ request: Request, context: GatewayRequestContext, endpoint: Endpoint, body: JSON) -> GatewayRequest {
        GatewayRequest(
            id: context.requestID, endpoint: endpoint, headers: request.headers, credential: credential(of: request), body: body,
            receivedAtDate: Date().timeIntervalSince1970)
    }
}
