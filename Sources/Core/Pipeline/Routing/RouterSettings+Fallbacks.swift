/// Choosing fallbacks by failure; kept apart so that the settings build without ``FailureKind`` and its HTTP types (the
/// config fuzzer in `Fuzz/` compiles config parsing alone).
extension RouterSettings {
    /// The groups to try after `group` failed this way, in order. Generic fallbacks fall back to the `*` entry.
    public func fallbacks(for group: String, after failure: FailureKind) -> [String] {
        switch failure {
        case .retryable: return fallbacks[group] ?? fallbacks["*"] ?? []
        case .contextWindow: return contextWindowFallbacks[group] ?? []
        case .contentPolicy: return contentPolicyFallbacks[group] ?? []
        case .final: return []
        }
    }
}
