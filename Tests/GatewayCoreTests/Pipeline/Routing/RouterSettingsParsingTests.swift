import Testing

@testable import GatewayCore

struct RouterSettingsParsingTests {
    private func parse(_ settings: JSON) throws -> RouterSettings {
        try GatewayConfig(parsing: ["router_settings": settings], environment: [:]).router
    }

    @Test func defaultsAreLiteLLMs() throws {
        let settings = try parse(.object([:]))
        #expect(settings.numRetries == 0)
        #expect(settings.retryAfter == 0.5)
        #expect(settings.maxFallbacks == 5)
        #expect(settings.fallbacks.isEmpty)
        #expect(try GatewayConfig(parsing: ["model_list": []], environment: [:]).router == RouterSettings())
    }

    @Test func readsEveryKeyAndLeavesTheRoutingPluginsKeys() throws {
        let settings = try parse([
            "num_retries": 3, "retry_after": 0.25, "max_fallbacks": 2,
            "fallbacks": [["a": ["b", "c"]], ["b": ["d"]]],
            "context_window_fallbacks": [["a": ["a-long"]]],
            "content_policy_fallbacks": [["a": ["a-lenient"]]],
            "routing_strategy": "latency-based-routing", "allowed_fails": 3, "cooldown_time": 30,
        ])
        #expect(settings.numRetries == 3)
        #expect(settings.retryAfter == 0.25)
        #expect(settings.maxFallbacks == 2)
        #expect(settings.fallbacks == ["a": ["b", "c"], "b": ["d"]])
        #expect(settings.fallbacks(for: "a", after: .contextWindow) == ["a-long"])
        #expect(settings.fallbacks(for: "a", after: .contentPolicy) == ["a-lenient"])
        #expect(settings.fallbacks(for: "a", after: .final).isEmpty)
    }

    @Test func starEntryAppliesToGroupsWithoutTheirOwn() throws {
        let settings = try parse(["fallbacks": [["*": ["cheap"]], ["a": ["b"]]]])
        #expect(settings.fallbacks(for: "a", after: .retryable) == ["b"])
        #expect(settings.fallbacks(for: "z", after: .retryable) == ["cheap"])
    }

    @Test func defaultFallbacksAreTheStarEntry() throws {
        let settings = try parse(["default_fallbacks": ["cheap", "cheaper"], "fallbacks": [["a": ["b"]]]])
        #expect(settings.fallbacks(for: "a", after: .retryable) == ["b"])
        #expect(settings.fallbacks(for: "z", after: .retryable) == ["cheap", "cheaper"])
    }

    @Test func badValuesStopStartupNamingTheKey() throws {
        let cases: [(String, JSON)] = [
            ("num_retries", JSON.int(-1)), ("num_retries", "two"), ("num_retries", .double(1.5)), ("retry_after", .int(-1)),
            ("retry_after", "soon"), ("max_fallbacks", .int(1000)), ("fallbacks", ["a": ["b"]]), ("fallbacks", ["a"]),
            ("fallbacks", [["a": [1]]]), ("context_window_fallbacks", "a"), ("content_policy_fallbacks", [["a": .object([:])]]),
            ("default_fallbacks", "cheap"), ("default_fallbacks", [.int(1)]),
        ]
        for (key, value) in cases {
            let error = try #require(throws: ConfigError.self) { try parse([key: value]) }
            #expect(error.message.contains("router_settings.\(key)"), "\(key): \(error.message)")
        }
    }

    @Test func routerSettingsMustBeAMapping() throws {
        let error = try #require(throws: ConfigError.self) { try parse(["a", "b"]) }
        #expect(error.message.contains("router_settings"))
    }
}
