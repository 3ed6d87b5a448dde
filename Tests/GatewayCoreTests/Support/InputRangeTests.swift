import Foundation
import Testing

@testable import GatewayCore

/// The conversions from input to fixed-width numbers and dates are total (never trap), and ``InputRange`` refuses what
/// is outside the documented ranges, naming the field.
struct InputRangeTests {
    static let extremes: [Double] = [
        0, -0.0, -1, 1e9, 9.2e8, 1e18, 1e308, -1e308, .infinity, -.infinity, .nan, Double(Int64.max), 0x1p63, 0x1p64, 1e-300,
    ]

    @Test(arguments: extremes)
    func spendUnitsNeverTrap(_ usd: Double) {
        let units = SpendUnits.units(usd)
        #expect(units >= 0)
        if usd >= 1e9 { #expect(units == .max) }
        if !(usd > 0) { #expect(units == 0) }
    }

    @Test func spendUnitsKeepExactValuesInRange() {
        #expect(SpendUnits.units(InputRange.maxUSD) == 1_000_000_000_000_000_000)
        #expect(SpendUnits.units(0.0000013) == 13_000)
    }

    @Test(arguments: extremes + [253_402_300_800, -62_135_596_801, 9.2e18, -9.2e18])
    func isoTimeNeverTraps(_ seconds: Double) {
        let text = ISO8601Time.string(seconds)
        #expect(text.count == 24, "\(text)")
        #expect(text.hasSuffix("Z"))
    }

    @Test func isoTimeClampsToFourDigitYears() {
        #expect(ISO8601Time.string(9.2e18) == "9999-12-31T23:59:59.999Z")
        #expect(ISO8601Time.string(-.infinity) == "0001-01-01T00:00:00.000Z")
        #expect(ISO8601Time.string(.nan) == "1970-01-01T00:00:00.000Z")
        #expect(ISO8601Time.string(wholeSeconds: .max, milliseconds: -5) == "9999-12-31T23:59:59.000Z")
        #expect(ISO8601Time.string(wholeSeconds: .min, milliseconds: 5000) == "0001-01-01T00:00:00.999Z")
        #expect(ISO8601Time.string(1_900_000_000.5) == "2030-03-17T17:46:40.500Z")
    }

    @Test(arguments: ["9223372036854775807s", "106751991167301d", "1000000000000d", "9223372036854775807mo", "99999999w"])
    func hugeDurationsParseButCountAsAHundredYears(_ text: String) throws {
        let duration = try #require(BudgetDuration(text))
        #expect(!duration.isWithinRange)
        #expect(duration.approximateSeconds == InputRange.maxDurationSeconds)
        let now = 1_900_000_000.0
        #expect(duration.after(now) == now + InputRange.maxDurationSeconds)
        #expect(throws: InputRange.Violation.self) { try InputRange.duration(text, field: "duration") }
        #expect(ISO8601Time.string(duration.after(now)).hasPrefix("2130-02-21"))
    }

    @Test(arguments: ["36500d", "5214w", "1200mo", "3153600000s", "876000h", "1s", "30d", "1mo"])
    func durationsUpToAHundredYearsAreAccepted(_ text: String) throws {
        let duration = try InputRange.duration(text, field: "budget_duration")
        #expect(duration.isWithinRange)
    }

    @Test func violationsNameTheField() {
        let cases: [(JSON, String)] = [
            (["max_budget": 1e9], "max_budget"),
            (["soft_budget": -1], "soft_budget"),
            (["max_budget": .double(.infinity)], "max_budget"),
            (["tpm_limit": .int(Int.max)], "tpm_limit"),
            (["rpm_limit": -1], "rpm_limit"),
            (["max_parallel_requests": 2_147_483_648], "max_parallel_requests"),
            (["budget_duration": "1000000000000d"], "budget_duration"),
            (["duration": "9223372036854775807s"], "duration"),
            (["duration": "soon"], "duration"),
        ]
        for (body, field) in cases {
            #expect(throws: InputRange.Violation.self) { try InputRange.checkFields(of: body) }
            do {
                try InputRange.checkFields(of: body)
            } catch {
                #expect(error.field == field)
                #expect(error.badRequest.param == field)
                #expect(error.badRequest.type == "invalid_request_error")
            }
        }
    }

    @Test func valuesInRangeAndOtherTypesPass() throws {
        let body: JSON = [
            "max_budget": 100_000_000, "soft_budget": 0, "tpm_limit": 1_000_000_000_000, "rpm_limit": 0, "max_parallel_requests": 1_000_000,
            "budget_duration": "30d", "duration": nil, "models": ["a"], "max_budget_in_team": "not a number (the decoder's to refuse)",
        ]
        try InputRange.checkFields(of: body)
        // Only the named fields are checked.
        try InputRange.checkFields(of: ["max_budget": 1e9], only: ["tpm_limit"])
    }

    @Test func expiryIsInTheNextHundredYears() throws {
        let now = 1_900_000_000.0
        try InputRange.expiry(now + 1, now: now, field: "expires")
        #expect(throws: InputRange.Violation.self) { try InputRange.expiry(now, now: now, field: "expires") }
        #expect(throws: InputRange.Violation.self) { try InputRange.expiry(now + InputRange.maxDurationSeconds + 1, now: now, field: "expires") }
        #expect(throws: InputRange.Violation.self) { try InputRange.expiry(.nan, now: now, field: "expires") }
    }

    @Test func storedRecordsAreClamped() {
        var key = VirtualKeyRecord(keyHash: "h", maxBudget: 1e308, expiresAt: .infinity, createdAt: 1)
        key.settings.tpmLimit = .max
        key.settings.rpmLimit = -5
        key.settings.budgetDuration = "1000000000000d"
        let (clamped, fields) = key.clampedToRanges()
        #expect(Set(fields) == ["max_budget", "tpm_limit", "rpm_limit", "budget_duration", "expires"])
        #expect(clamped.maxBudget == InputRange.maxUSD)
        #expect(clamped.settings.tpmLimit == InputRange.maxRateLimit)
        #expect(clamped.settings.rpmLimit == 0)
        #expect(clamped.settings.budgetDuration == "36500d")
        #expect(clamped.expiresAt == nil)

        let team = TeamRecord(teamID: "t", members: [TeamMember(userID: "u", maxBudget: -1)], maxBudget: 5, createdAt: 0, updatedAt: 0)
        #expect(team.clampedToRanges().fields == ["members[0].max_budget"])
        #expect(team.clampedToRanges().record.members[0].maxBudget == 0)
        let fine = UserRecord(userID: "u", maxBudget: 10, tpmLimit: 100, createdAt: 0, updatedAt: 0)
        #expect(fine.clampedToRanges().fields.isEmpty)
    }

    @Test(arguments: [-1, Int.max, Int.min, InputRange.maxTokens + 1])
    func usageCountsAreClamped(_ count: Int) {
        let usage = Usage(promptTokens: count, completionTokens: count)
        #expect(usage.promptTokens >= 0 && usage.promptTokens <= InputRange.maxTokens)
        #expect(usage.totalTokens >= 0)
        let parsed = Usage(openAI: ["prompt_tokens": .int(count), "completion_tokens": .double(1e300)])
        #expect(parsed?.completionTokens == InputRange.maxTokens)
    }
}
