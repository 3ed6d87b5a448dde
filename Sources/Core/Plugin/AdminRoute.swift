/// A management endpoint a plugin serves (`/key/generate`, `/team/new`, `/model/info`, ...).
///
/// The server registers it, reads the JSON body (size-capped), authenticates the caller with the auth hooks,
/// applies ``access`` and calls ``handler``. What the handler returns is sent as JSON with status 200; a thrown
/// ``GatewayError`` is sent as an OpenAI-shaped error. Finer rules (a team admin managing only their own team, a
/// key reading only itself) belong in the handler, which sees the ``AdminRequest/principal``.
public struct AdminRoute: Sendable {
    public enum Method: String, Sendable, Hashable {
        case get = "GET"
        case post = "POST"
        case patch = "PATCH"
        case put = "PUT"
        case delete = "DELETE"
    }

    /// Who may call the route before the handler runs.
    public enum Access: Sendable, Hashable {
        /// Proxy admins only (writes).
        case admin
        /// Proxy admins and admin viewers (reads).
        case adminOrViewer
        /// Any authenticated caller; the handler decides.
        case authenticated
        /// Anyone, without a credential (a Prometheus scrape); the handler sees ``Principal/anonymous``.
        case anyone
    }

    public var method: Method
    /// The path; `{name}` segments are parameters (`/model/{id}/update`).
    public var path: String
    public var access: Access
    public var handler: @Sendable (AdminRequest) async throws -> JSON
    /// Set for a route that answers text rather than JSON: its handler returns a JSON string, sent as it is with
    /// this content type.
    public var textContentType: String?

    public init(_ method: Method, _ path: String, access: Access, handler: @escaping @Sendable (AdminRequest) async throws -> JSON) {
        self.method = method
        self.path = path
        self.access = access
        self.handler = handler
    }

    /// A route that answers text (`/metrics` in Prometheus' text format) instead of JSON.
    public init(
        _ method: Method, _ path: String, access: Access, contentType: String, text: @escaping @Sendable (AdminRequest) async throws -> String
    ) {
        self.init(method, path, access: access) { .string(try await text($0)) }
        self.textContentType = contentType
    }

    /// Whether a principal passes ``access``.
    public func admits(_ principal: Principal) -> Bool {
        switch access {
        case .admin: return principal.role == .admin
        case .adminOrViewer: return principal.role.readsEverything
        case .authenticated, .anyone: return true
        }
    }

    /// Runs the handler for a caller ``admits(_:)`` let in. The management API reads and writes the store: while it is
    /// down, a ``StoreError/unavailable(_:)`` becomes a 503 the client can retry, over HTTP and through
    /// ``GatewayAccess/callAdmin(_:_:as:body:query:requestID:)`` alike.
    public func call(_ request: AdminRequest) async throws -> JSON {
        do {
            return try await handler(request)
        } catch let outage as StoreError where outage.isUnavailable {
            throw GatewayError.storageUnavailable()
        }
    }

    /// The 403 for a principal ``admits(_:)`` turns away.
    public var refusal: GatewayError {
        GatewayError.forbidden(
            "This key may not call \(method.rawValue) \(path): it needs the \(access == .admin ? "proxy_admin" : "proxy_admin_viewer") role.",
            code: "route_not_allowed")
    }
}

/// One call to an ``AdminRoute``.
public struct AdminRequest: Sendable {
    public var requestID: String
    public var principal: Principal
    /// The JSON body (`{}` for a request without one).
    public var body: JSON
    /// Query parameters (`/key/info?key=...`).
    public var query: [String: String]
    /// Path parameters (`{id}`).
    public var parameters: [String: String]

    public init(requestID: String, principal: Principal, body: JSON, query: [String: String], parameters: [String: String]) {
        self.requestID = requestID
        self.principal = principal
        self.body = body
        self.query = query
        self.parameters = parameters
    }
}
