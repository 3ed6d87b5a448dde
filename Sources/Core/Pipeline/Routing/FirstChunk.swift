/// Pulls a stream's first chunk within the deployment's stream timeout, before the attempt is committed.
///
/// Until the first chunk arrived nothing went to the client, so a stream that fails or stays silent here is retried
/// or falls back like a complete call. The deadline is a Dispatch timer that is removed the moment the chunk
/// arrives (``withCancellingDeadline(seconds:_:)``); when it fires it cancels the read, which closes the upstream
/// connection.
enum FirstChunk {
    /// - Parameters:
    ///   - iterator: the upstream stream, not yet read.
    ///   - seconds: `stream_timeout`, else the deployment's `timeout`.
    ///   - deployment: for the error message.
    /// - Returns: the first chunk; nil for a stream that ended without one.
    /// - Throws: 504 `upstream_timeout` after `seconds`; the stream's own error when it failed.
    static func pull(from iterator: IteratorBox, within seconds: Double, deployment: Deployment) async throws -> StreamChunk? {
        do {
            return try await withCancellingDeadline(seconds: seconds) { try await iterator.next() }
        } catch is TimeoutError {
            throw GatewayError.gatewayTimeout(
                "Upstream '\(deployment.modelName)' sent no stream chunk within \(seconds.secondsText) seconds.")
        }
    }
}

extension Double {
    /// `5` for 5.0, `0.25` otherwise: seconds in messages.
    fileprivate var secondsText: String {
        rounded() == self ? String(Int(self)) : String(self)
    }
}
