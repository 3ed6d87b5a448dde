import Synchronization

/// The guardrail names the enabled guardrail plugins declare, for plugins that refer to guardrails by name.
///
/// Shared by every plugin through ``PluginContext/guardrails``: a guardrail plugin declares its names when it is
/// made, and the policy engine checks a policy's names against them when the policy is written, so a typo is a
/// 400 at write time instead of a failing request later.
///
/// Names a plugin needs before the guardrail plugins that declare them are made (config.yaml's policies, made by the
/// `policies` plugin, which runs first) are recorded with ``require(_:by:)``; once every plugin is made, the server
/// stops startup when ``unmet`` is not empty.
public final class GuardrailCatalog: Sendable {
    private let names = Mutex<[String]>([])
    private let requirements = Mutex<[(name: String, by: String)]>([])

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

    /// Records that `by` (`config.yaml: policies.strict`) names guardrail `name`, to be checked once every plugin is made.
    public func require(_ name: String, by: String) {
        requirements.withLock { $0.append((name, by)) }
    }

    /// The required names no plugin declared, with who required them, in the order required.
    public var unmet: [(name: String, by: String)] {
        let declared = Set(all)
        return requirements.withLock { $0 }.filter { !declared.contains($0.name) }
    }
}
