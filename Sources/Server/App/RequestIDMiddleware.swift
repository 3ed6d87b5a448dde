import Foundation
import GatewayCore
import HTTPTypes
public import Hummingbird

/// Gives every request a fresh id (`x-request-id` on every response, errors included, and the same value as
/// LiteLLM's `x-litellm-call-id`) and copies the headers the pipeline set (``GatewayRequestContext/responseHeaders``)
/// onto the response, errors included.
///
/// A client-sent `x-request-id` is not reused: the id keys the spend log, and a client that could choose it
/// could make two requests share one row.
public struct RequestIDMiddleware: RouterMiddleware {
    public typealias Context = GatewayRequestContext
    static let header = HTTPField.Name("x-request-id")!
    static let callIDHeader = HTTPField.Name("x-litellm-call-id")!

    public init() {}

    public func handle(_ request: Request, context: Context, next: @concurrent (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.requestID = Self.newID()
        var response = try await next(request, context)
        response.headers[Self.header] = context.requestID
        response.headers[Self.callIDHeader] = context.requestID
        for field in context.responseHeaders.all { response.headers[field.name] = field.value }
        return response
    }

    /// A random (version 4) UUID in lowercase, from ``FastRandom`` (an id must be unique, not secret). `UUID()`
    /// would do the same, but on Linux it opens, reads and closes /dev/urandom for every id: three syscalls per
    /// request, and the system generator one per number.
    static func newID() -> String {
        var generator = FastRandom()
        var bytes = (generator.next() as UInt64, generator.next() as UInt64)
        var uuid = withUnsafeBytes(of: &bytes) { $0.loadUnaligned(as: uuid_t.self) }
        uuid.6 = (uuid.6 & 0x0F) | 0x40  // version 4
        uuid.8 = (uuid.8 & 0x3F) | 0x80  // RFC 4122 variant
        return UUID(uuid: uuid).uuidString.lowercased()
    }
}
