import Testing

@testable import GatewayCore

/// Each dialect's `usage` read into one ``Usage``: cached reads, cache writes and reasoning as parts of their totals.
struct UsageTests {
    @Test func openAIChatUsageKeepsCachedAndReasoningTokensAsPartsOfTheTotals() throws {
        let usage = try #require(
            Usage(
                openAI: [
                    "prompt_tokens": 1000, "completion_tokens": 300, "total_tokens": 1300,
                    "prompt_tokens_details": ["cached_tokens": 800, "audio_tokens": 0],
                    "completion_tokens_details": ["reasoning_tokens": 200, "accepted_prediction_tokens": 0],
                ]))
        #expect(usage.promptTokens == 1000, "OpenAI's prompt_tokens already counts the cached tokens")
        #expect(usage.cachedReadTokens == 800)
        #expect(usage.cacheWriteTokens == 0)
        #expect(usage.uncachedPromptTokens == 200)
        #expect(usage.completionTokens == 300, "reasoning is part of the completion, not added to it")
        #expect(usage.reasoningTokens == 200)
        #expect(usage.totalTokens == 1300)
        #expect(Usage(openAI: nil) == nil)
        #expect(Usage(openAI: .null) == nil)
        #expect(Usage(openAI: ["prompt_tokens": 5, "completion_tokens": 2]) == Usage(promptTokens: 5, completionTokens: 2))
    }

    @Test func otherOpenAIShapedCacheFieldsAreRead() throws {
        // LiteLLM's names for Anthropic's cache counts on an OpenAI-shaped usage.
        let liteLLM = try #require(
            Usage(openAI: ["prompt_tokens": 100, "completion_tokens": 1, "cache_read_input_tokens": 60, "cache_creation_input_tokens": 30]))
        #expect(liteLLM.cachedReadTokens == 60)
        #expect(liteLLM.cacheWriteTokens == 30)
        #expect(liteLLM.uncachedPromptTokens == 10)
        let details = try #require(Usage(openAI: ["prompt_tokens": 100, "prompt_tokens_details": ["cache_creation_tokens": 40]]))
        #expect(details.cacheWriteTokens == 40)
        // DeepSeek reports its cache hits outside prompt_tokens_details.
        let deepSeek = try #require(Usage(openAI: ["prompt_tokens": 100, "prompt_cache_hit_tokens": 64, "prompt_cache_miss_tokens": 36]))
        #expect(deepSeek.cachedReadTokens == 64)
    }

    @Test func partsNeverExceedTheirTotals() throws {
        let usage = try #require(
            Usage(
                openAI: [
                    "prompt_tokens": 10, "completion_tokens": 5, "prompt_tokens_details": ["cached_tokens": 8],
                    "cache_creation_input_tokens": 9, "completion_tokens_details": ["reasoning_tokens": 50],
                ]))
        #expect(usage.cachedReadTokens == 8)
        #expect(usage.cacheWriteTokens == 2, "writes are capped to what the reads leave of the prompt")
        #expect(usage.uncachedPromptTokens == 0)
        #expect(usage.reasoningTokens == 5)
        let negative = try #require(Usage(openAI: ["prompt_tokens": -4, "prompt_tokens_details": ["cached_tokens": -1]]))
        #expect(negative == Usage())
        var raw = Usage(promptTokens: 10)
        raw.cachedReadTokens = .max
        raw.cacheWriteTokens = .max
        #expect(raw.uncachedPromptTokens == 0, "set by hand past the prompt, the parts still leave nothing negative")
    }

    @Test func anthropicUsageAddsTheCacheToTheInputItLeavesOut() {
        let usage = Usage(anthropic: ["input_tokens": 100, "cache_read_input_tokens": 800, "cache_creation_input_tokens": 200, "output_tokens": 300])
        #expect(usage.promptTokens == 1100)
        #expect(usage.cachedReadTokens == 800)
        #expect(usage.cacheWriteTokens == 200)
        #expect(usage.uncachedPromptTokens == 100)
        #expect(usage.completionTokens == 300)
        #expect(usage.reasoningTokens == 0, "Anthropic counts thinking in output_tokens without a separate count")
        #expect(Usage(anthropic: nil) == Usage())
        #expect(Usage(anthropic: ["input_tokens": 1e300, "cache_read_input_tokens": 1e300]).promptTokens == InputRange.maxTokens)
    }

    @Test func eachShapeRendersAndReadsBackTheSameCounts() throws {
        let usage = Usage(promptTokens: 1100, completionTokens: 300, cachedReadTokens: 800, cacheWriteTokens: 200, reasoningTokens: 120)
        #expect(
            usage.openAIJSON == [
                "prompt_tokens": 1100, "completion_tokens": 300, "total_tokens": 1400, "prompt_tokens_details": ["cached_tokens": 800],
                "cache_creation_input_tokens": 200, "completion_tokens_details": ["reasoning_tokens": 120],
            ])
        #expect(Usage(openAI: usage.openAIJSON) == usage)
        #expect(
            usage.anthropicJSON == ["input_tokens": 100, "output_tokens": 300, "cache_read_input_tokens": 800, "cache_creation_input_tokens": 200])
        #expect(Usage(anthropic: usage.anthropicJSON).cacheWriteTokens == 200)
        // No detail object for a count of 0, as OpenAI and Anthropic leave them out.
        #expect(Usage(promptTokens: 3, completionTokens: 4).openAIJSON == ["prompt_tokens": 3, "completion_tokens": 4, "total_tokens": 7])
        #expect(Usage(promptTokens: 3, completionTokens: 4).anthropicJSON == ["input_tokens": 3, "output_tokens": 4])
    }

    @Test func responsesAPIUsageIsRead() throws {
        let usage = try #require(
            Usage(
                openAIResponses: [
                    "input_tokens": 500, "input_tokens_details": ["cached_tokens": 400], "output_tokens": 90,
                    "output_tokens_details": ["reasoning_tokens": 64], "total_tokens": 590,
                ]))
        #expect(usage == Usage(promptTokens: 500, completionTokens: 90, cachedReadTokens: 400, reasoningTokens: 64))
        #expect(Usage(openAIResponses: nil) == nil)
    }

    @Test func decodesWithoutThePartsPricedApart() throws {
        let old = try (["promptTokens": 4, "completionTokens": 2] as JSON).decode(Usage.self)
        #expect(old == Usage(promptTokens: 4, completionTokens: 2))
    }
}
