/// Runs a store call with a deadline: a store that has not answered within `seconds` counts as unavailable.
///
/// For reads on the request path (a key not in the cache): a pool waiting for a database that went away must
/// not hold the request, and requests must not pile up behind it. The call is cancelled at the deadline.
/// - Throws: ``StoreError/unavailable(_:)`` at the deadline; the call's own error otherwise.
public func withStoreDeadline<Result: Sendable>(
    seconds: Double, _ call: @escaping @Sendable () async throws -> Result
) async throws -> Result {
    do {
        return try await withCancellingDeadline(seconds: seconds, call)
    } catch is TimeoutError {
        throw StoreError.unavailable("storage did not answer within \(seconds) s")
    }
}
