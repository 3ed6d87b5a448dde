import GatewayCore
import Hummingbird
import NIOCore
import Synchronization

/// `GET /openapi.json` (the OpenAPI 3.1 document of the routes served) and `GET /docs` (the same, as an HTML
/// reference page rendered here, without scripts). Neither needs a key: they describe the API, not its data.
struct OpenAPIRoutes {
    static let paths = ["/openapi.json", "/docs"]
    let table: RouteTable
    /// Built on the first request, once every route is registered.
    private let cache = Cache()

    init(table: RouteTable) {
        self.table = table
    }

    func register(on router: some RouterMethods<GatewayRequestContext>) {
        router.get("/openapi.json") { [cache, table] _, _ in
            ResponseRendering.json(bytes: cache.rendered(table).json)
        }
        router.get("/docs") { [cache, table] _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                body: ResponseBody(byteBuffer: cache.rendered(table).html))
        }
    }

    /// The document and its page, rendered once.
    final class Cache: Sendable {
        private let rendered = Mutex<(json: ByteBuffer, html: ByteBuffer)?>(nil)

        func rendered(_ table: RouteTable) -> (json: ByteBuffer, html: ByteBuffer) {
            rendered.withLock { cached in
                if let cached { return cached }
                let document = OpenAPIDocument.document(serving: table.routes)
                let made = (json: document.serialized(), html: ByteBuffer(string: OpenAPIReferencePage.html(document)))
                cached = made
                return made
            }
        }
    }
}
