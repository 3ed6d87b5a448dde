import Testing

@testable import GatewayCore

struct ISO8601TimeTests {
    @Test func writesAndReadsMilliseconds() throws {
        #expect(ISO8601Time.string(1_800_000_000.25) == "2027-01-15T08:00:00.250Z")
        #expect(ISO8601Time.seconds(parsing: "2027-01-15T08:00:00.250Z") == 1_800_000_000.25)
        #expect(ISO8601Time.seconds(parsing: "2027-01-15") == 1_799_971_200)
        #expect(ISO8601Time.seconds(parsing: "15 Jan 2027") == nil)
    }

    /// A computed moment (now plus a key `duration` of `99999999999999w`) used to trap in `Int(_:)` when written.
    @Test(arguments: [1e25, .infinity, -1e25, -.infinity, .nan])
    func momentsOutOfRangeAreWrittenAsTheNearestEnd(_ seconds: Double) {
        let expected = seconds.isNaN ? "1970-01-01T00:00:00.000Z" : seconds > 0 ? "9999-12-31T23:59:59.999Z" : "0001-01-01T00:00:00.000Z"
        #expect(ISO8601Time.string(seconds) == expected)
    }

    /// Fuzzer inputs: ICU's parser trapped (SIGFPE) on long runs of digits; a fraction is cut to microseconds, any other
    /// run longer than a year's is refused.
    @Test func longFractionsAreCutNotHandedToICU() throws {
        let fuzzed = "9999-12-31T23:59:59.97777777777777777777777777777777777777777777777777799Z"
        let seconds = try #require(ISO8601Time.seconds(parsing: fuzzed))
        #expect(abs(seconds - 253_402_300_799.977777) < 0.001)
        let offset = try #require(ISO8601Time.seconds(parsing: "2027-01-15T08:00:00.123456789+02:00"))
        #expect(abs(offset - 1_799_992_800.123) < 0.001, "ICU reads milliseconds")
        #expect(ISO8601Time.seconds(parsing: String(repeating: "9", count: 200)) == nil)
        // A second fuzzer input: a long run of digits past the fraction.
        #expect(ISO8601Time.seconds(parsing: "9899-2-31T23:59:59.977777777777777777777E7777777777777777777777777777777777799Z") == nil)
        #expect(ISO8601Time.seconds(parsing: "99999999999-12-31T00:00:00Z") == nil)
        #expect(ISO8601Time.fractionCut("2027-01-15T08:00:00Z", toDigits: 6) == "2027-01-15T08:00:00Z")
    }
}
