import GatewayCore
import NIOCore
import Testing

/// An answer or chunk kept as the upstream's text reads as the parsed one would, members included: a key written
/// with an escape or twice is read as the parser reads it, not missed.
@Suite struct DeferredAnswerTests {
    static let answers = [
        #"{"id":"chatcmpl-1","object":"chat.completion","choices":[{"message":{"role":"assistant","content":"hi"}}],"usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}}"#,
        #"{"choices":[{"message":{"content":"no usage","tool_calls":[{"id":"call_1"}]}}],"id":"x"}"#,
        #"{"id":"a","us\u0061ge":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}"#,
        #"{"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2},"id":"b","usage":{"prompt_tokens":9,"completion_tokens":9,"total_tokens":18}}"#,
        #"{"nested":{"usage":{"prompt_tokens":4}},"id":"c"}"#,
    ]

    @Test(arguments: answers)
    func membersReadAsTheParsedAnswer(text: String) throws {
        let parsed = try JSONParser.parse(text)
        let answer = try #require(NativeAnswer(dialect: .openAIChat, jsonObjectBytes: ByteBuffer(string: text)))
        #expect(answer.viewMember("usage") == parsed["usage"])
        #expect(answer.bodyMember("id") == parsed["id"])
        #expect(GatewayResponse.native(answer).completeViewMember("usage") == parsed["usage"])
        #expect(answer.view == parsed && answer.body == parsed)
        #expect(answer.rendered(for: .openAIChat) == ByteBuffer(string: text), "relayed as the upstream's bytes")
        #expect(answer.rendered(for: .anthropicMessages) == nil)
    }

    @Test func changingTheViewKeepsTheBody() throws {
        var answer = try #require(NativeAnswer(dialect: .openAIChat, jsonObjectBytes: ByteBuffer(string: Self.answers[0])))
        answer.view["id"] = "changed"
        #expect(answer.view["id"] == "changed")
        #expect(answer.body == (try JSONParser.parse(Self.answers[0])))
        #expect(answer.viewMember("id") == "changed")
    }

    @Test(arguments: answers)
    func aChunkWithAnEscapedOrRepeatedKeyIsReadWhole(text: String) throws {
        let parsed = try JSONParser.parse(text)
        let chunk = try #require(StreamChunk(jsonObjectText: text))
        #expect(chunk.usage == Usage(openAI: parsed["usage"]))
    }

    @Test func anAnswerThatIsNotAnObjectIsRefused() {
        #expect(NativeAnswer(dialect: .openAIChat, jsonObjectBytes: ByteBuffer(string: "<html>")) == nil)
        #expect(NativeAnswer(dialect: .openAIChat, jsonObjectBytes: ByteBuffer(string: #"{"id":"cut"#)) == nil)
    }
}
