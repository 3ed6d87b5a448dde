/// A failure a store reports in terms callers can act on.
///
/// ``unavailable(_:)`` is the one callers must not mistake for an answer: the store could not be reached (a
/// database server down, a connection cut, a file locked or gone), so nothing is known about what was asked. The
/// pipeline answers it with 503 `storage_unavailable` (``GatewayError/storage(_:)``), never with a 401 or 404.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Sendable, Equatable { case conflict, notFound, migration, unsupported, unavailable }
    private let code: Code
    public let message: String

    public static func conflict(_ message: String) -> StoreError { StoreError(code: .conflict, message: message) }
    public static func notFound(_ message: String) -> StoreError { StoreError(code: .notFound, message: message) }
    public static func migration(_ message: String) -> StoreError { StoreError(code: .migration, message: message) }
    /// A request the store cannot answer as asked (a filter on a field it does not index); a caller's mistake.
    public static func unsupported(_ message: String) -> StoreError { StoreError(code: .unsupported, message: message) }
    /// The store cannot be reached now; the same call may succeed later. The message says why, for operators (it
    /// names the database, never a password).
    public static func unavailable(_ message: String) -> StoreError { StoreError(code: .unavailable, message: message) }

    /// The error for `listKeys(where:)` on a field other than `team_id` or `user_id`, the same in every store.
    public static func unsupportedKeyFilter(_ field: EntityReference.Field) -> StoreError {
        .unsupported("keys can be listed by team_id or user_id, not by \(field.rawValue)")
    }

    public var isConflict: Bool { code == .conflict }
    public var isNotFound: Bool { code == .notFound }
    public var isUnsupported: Bool { code == .unsupported }
    public var isUnavailable: Bool { code == .unavailable }
    public var description: String { message }

    /// Whether `error` is a ``StoreError`` saying the store cannot be reached.
    public static func isUnavailable(_ error: any Error) -> Bool { (error as? StoreError)?.isUnavailable == true }
}
