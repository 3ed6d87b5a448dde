/// The `order` levels of one model group, lowest first; deployments without an `order` are one last level.
///
/// Only the current level's deployments are candidates. When each of them has failed (after retries), the loop
/// moves to the next level. The levels already tried are kept in ``tried``, and the next level is the first one
/// not in it: a level is never tried twice and never skipped. (LiteLLM derived the level to resume from a
/// `_target_order` that an earlier step had already removed from the shared request arguments, so a failing
/// order 2 could be queued again instead of moving on to 3.)
public struct OrderLevels: Sendable, Equatable {
    /// The distinct levels of the group, in the order they are tried.
    public let all: [Level]
    /// The levels left behind, in the order they were tried.
    public private(set) var tried: [Level] = []

    /// One level: the deployments whose `order` is ``order`` (nil: those without one).
    public struct Level: Sendable, Hashable, CustomStringConvertible {
        public let order: Int?

        public func contains(_ deployment: Deployment) -> Bool { deployment.order == order }

        public var description: String { order.map(String.init) ?? "unordered" }
    }

    public init(_ deployments: [Deployment]) {
        var seen = Set<Level>()
        let levels = deployments.map { Level(order: $0.order) }.filter { seen.insert($0).inserted }
        all = levels.sorted { ($0.order == nil ? 1 : 0, $0.order ?? 0) < ($1.order == nil ? 1 : 0, $1.order ?? 0) }
    }

    /// The level being tried; nil when every level has been.
    public var current: Level? { all.first { !tried.contains($0) } }

    /// Leaves the current level.
    /// - Returns: the next level, nil when none is left.
    @discardableResult
    public mutating func advance() -> Level? {
        if let current { tried.append(current) }
        return current
    }
}
