import Testing

@testable import PrometheusMetrics

struct LabelBoundTests {
    @Test func theFirstValuesPassAndLaterNewOnesBecomeOther() {
        var bound = LabelBound(limit: 2)
        #expect(bound.admit("a") == "a")
        #expect(bound.admit("b") == "b")
        #expect(bound.admit("c") == "other")
        #expect(bound.admit("d") == "other")
        // Values admitted before the bound keep their own series.
        #expect(bound.admit("a") == "a")
        #expect(bound.admit("b") == "b")
        #expect(bound.overflowed == 2)
    }

    @Test func longValuesAreCutAndCountOnce() {
        var bound = LabelBound(limit: 1)
        let long = String(repeating: "x", count: 10_000)
        let admitted = bound.admit(long)
        #expect(admitted.count == LabelBound.maxLength)
        // The same long value (and any other with the same first 100 characters) maps to the same series.
        #expect(bound.admit(long + "y") == admitted)
        #expect(bound.overflowed == 0)
    }
}
