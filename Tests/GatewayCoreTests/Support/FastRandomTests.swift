import Testing

@testable import GatewayCore

/// ``FastRandom``: SplitMix64 over a shared atomic counter, for request ids and routing draws.
struct FastRandomTests {
    @Test("the mixing step is SplitMix64's: the reference implementation's outputs for seed 1234567")
    func matchesTheReferenceSequence() {
        var state: UInt64 = 1_234_567
        let outputs = (0..<5).map { _ in FastRandom.advance(&state) }
        #expect(
            outputs == [
                6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423, 4_593_380_528_125_082_431,
                16_408_922_859_458_223_821,
            ])
    }

    @Test("draws from many tasks at once never repeat: the shared counter hands each call its own step")
    func concurrentDrawsAreDistinct() async {
        let draws = await withTaskGroup(of: [UInt64].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var generator = FastRandom()
                    return (0..<20_000).map { _ in generator.next() }
                }
            }
            return await group.reduce(into: [UInt64]()) { $0 += $1 }
        }
        #expect(draws.count == 160_000)
        #expect(Set(draws).count == draws.count)
    }

    @Test("unit() stays in 0..<1 and spreads evenly over ten buckets")
    func unitIsUniform() {
        var buckets = [Int](repeating: 0, count: 10)
        for _ in 0..<100_000 {
            let value = FastRandom.unit()
            #expect(value >= 0 && value < 1)
            buckets[min(Int(value * 10), 9)] += 1
        }
        // Each bucket expects 10,000 with a standard deviation of ~95: 9,500...10,500 is over five deviations.
        #expect(buckets.allSatisfy { (9_500...10_500).contains($0) }, "\(buckets)")
    }
}
