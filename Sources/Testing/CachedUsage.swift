public import GatewayCore

/// The usage ``TestUpstream`` reports for an upstream model whose name ends in `cached-usage` (`cached-usage`,
/// `gpt-4o-cached-usage`, `claude-sonnet-4-5-cached-usage`: the last two price as their bundled families), in each
/// provider's own shape, plain and streamed, so that tests can price it by hand.
public enum CachedUsage {
    /// OpenAI: 1000 prompt tokens of which 800 cached, 300 completion tokens of which 200 reasoning.
    public static let openAI: JSON = [
        "prompt_tokens": 1000, "completion_tokens": 300, "total_tokens": 1300,
        "prompt_tokens_details": ["cached_tokens": 800, "audio_tokens": 0],
        "completion_tokens_details": ["reasoning_tokens": 200, "audio_tokens": 0],
    ]
    /// Anthropic: 100 uncached input tokens, 800 read from the cache, 200 written to it, 300 output tokens.
    public static let anthropic: JSON = [
        "input_tokens": 100, "cache_read_input_tokens": 800, "cache_creation_input_tokens": 200, "output_tokens": 300,
    ]

    /// Whether `call` asks for this usage.
    static func isAsked(by call: UpstreamCallRecord) -> Bool { call.model.hasSuffix("cached-usage") }

    /// The OpenAI `usage` of an answer to `call`: this one when asked, else `plain`.
    static func openAI(for call: UpstreamCallRecord, plain: JSON) -> JSON { isAsked(by: call) ? openAI : plain }

    /// The Anthropic `usage` of a complete message answering `call`: this one when asked, else `plain`.
    static func anthropic(for call: UpstreamCallRecord, plain: JSON) -> JSON { isAsked(by: call) ? anthropic : plain }

    /// The usage of a stream's `message_start` (input and cache counts, 1 output token so far, as Anthropic sends it).
    static func anthropicStart(for call: UpstreamCallRecord, plain: JSON) -> JSON {
        guard isAsked(by: call) else { return plain }
        var start = anthropic
        start["output_tokens"] = 1
        return start
    }

    /// The usage of a stream's `message_delta`: the output count.
    static func anthropicDelta(for call: UpstreamCallRecord, plain: JSON) -> JSON {
        isAsked(by: call) ? ["output_tokens": anthropic["output_tokens"] ?? 0] : plain
    }
}
