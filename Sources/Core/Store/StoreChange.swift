/// A change to shared state that other gateway instances on the same database must apply to what they keep in
/// memory: drop a cache entry, reload a registry, adopt a cooldown.
///
/// A storage plugin that several instances share (`postgres-store`) sends one with every write that changes
/// keys, management objects (``EntityKind``), policies or policy attachments, in the write's transaction, and
/// passes on what plugins ``StoreChangeFeed/announce(_:)`` (cooldowns). What it carries is small: a kind and an id.
public enum StoreChange: Sendable, Hashable {
    /// A virtual key was created, changed or deleted (by the SHA-256 of the key).
    case key(hash: String)
    /// A management object was created, changed or deleted (a model added through the API is `.model`).
    case entity(EntityKind, id: String)
    /// A version of this policy was created, changed or deleted (deleting a policy also deletes its attachments).
    case policy(name: String)
    /// A policy attachment was created or deleted.
    case policyAttachment(id: String)
    /// An instance put this deployment in cooldown until `until` (seconds since 1970).
    case cooldown(deploymentID: String, until: Double)
    /// Changes may have been missed (the feed reconnected, or a change was too large to describe): drop or
    /// reload everything cached from the store.
    case everything
}
