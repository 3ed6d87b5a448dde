import Foundation
import GatewayCore
import Testing

@testable import MCPGateway

/// A tool call's texts handed to the guardrails and put back, and the per-minute call limits.
struct MCPGuardedContentTests {
    @Test func argumentStringsRoundTripThroughMessages() throws {
        let arguments: JSON = ["to": "a@b.c", "count": 2, "lines": ["x", ["deep": "y"]]]
        let body = try #require(MCPGuardedContent.requestBody(server: "mail", tool: "send", arguments: arguments))
        let contents = body["messages"]?.arrayValue?.compactMap { $0["content"]?.stringValue }
        #expect(contents == ["x", "y", "a@b.c"])
        var masked = body
        masked["messages"] = .array(["X", "Y", "[EMAIL]"].map { ["role": "user", "content": .string($0)] })
        #expect(MCPGuardedContent.arguments(arguments, from: masked) == ["to": "[EMAIL]", "count": 2, "lines": ["X", ["deep": "Y"]]])
        #expect(MCPGuardedContent.requestBody(server: "s", tool: "t", arguments: ["n": 1]) == nil)
    }

    @Test func resultTextAndStructuredContentAreGuardedAlike() throws {
        let result: JSON = [
            "content": [["type": "text", "text": "mail a@b.c"], ["type": "image", "data": "AAAA"]], "structuredContent": ["result": "mail a@b.c"],
            "isError": false,
        ]
        let body = try #require(MCPGuardedContent.responseBody(result))
        #expect(body["choices"]?.arrayValue?.count == 2)
        var masked = body
        masked["choices"] = .array((0..<2).map { ["index": .int($0), "message": ["role": "assistant", "content": "mail [EMAIL]"]] })
        let changed = MCPGuardedContent.result(result, from: masked)
        #expect(changed["content"]?[0]?["text"] == "mail [EMAIL]")
        #expect(changed["content"]?[1] == result["content"]?[1])
        #expect(changed["structuredContent"]?["result"] == "mail [EMAIL]")
    }

    @Test func rateLimitsCountPerServerAndPerKeyInOneMinuteWindows() {
        let limiter = MCPRateLimiter()
        let start = Date(timeIntervalSince1970: 6_000)
        let limits = MCPRateLimiter.Limits(perServer: 3, perKey: 2)
        #expect(limiter.admit(server: "s", key: "a", limits: limits, now: start) == nil)
        #expect(limiter.admit(server: "s", key: "a", limits: limits, now: start) == nil)
        #expect(limiter.admit(server: "s", key: "a", limits: limits, now: start)?.message.contains("This key") == true)
        #expect(limiter.admit(server: "s", key: "b", limits: limits, now: start) == nil)
        let refused = limiter.admit(server: "s", key: "c", limits: limits, now: start.addingTimeInterval(30))
        #expect(refused?.message.contains("MCP server 's'") == true)
        #expect(refused?.retryAfter == 30)
        #expect(limiter.admit(server: "s", key: "a", limits: limits, now: start.addingTimeInterval(60)) == nil)
    }

    @Test func teamLimitsCountEveryKeyOfTheTeam() {
        let limiter = MCPRateLimiter()
        let now = Date(timeIntervalSince1970: 12_000)
        let limits = MCPRateLimiter.Limits(perServer: nil, perKey: nil, perTeam: 2)
        #expect(limiter.admit(server: "s", key: "a", team: "t", limits: limits, now: now) == nil)
        #expect(limiter.admit(server: "s", key: "b", team: "t", limits: limits, now: now) == nil)
        #expect(limiter.admit(server: "s", key: "c", team: "t", limits: limits, now: now)?.message.contains("This team") == true)
        #expect(limiter.admit(server: "s", key: "c", team: "other", limits: limits, now: now) == nil)
        #expect(limiter.admit(server: "s", key: "c", team: nil, limits: limits, now: now) == nil)
    }
}
