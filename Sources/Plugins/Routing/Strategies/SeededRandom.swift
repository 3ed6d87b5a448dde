/// A small deterministic random number generator (SplitMix64), so tests can fix the seed of every random choice
/// the router makes. Production uses the system generator.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

/// The random source the router draws from: the system's, or a seeded one for tests.
public enum RandomSource: Sendable {
    case system
    case seeded(UInt64)

    func makeGenerator() -> any RandomNumberGenerator & Sendable {
        switch self {
        case .system: return SystemRandomNumberGenerator()
        case .seeded(let seed): return SeededRandom(seed: seed)
        }
    }
}
