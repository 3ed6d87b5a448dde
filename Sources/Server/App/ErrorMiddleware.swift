import GatewayCore
public import Hummingbird
import Logging

/// Renders every error as OpenAI-shaped JSON: ``GatewayError`` as it is, Hummingbird's own errors by status
/// (a wrong method on a known route becomes 405), anything else as a generic 500 that reveals nothing.
public struct ErrorMiddleware: RouterMiddleware {
    public typealias Context = GatewayRequestContext
    /// Paths the gateway serves, to tell 405 (known path, wrong method) from 404.
    let knownPaths: Set<String>

    public init(knownPaths: Set<String>) {
        self.knownPaths = knownPaths
    }

    public func handle(_ request: Request, context: Context, next: @concurrent (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as GatewayError {
            // Google's shape on the Gemini routes (google-genai reads `code` as a number), OpenAI's elsewhere.
            var response =
                GeminiRoutes.isGeminiPath(request.uri.path)
                ? error.googleResponse() : error.response(anthropic: request.uri.path.hasSuffix("/messages"))
            // A body that stopped arriving or whose framing broke (``ConnectionDeadlines``): the rest is not read.
            if error.endsConnection { response.headers[.connection] = "close" }
            return response
        } catch let error as HTTPError where error.status == .notFound {
            if knownPaths.contains(request.uri.path) {
                return GatewayError.methodNotAllowed(request.method.rawValue, path: request.uri.path).response(anthropic: false)
            }
            let notFound = GatewayError.notFound("No route for \(request.method.rawValue) \(request.uri.path).", code: "route_not_found")
            return GeminiRoutes.isGeminiPath(request.uri.path) ? notFound.googleResponse() : notFound.response(anthropic: false)
        } catch let error as any HTTPResponseError {
            let gatewayError = GatewayError(
                status: error.status, message: error.status.reasonPhrase, type: error.status.code < 500 ? "invalid_request_error" : "api_error")
            return gatewayError.response(anthropic: false)
        } catch {
            context.logger.error("unhandled error", metadata: ["error": .string(String(describing: type(of: error)))])
            return GatewayError.internalError("The gateway failed to process the request.").response(anthropic: false)
        }
    }
}

extension GatewayError {
    /// The HTTP response: OpenAI's error shape; for Anthropic's `/v1/messages` also Anthropic's `"type": "error"`
    /// marker, so both SDKs read it. An upstream's `retry-after` (a 429 or 503 that no retry or fallback got past)
    /// goes on to the client in whole seconds, so its SDK waits as long as the provider asked.
    func response(anthropic: Bool) -> Response {
        var body = json
        if anthropic { body["type"] = "error" }
        var headers: HTTPFields = [.contentType: "application/json"]
        if let retryAfter, retryAfter.isFinite, retryAfter >= 0 { headers[.retryAfter] = String(Int(min(retryAfter, 86_400).rounded(.up))) }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: body.serialized()))
    }

    /// The HTTP response in Google's error shape (``googleJSON``), with the same status and headers.
    func googleResponse() -> Response {
        var response = response(anthropic: false)
        response.body = ResponseBody(byteBuffer: googleJSON.serialized())
        return response
    }
}
