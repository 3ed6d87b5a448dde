extension PolicyVersion {
    /// The version as it stands after moving to `target` (every store changes the fields this same way): `published_at` is set when a draft is published,
    /// `production_at` on each promotion, and leaving `published` clears the shadow flag (only a published version
    /// runs in shadow mode). Pure: the store writes the result inside the transaction that read `self`.
    /// - Throws: ``PolicyStoreError/invalidTransition(from:to:)`` unless ``PolicyStatus/canChange(to:)`` allows it
    ///   (a change to the same status included).
    public func changingStatus(to target: PolicyStatus, by actor: String?, at now: Double) throws -> PolicyVersion {
        guard status.canChange(to: target) else { throw PolicyStoreError.invalidTransition(from: status, to: target) }
        var changed = self
        if status == .draft && target == .published { changed.publishedAt = now }
        if target == .production { changed.productionAt = now }
        if target != .published { changed.shadow = false }
        changed.status = target
        changed.updatedAt = now
        changed.updatedBy = actor
        return changed
    }
}

extension PolicyStatus {
    /// A status read from the `status` column. - Throws: ``CorruptValueError`` for a value this build does not know.
    public init(stored: String) throws {
        guard let status = PolicyStatus(rawValue: stored) else {
            throw CorruptValueError(column: "tollgate_policies.status", reason: "not a known policy status")
        }
        self = status
    }
}
