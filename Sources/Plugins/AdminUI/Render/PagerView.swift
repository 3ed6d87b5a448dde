import GatewayCore

/// The page links under a paged list: previous/next keep the list's filters.
struct PagerView: Equatable {
    var page: Int
    var pages: Int
    var total: Int
    var previous: String?
    var next: String?

    /// - Parameters:
    ///   - path: the list's path (`/ui/keys`).
    ///   - filters: the list's other query parameters, kept on the links.
    init(path: String, filters: [String: String], page: Int, pages: Int, total: Int) {
        self.page = page
        self.pages = max(pages, 1)
        self.total = total
        func link(_ number: Int) -> String {
            var query = filters
            query["page"] = String(number)
            return path + "?" + query.sorted { $0.key < $1.key }.map { "\($0.key)=\(PercentEncoding.unreserved($0.value))" }.joined(separator: "&")
        }
        previous = page > 1 ? link(page - 1) : nil
        next = page < pages ? link(page + 1) : nil
    }
}
