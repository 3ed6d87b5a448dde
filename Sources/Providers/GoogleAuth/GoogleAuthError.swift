/// Why Google credentials could not be used: a service account that cannot be read or parsed, or a token endpoint or
/// metadata server that refused or failed. The message names the file, field or endpoint, never a key or token.
public struct GoogleAuthError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, in a sentence without secrets.
    public var message: String
    /// Whether the endpoint did not answer in time (a 504 rather than a 502).
    public var isTimeout: Bool

    public init(_ message: String, isTimeout: Bool = false) {
        self.message = message
        self.isTimeout = isTimeout
    }

    public var description: String { message }
}
