import Synchronization

/// A ``StoreChangeFeed`` for a store that several gateway instances share: the store's listener calls
/// ``deliver(_:)`` with each change it hears of, and its sender passes ``announcements`` on to the others.
public final class StoreChangeBroadcast: StoreChangeFeed {
    private let observers = Mutex<[@Sendable (StoreChange) -> Void]>([])
    private let outgoing: AsyncStream<StoreChange>.Continuation

    /// What plugins announced, oldest first, for the store's one sender. When the sender falls behind by more
    /// than `maxPendingAnnouncements`, the oldest are dropped (they are cooldowns: a later failure announces again).
    public let announcements: AsyncStream<StoreChange>

    /// - Parameter maxPendingAnnouncements: the most announcements kept while the sender is busy.
    public init(maxPendingAnnouncements: Int = 1000) {
        (announcements, outgoing) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(maxPendingAnnouncements))
    }

    deinit { outgoing.finish() }

    public func observe(_ observer: @escaping @Sendable (StoreChange) -> Void) {
        observers.withLock { $0.append(observer) }
    }

    public func announce(_ change: StoreChange) {
        outgoing.yield(change)
    }

    /// Hands `change` to every observer, in the order they registered.
    public func deliver(_ change: StoreChange) {
        for observer in observers.withLock({ $0 }) { observer(change) }
    }
}
