import GatewayCore
import Synchronization

/// The in-memory view of the stored policies that the request path reads (no store round trip per request).
///
/// It is kept true by replacement, never by patching: after each write the writer reads the policy's versions
/// (or all attachments) back from the store and replaces that part whole, so a publish, a promotion, the delete
/// of one version or of every version leaves no entry behind, by name or by id. A periodic full reload brings in
/// what other gateway instances wrote.
///
/// Reads that overlap may finish out of order, so each read takes a ticket before it starts: a later ticket read
/// the store no earlier than an earlier one, and a part is only replaced by a read with a newer ticket than the
/// one that last replaced it.
final class PolicyRegistry: Sendable {
    private struct State {
        var versionsByName: [String: [PolicyVersion]] = [:]
        var nameTickets: [String: UInt64] = [:]
        var attachments: [PolicyAttachment] = []
        var attachmentsTicket: UInt64 = 0
        var snapshot = PolicySnapshot.empty
        /// config.yaml's policies and attachments: never replaced, laid over the stored ones at each rebuild.
        var configured = ConfiguredPolicies.none

        mutating func rebuild() {
            // A config.yaml policy hides a stored one of the same name: the file is what the operator deployed.
            let versions = versionsByName.merging(configured.versions.mapValues { [$0] }) { _, configured in configured }
            snapshot = PolicySnapshot(versionsByName: versions, attachments: attachments + configured.attachments)
        }
    }

    private let state: Mutex<State>
    private let tickets = Atomic<UInt64>(0)

    /// - Parameter configured: config.yaml's policies, in the snapshot from the start and after every reload.
    init(configured: ConfiguredPolicies = .none) {
        var initial = State()
        initial.configured = configured
        initial.rebuild()
        state = Mutex(initial)
    }

    /// Whether config.yaml declares a policy of this name (no route may write one).
    func isConfigured(_ name: String) -> Bool { state.withLock { $0.configured.versions[name] != nil } }

    /// The current view.
    var snapshot: PolicySnapshot { state.withLock { $0.snapshot } }

    /// A ticket to take just before reading the store.
    func ticket() -> UInt64 {
        tickets.add(1, ordering: .sequentiallyConsistent).newValue
    }

    /// Replaces one policy's versions (an empty list removes the policy).
    func replace(name: String, versions: [PolicyVersion], ticket: UInt64) {
        state.withLock { state in
            guard ticket > state.nameTickets[name, default: 0] else { return }
            state.nameTickets[name] = ticket
            state.versionsByName[name] = versions.isEmpty ? nil : versions
            state.rebuild()
        }
    }

    /// Replaces every attachment.
    func replaceAttachments(_ attachments: [PolicyAttachment], ticket: UInt64) {
        state.withLock { state in
            guard ticket > state.attachmentsTicket else { return }
            state.attachmentsTicket = ticket
            state.attachments = attachments
            state.rebuild()
        }
    }

    /// Replaces everything read by a full reload; names the reload did not see are removed.
    func replaceAll(versions: [PolicyVersion], attachments: [PolicyAttachment], ticket: UInt64) {
        let loaded = Dictionary(grouping: versions, by: \.name)
        state.withLock { state in
            for name in Set(state.versionsByName.keys).union(loaded.keys) where ticket > state.nameTickets[name, default: 0] {
                state.nameTickets[name] = ticket
                state.versionsByName[name] = loaded[name]
            }
            if ticket > state.attachmentsTicket {
                state.attachmentsTicket = ticket
                state.attachments = attachments
            }
            state.rebuild()
        }
    }
}
