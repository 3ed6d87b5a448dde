/// What can go wrong on an upstream exchange apart from the socket's own errors (a refused or timed-out connect comes
/// as NIO's `NIOConnectionError` or `ChannelError.connectTimeout`, as from any NIO client).
public struct HTTP1ClientError: Error, Hashable, CustomStringConvertible {
    private enum Kind: Hashable {
        case remoteConnectionClosed, deadlineExceeded, readTimeout, cancelled, invalidURL, unexpectedResponse, noConnectionFree
    }

    private let kind: Kind

    /// The upstream closed the connection before the response's end.
    public static let remoteConnectionClosed = Self(kind: .remoteConnectionClosed)
    /// No response head before the request's deadline.
    public static let deadlineExceeded = Self(kind: .deadlineExceeded)
    /// No bytes of a response body for the client's read timeout.
    public static let readTimeout = Self(kind: .readTimeout)
    /// The caller let go: its task was cancelled, or it dropped the body before its end.
    public static let cancelled = Self(kind: .cancelled)
    /// The URL is not `http://host[:port]/path` (or `https://`).
    public static let invalidURL = Self(kind: .invalidURL)
    /// Every connection to the upstream was busy (at the per-target cap) for the connect timeout.
    public static let noConnectionFree = Self(kind: .noConnectionFree)
    /// The upstream sent bytes with no request outstanding, or a protocol switch.
    public static let unexpectedResponse = Self(kind: .unexpectedResponse)

    public var description: String {
        switch kind {
        case .remoteConnectionClosed: "remote connection closed"
        case .deadlineExceeded: "deadline exceeded"
        case .readTimeout: "read timeout"
        case .cancelled: "cancelled"
        case .invalidURL: "invalid URL"
        case .unexpectedResponse: "unexpected response"
        case .noConnectionFree: "no connection free"
        }
    }
}
