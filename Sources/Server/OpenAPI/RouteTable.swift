import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// One route the router serves: its method and its registered path (`{name}` parameters, `**` catch-alls).
struct ServedRoute: Hashable, Sendable, Comparable {
    var method: String
    var path: String

    static func < (lhs: ServedRoute, rhs: ServedRoute) -> Bool { (lhs.path, lhs.method) < (rhs.path, rhs.method) }
}

/// Every route registered on the gateway's router, recorded as it is registered (``RecordingRouter``), so `/routes`
/// and `/openapi.json` describe what is served rather than a second list kept beside it.
final class RouteTable: Sendable {
    private let recorded = Mutex<[ServedRoute]>([])

    /// The routes, sorted by path then method.
    var routes: [ServedRoute] { recorded.withLock { $0.sorted() } }

    func record(_ route: ServedRoute) {
        recorded.withLock { $0.append(route) }
    }
}

/// The gateway's router, recording each route registered through it in a ``RouteTable``.
struct RecordingRouter: RouterMethods {
    typealias Context = GatewayRequestContext
    let router: Router<GatewayRequestContext>
    let table: RouteTable

    @discardableResult
    func on<Responder: HTTPResponder>(_ path: RouterPath, method: HTTPRequest.Method, responder: Responder) -> Self
    where Responder.Context == Context {
        table.record(ServedRoute(method: method.rawValue, path: path.description))
        router.on(path, method: method, responder: responder)
        return self
    }

    @discardableResult
    func add(middleware: any MiddlewareProtocol<Request, Response, Context>) -> Self {
        router.add(middleware: middleware)
        return self
    }
}
