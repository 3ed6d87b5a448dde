/// How the changes other gateway instances made reach this one (see ``StoreChange``): the storage plugin
/// delivers them, and every observer gets every change (broadcast).
///
/// Observers run on the feed's own task, one change at a time: they must be quick and never wait (drop a cache
/// entry, or signal a background reload such as ``ReloadOnChange``), and must never write to the store, so a
/// change cannot cause another. An instance also receives the changes it made itself.
///
/// ```swift
/// context.store?.changes.observe { change in
///     if case .key(let hash) = change { cache.invalidate(hash) }
/// }
/// ```
public protocol StoreChangeFeed: Sendable {
    /// Calls `observer` with every change delivered from now on, for the life of the store.
    func observe(_ observer: @escaping @Sendable (StoreChange) -> Void)

    /// Tells the other instances of a change that is not a store write (a cooldown). Returns at once; sending
    /// happens in the background, and is dropped when the store cannot be reached.
    func announce(_ change: StoreChange)
}

/// The feed of a store that only one gateway uses (an SQLite file): there are no other instances, so nothing is
/// ever delivered and announcements go nowhere.
public struct SingleInstanceChangeFeed: StoreChangeFeed {
    public init() {}

    public func observe(_ observer: @escaping @Sendable (StoreChange) -> Void) {}

    public func announce(_ change: StoreChange) {}
}
