import Synchronization

/// The guardrail names the enabled guardrail plugins declare, for plugins that refer to guardrails by name.
///
/// Shared by every plugin through ``PluginContext/guardrails``: a guardrail plugin declares its names when it is
/// made, and the policy engine checks a policy's names against them when the policy is written, so a typo is a
/// 400 at write time instead of a failing request later.
public final class GuardrailCatalog: Sendable {
    private let names = Mutex<[String]>([])

    public init() {}

    /// Adds `names` (kept in declaration order, each once).
    public func declare(_ newNames: [String]) {
        names.withLock { names in
            for name in newNames where !names.contains(name) { names.append(name) }
        }
    }

    /// Every declared name, in declaration order.
    public var all: [String] { names.withLock { $0 } }

    public func contains(_ name: String) -> Bool { names.withLock { $0.contains(name) } }
}
