import HTTPTypes
import Foundation
public import Hummingbird

/// Gives every request a fresh id (`x-request-id` on every response, errors included).
///
/// A client-sent `x-request-id` is not reused: the id keys the spend log, and a client that could choose it
/// could make two requests share one row.
public struct RequestIDMiddleware: RouterMiddleware {
    public typealias Context = GatewayRequestContext
    static let header = HTTPField.Name("x-request-id")!

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.requestID = UUID().uuidString.lowercased()
        var response = try await next(request, context)
        response.headers[Self.header] = context.requestID
        return response
    }
}
