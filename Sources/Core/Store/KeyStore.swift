/// Virtual keys, looked up by the SHA-256 of the key. The plain key is never stored.
public protocol KeyStore: Sendable {
    /// Inserts a key. - Throws: ``StoreError/conflict(_:)`` when the hash already exists.
    func insertKey(_ key: VirtualKeyRecord) async throws
    /// The key with this hash, or nil.
    func key(hash: String) async throws -> VirtualKeyRecord?
    /// Replaces a stored key. - Throws: ``StoreError/notFound(_:)`` when absent.
    func updateKey(_ key: VirtualKeyRecord) async throws
    /// Deletes a key. - Returns: whether it existed.
    func deleteKey(hash: String) async throws -> Bool
    /// Keys ordered by creation time, oldest first.
    func listKeys(limit: Int, offset: Int) async throws -> [VirtualKeyRecord]
}

/// A failure a store reports in terms callers can act on; anything else is an outage.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Sendable, Equatable { case conflict, notFound, migration }
    private let code: Code
    public let message: String

    public static func conflict(_ message: String) -> StoreError { StoreError(code: .conflict, message: message) }
    public static func notFound(_ message: String) -> StoreError { StoreError(code: .notFound, message: message) }
    public static func migration(_ message: String) -> StoreError { StoreError(code: .migration, message: message) }

    public var isConflict: Bool { code == .conflict }
    public var isNotFound: Bool { code == .notFound }
    public var description: String { message }
}
