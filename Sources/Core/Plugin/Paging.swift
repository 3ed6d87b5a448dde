/// `page` (1-based) and a page size from a management route's query, as LiteLLM's list routes read them.
///
/// A value that is not a positive integer, or a size above the route's maximum, is a 400 naming the parameter
/// (LiteLLM answers 422 for the same input).
public struct Paging: Sendable, Equatable {
    public var page: Int
    public var size: Int

    public init(page: Int, size: Int) {
        self.page = page
        self.size = size
    }

    /// The largest page number accepted.
    public static let maxPage = 10_000_000

    /// Rows to skip before this page.
    public var offset: Int { (page - 1) * size }

    /// Pages needed for `total` rows (0 when there are none).
    public func totalPages(_ total: Int) -> Int { (total + size - 1) / size }

    /// The paging a query asks for.
    /// - Parameters:
    ///   - sizeName: the size parameter's name (`size` for `/key/list`, `page_size` for `/user/list`).
    ///   - defaultSize: the size when none is given.
    ///   - maxSize: the largest size accepted.
    /// - Throws: 400 naming `page` or the size parameter.
    public static func parse(_ query: [String: String], sizeName: String = "size", defaultSize: Int, maxSize: Int = 100) throws -> Paging {
        let page = try positive("page", query, default: 1)
        let size = try positive(sizeName, query, default: defaultSize)
        // Bounded so that `offset` cannot overflow (a crash) whatever number a client sends.
        guard page <= maxPage else { throw GatewayError.badRequest("Invalid request: page must be at most \(maxPage).", param: "page") }
        guard size <= maxSize else {
            throw GatewayError.badRequest("Invalid request: \(sizeName) must be at most \(maxSize).", param: sizeName)
        }
        return Paging(page: page, size: size)
    }

    /// The paging of a route that returns a plain array (as LiteLLM's `/team/list` and friends do): nil, meaning
    /// every row, unless the query names `page` or `size`.
    public static func optional(_ query: [String: String], maxSize: Int = 1000) throws -> Paging? {
        guard query["page"] != nil || query["size"] != nil else { return nil }
        return try parse(query, defaultSize: 100, maxSize: maxSize)
    }

    private static func positive(_ name: String, _ query: [String: String], default value: Int) throws -> Int {
        guard let text = query[name] else { return value }
        guard let number = Int(text), number > 0 else {
            throw GatewayError.badRequest("Invalid request: \(name) must be a positive integer.", param: name)
        }
        return number
    }
}
