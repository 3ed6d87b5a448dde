import GatewayCore

/// What another gateway instance changed (``StoreChangeFeed``), dropped from this one's caches at once: the next
/// request reads it from the store. The TTL stays the backstop for a change whose notification was missed.
extension IdentityDirectory {
    /// Drops what `change` makes stale. Cheap (one lock per cache), never waits, never writes.
    func apply(_ change: StoreChange) {
        switch change {
        case .key(let hash):
            invalidateKey(hash: hash)
        case .entity(let kind, let id):
            invalidate(kind, id: id)
        case .everything:
            invalidateAll()
        case .policy, .policyAttachment, .cooldown:
            break
        }
    }
}
