/// A provider whose upstream counts a request's input tokens without running it (Anthropic's
/// `/v1/messages/count_tokens`).
public protocol TokenCounting: Sendable {
    /// The upstream's count for `body` (in one of the provider's ``Provider/nativeDialects``, `model` set), as the
    /// upstream answered it (`{"input_tokens": N}`).
    func countTokens(_ body: NativeBody, deployment: Deployment) async throws -> JSON

    /// Whether ``countTokens(_:deployment:)`` reaches an upstream (a wrapper around a provider that cannot says no).
    var countsTokens: Bool { get }
}

extension TokenCounting {
    public var countsTokens: Bool { true }
}
