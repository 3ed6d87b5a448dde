import GatewayCore
import Testing

/// A chunk kept as the upstream's text reads the same as a parsed one: its JSON, its usage, its completion characters.
@Suite struct StreamChunkTests {
    static let chunks = [
        #"{"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}"#,
        #"{"id":"c1","choices":[{"index":0,"delta":{"content":"h\u00e9llo \"w\" 👩‍👩‍👧 "},"finish_reason":null}]}"#,
        #"{"id":"c1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"t","type":"function","function":{"name":"get_weather","arguments":"{\"city\":"}}]}}]}"#,
        #"{"id":"c1","choices":[{"index":0,"text":"completion text","finish_reason":null}]}"#,
        #"{"id":"c1","choices":[],"usage":{"prompt_tokens":11,"completion_tokens":7,"total_tokens":18}}"#,
        #"{"id":"c1","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"#,
    ]

    @Test(arguments: chunks)
    func readsAsAParsedChunk(text: String) throws {
        let parsed = try JSONParser.parse(text)
        let lazy = try #require(StreamChunk(jsonObjectText: text))
        let eager = StreamChunk(json: parsed, rawData: text)
        #expect(lazy.completionCharacters == eager.completionCharacters)
        #expect(lazy.completionCharacters == TokenEstimator.completionCharacters(parsed))
        #expect(lazy.usage == eager.usage)
        #expect(lazy.json == parsed)
        #expect(lazy.data == text)
    }

    @Test func aMemberNeverNamedIsKnownAbsentWithoutParsing() throws {
        let chunk = try #require(StreamChunk(jsonObjectText: Self.chunks[1]))
        #expect(!chunk.mayHaveMember(named: "usage"))
        #expect(!chunk.mayHaveMember(named: "tool_calls"))
        #expect(chunk.mayHaveMember(named: "content"))
        // Text that only mentions the name inside a string (escaped quotes) is not the member either.
        let mentioning = try #require(StreamChunk(jsonObjectText: #"{"choices":[{"delta":{"content":"say \"usage\""}}]}"#))
        #expect(!mentioning.mayHaveMember(named: "usage"))
        #expect(try #require(StreamChunk(jsonObjectText: Self.chunks[4])).usage?.completionTokens == 7)
        // A key written with an escape could be any name: such a chunk is read whole.
        #expect(try #require(StreamChunk(jsonObjectText: #"{"\u0069d":"x"}"#)).mayHaveMember(named: "usage"))
        #expect(StreamChunk(jsonObjectText: "not json") == nil && StreamChunk(jsonObjectText: "[1]") == nil)
    }

    @Test func changingTheJSONDropsTheUpstreamText() throws {
        var chunk = try #require(StreamChunk(jsonObjectText: Self.chunks[1]))
        chunk.json["id"] = "changed"
        #expect(chunk.rawData == nil)
        #expect(chunk.data.contains(#""id":"changed""#))
        #expect(chunk.json["choices"] == (try JSONParser.parse(Self.chunks[1]))["choices"])
        #expect(chunk.mayHaveMember(named: "usage"), "a parsed chunk is not searched: the answer is the safe one")
    }
}
