import GatewayCore

/// A small deterministic random number generator (SplitMix64), so tests can fix the seed of every random choice
/// the router makes. Production uses ``FastRandom``, the same sequence over a shared counter.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        FastRandom.advance(&state)
    }
}

/// The random source the router draws from: ``FastRandom``, or a seeded one for tests.
public enum RandomSource: Sendable {
    case system
    case seeded(UInt64)

    func makeGenerator() -> any RandomNumberGenerator & Sendable {
        switch self {
        case .system: return FastRandom()
        case .seeded(let seed): return SeededRandom(seed: seed)
        }
    }
}
