import Synchronization

/// Random numbers for choices that need spread, not secrecy: request ids, load-balancing draws, retry jitter.
///
/// `SystemRandomNumberGenerator` makes a `getrandom` system call for every number, seven a request in the full chain.
/// This is SplitMix64 over one process-wide counter stepped atomically (a Weyl sequence, as Java's `SplittableRandom`),
/// seeded once from the system's generator: no system call, no lock, safe from any thread. Secrets (virtual keys,
/// session tokens) keep the system generator.
public struct FastRandom: RandomNumberGenerator, Sendable {
    private static let state = Atomic<UInt64>(systemSeed())
    private static let step: UInt64 = 0x9E37_79B9_7F4A_7C15

    public init() {}

    public mutating func next() -> UInt64 {
        Self.mix(Self.state.wrappingAdd(Self.step, ordering: .relaxed).newValue)
    }

    private static func systemSeed() -> UInt64 {
        var system = SystemRandomNumberGenerator()
        return system.next()
    }

    /// A number in `0..<1`.
    public static func unit() -> Double {
        var generator = FastRandom()
        return Double.random(in: 0..<1, using: &generator)
    }

    /// SplitMix64's output function: a step of the Weyl sequence turned into a well-mixed number.
    private static func mix(_ state: UInt64) -> UInt64 {
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// The next step of a SplitMix64 sequence kept by the caller (``SeededRandom``-style generators).
    public static func advance(_ state: inout UInt64) -> UInt64 {
        state &+= step
        return mix(state)
    }
}
