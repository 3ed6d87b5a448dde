import Foundation
import HTTPTypes
import Testing

@testable import GatewayCore

/// Durations, exact money units, scopes, the token estimate and response headers.
struct SpendPrimitivesTests {
    @Test func budgetDurationsParseAndAMonthIsACalendarMonth() throws {
        #expect(BudgetDuration("30s")?.after(100) == 130)
        #expect(BudgetDuration("10m")?.after(0) == 600)
        #expect(BudgetDuration("1h")?.after(0) == 3600)
        #expect(BudgetDuration("7d")?.after(0) == 604_800)
        #expect(BudgetDuration("2w")?.after(0) == 1_209_600)
        #expect(BudgetDuration(" 1D ")?.description == "1d")
        for bad in ["", "d", "0d", "-1d", "1y", "1.5h", "mo"] { #expect(BudgetDuration(bad) == nil, "\(bad)") }
        let january31 = try #require(ISO8601Time.seconds(parsing: "2026-01-31T10:00:00Z"))
        let month = try #require(BudgetDuration("1mo"))
        #expect(ISO8601Time.string(month.after(january31)) == "2026-02-28T10:00:00.000Z")
        #expect(month.approximateSeconds == 2_592_000)
    }

    @Test func spendUnitsAreExactIntegers() {
        #expect(SpendUnits.units(0.0000013) == 13_000)
        #expect(SpendUnits.units(-1) == 0)
        #expect(SpendUnits.units(.nan) == 0)
        let costs = (0..<1000).map { Double($0 % 7) * 0.0000013 + 0.0000071 }
        let forward = costs.map(SpendUnits.units).reduce(0, +)
        let backward = costs.reversed().map(SpendUnits.units).reduce(0, +)
        #expect(forward == backward, "integer sums do not depend on order")
    }

    @Test func aRowCountsAgainstEveryScopeItNamesOnce() {
        let entry = SpendLogEntry(
            requestID: "r", callType: "chat_completions", startTime: 1, endTime: 2, keyHash: "k", userID: "u", teamID: "t", endUser: "e",
            organizationID: "o", projectID: "p", tags: ["a", "b", "a"], model: "m", status: "success")
        #expect(
            entry.scopes == [
                .global, SpendScope(.key, "k"), SpendScope(.user, "u"), SpendScope(.team, "t"), SpendScope(.teamMember, "t:u"),
                SpendScope(.organization, "o"), SpendScope(.project, "p"), SpendScope(.endUser, "e"), SpendScope(.tag, "a"),
                SpendScope(.tag, "b"),
            ])
        let bare = SpendLogEntry(requestID: "r", callType: "chat_completions", startTime: 1, endTime: 2, userID: "u", model: "m", status: "x")
        #expect(bare.scopes == [.global, SpendScope(.user, "u")], "no member scope without a team")
        #expect(SpendScope(.key, String(repeating: "f", count: 64)).description == "key 'ffffffffffff…'", "never the whole hash")
    }

    @Test func tokensAreEstimatedFromTheTextSentAndStreamed() throws {
        let body = try JSONParser.parse(
            #"{"messages": [{"role": "user", "content": "12345678"}, {"role": "user", "content": [{"type": "text", "text": "abcd"}]}]}"#)
        #expect(TokenEstimator.promptCharacters(body) == 12)
        let chunk = try JSONParser.parse(
            #"{"choices": [{"delta": {"content": "hello", "tool_calls": [{"function": {"name": "f", "arguments": "{}"}}]}}]}"#)
        #expect(TokenEstimator.completionCharacters(chunk) == 8)
        #expect(TokenEstimator.tokens(characters: 0) == 0)
        #expect(TokenEstimator.tokens(characters: 1) == 1)
        #expect(TokenEstimator.tokens(characters: 8) == 2)
    }

    @Test func responseHeadersKeepTheLastValuePerName() throws {
        let headers = ResponseHeaders()
        let name = try #require(HTTPField.Name("x-ratelimit-remaining-requests"))
        headers.set(name, "2")
        headers.set(name, "1")
        #expect(headers.all[name] == "1")
        #expect(headers.all.count == 1)
        // Names are case-insensitive; fields keep the order they were first set in.
        headers.set(try #require(HTTPField.Name("X-Response-Cost")), "0.5")
        headers.set(try #require(HTTPField.Name("X-RateLimit-Remaining-Requests")), "0")
        #expect(headers.all.map(\.name.canonicalName) == ["x-ratelimit-remaining-requests", "x-response-cost"])
        #expect(headers.all.map(\.value) == ["0", "0.5"])
    }
}
