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
            return path + "?" + query.sorted { $0.key < $1.key }.map { "\($0.key)=\(QueryText.encode($0.value))" }.joined(separator: "&")
        }
        previous = page > 1 ? link(page - 1) : nil
        next = page < pages ? link(page + 1) : nil
    }
}

/// Percent-encoding of a query value for the links the UI writes.
enum QueryText {
    static func encode(_ value: String) -> String {
        var output = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                output += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return output
    }
}
