/// Why a `postgres-store` `url` could not be used. The message says what is wrong and never repeats the URL,
/// which may carry a password.
public struct PostgresURLError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Sendable, Equatable { case malformed, scheme, host, port, sslMode }
    private let code: Code
    private let detail: String

    static let malformed = PostgresURLError(code: .malformed, detail: "it is not a URL")
    static let scheme = PostgresURLError(code: .scheme, detail: "the scheme must be postgres:// or postgresql://")
    static let host = PostgresURLError(code: .host, detail: "it names no host")
    static let port = PostgresURLError(code: .port, detail: "the port must be between 1 and 65535")
    static func sslMode(_ mode: String) -> PostgresURLError {
        PostgresURLError(code: .sslMode, detail: "sslmode '\(mode)' is not one of disable, allow, prefer, require, verify-ca, verify-full")
    }

    public var description: String {
        "`url` is not a valid Postgres URL (postgres://user:pass@host:port/db?sslmode=disable): \(detail)"
    }
}
