/// The parts of an HTTP request that SigV4 signs.
public struct SigV4Request: Sendable {
    /// `GET`, `POST`, ... (upper-cased when signed).
    public var method: String
    /// The path as it goes on the wire, already percent-encoded where the URL needs it (`/model/x%3A0/converse`).
    public var path: String
    /// Query parameters, decoded (`name`, `value`); encoded and sorted when signed.
    public var query: [(name: String, value: String)]
    /// Headers to sign, in any case and order; must include `host`. Repeated names are signed as one, values joined
    /// by commas in the order given.
    public var headers: [(name: String, value: String)]
    /// The body's bytes (empty for none).
    public var body: [UInt8]

    public init(
        method: String, path: String, query: [(name: String, value: String)] = [], headers: [(name: String, value: String)],
        body: [UInt8] = []
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }
}
