import Foundation

/// Replaces a deployment's secrets (API keys, tokens, signatures) with `[redacted]` in text that came from an
/// upstream, before that text reaches a client, a log line, a trace, the `x-tollgate-debug` header or a spend-log row.
///
/// Debug proxies and some self-hosted servers quote the credential they received in their error message
/// (`"invalid api key: Bearer sk-..."`); the gateway relays upstream messages, so it must take the credential out first.
/// A provider knows what it sends, so it feeds the scrubber (``Provider/secrets(of:)``, and per-request values such
/// as a signature it computed); ``ProviderRegistry`` applies it to every error a provider throws, streamed or not.
///
/// Each secret is matched as it is and in the forms an upstream may have re-encoded it into: percent-encoded (a
/// query string) and JSON-escaped (a raw error body). `Bearer <key>` becomes `Bearer [redacted]`. Secrets shorter
/// than ``minimumLength`` are left alone: they protect nothing, and replacing them would shred every message.
///
/// Building a scrubber only stores the secrets; the variants are worked out on the first ``scrub(_:)-(String)``,
/// which runs on error paths only.
public struct SecretScrubber: Sendable {
    /// What a secret is replaced with.
    public static let placeholder = "[redacted]"
    /// Secrets shorter than this many characters are not scrubbed.
    public static let minimumLength = 4

    private let secrets: [String]

    /// - Parameter secrets: the values to take out; empty and short ones are ignored.
    public init(_ secrets: some Sequence<String>) {
        self.secrets = secrets.filter { $0.count >= Self.minimumLength }
    }

    /// A scrubber that changes nothing.
    public static let none = SecretScrubber([])

    /// This scrubber's secrets plus `more` (a provider's per-request values, e.g. a request signature).
    public func adding(_ more: some Sequence<String>) -> SecretScrubber {
        SecretScrubber(secrets + more)
    }

    /// Whether there is nothing to scrub.
    public var isEmpty: Bool { secrets.isEmpty }

    /// `text` with every occurrence of a secret (in any of its forms) replaced by ``placeholder``.
    public func scrub(_ text: String) -> String {
        guard !secrets.isEmpty else { return text }
        var result = text
        // Longest first: a secret that contains another is replaced whole.
        for needle in needles() where result.contains(needle) {
            result = result.replacingOccurrences(of: needle, with: Self.placeholder)
        }
        return result
    }

    /// The error with its message, param and code scrubbed (an upstream chooses all three).
    public func scrub(_ error: GatewayError) -> GatewayError {
        guard !secrets.isEmpty else { return error }
        var scrubbed = error
        scrubbed.message = scrub(error.message)
        scrubbed.param = error.param.map(scrub)
        scrubbed.code = error.code.map(scrub)
        return scrubbed
    }

    /// Any error: a ``GatewayError`` scrubbed, anything else as it is (the attempt loop never relays its text).
    public func scrub(_ error: any Error) -> any Error {
        (error as? GatewayError).map { scrub($0) } ?? error
    }

    /// The stream with every error it throws scrubbed; chunks pass untouched.
    public func scrub(_ stream: ChunkStream) -> ChunkStream {
        guard !secrets.isEmpty else { return stream }
        return ChunkStream {
            let iterator = IteratorBox(stream.makeAsyncIterator())
            return {
                do {
                    return try await iterator.next()
                } catch {
                    throw scrub(error)
                }
            }
        }
    }

    /// Every form of every secret, longest first.
    private func needles() -> [String] {
        var forms: Set<String> = []
        for secret in secrets {
            forms.insert(secret)
            // As in a query string, and inside a JSON string (a raw error body).
            if let encoded = secret.addingPercentEncoding(withAllowedCharacters: Self.unreserved) { forms.insert(encoded) }
            let quoted = secret.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            forms.insert(quoted)
            // Some serializers also write `/` as `\/`.
            forms.insert(quoted.replacingOccurrences(of: "/", with: "\\/"))
        }
        return forms.sorted { $0.count > $1.count }
    }

    /// RFC 3986's unreserved characters: what percent-encoding leaves as it is.
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
