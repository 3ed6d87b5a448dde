import GatewayCore
import Testing
import WordBlocker

struct WordBlockerGuardrailTests {
    private let guardrail = WordBlockerGuardrail(words: ["forbidden-word", "secret plan"])

    private func request(_ endpoint: Endpoint, _ body: JSON) -> GatewayRequest {
        GatewayRequest(id: "req-1", endpoint: endpoint, body: body, receivedAtDate: 0)
    }

    private func chat(_ content: JSON, role: JSON = "user") -> GatewayRequest {
        request(.chatCompletions, ["model": "fake-gpt", "messages": [["role": "system", "content": "Be brief."], ["role": role, "content": content]]])
    }

    /// Runs `preCall` and returns the error it threw, or nil if it let the request through.
    private func preCallError(_ request: GatewayRequest, using guardrail: WordBlockerGuardrail? = nil) async throws -> GatewayError? {
        var request = request
        do {
            guard case .proceed = try await (guardrail ?? self.guardrail).preCall(&request) else {
                Issue.record("preCall answered instead of proceeding")
                return nil
            }
            return nil
        } catch let error as GatewayError {
            return error
        }
    }

    private func postCallError(_ response: JSON) async throws -> GatewayError? {
        var response = response
        do {
            try await guardrail.postCall(chat("hello"), response: &response)
            return nil
        } catch let error as GatewayError {
            return error
        }
    }

    // MARK: - preCall

    @Test func rejectsAChatMessageWithABlockedWord() async throws {
        let error = try #require(try await preCallError(chat("please tell me the forbidden-word and my password hunter2")))
        // 400 invalid_request_error, content_blocked, naming the word only.
        let expected = GatewayError.badRequest(
            "The request contains \"forbidden-word\", which is blocked by the word-blocker guardrail.", param: "messages",
            code: "content_blocked")
        #expect(error == expected)
        // The rest of the prompt is never echoed back.
        #expect(!error.message.contains("hunter2"))
        #expect(!error.message.contains("please"))
    }

    @Test func letsACleanChatRequestThrough() async throws {
        #expect(try await preCallError(chat("What is the capital of France?")) == nil)
    }

    @Test func matchesCaseInsensitivelyByDefault() async throws {
        let error = try await preCallError(chat("The FORBIDDEN-WORD is here."))
        #expect(error?.code == "content_blocked")
        // The error names the word as configured, not as the client spelled it.
        #expect(error?.message.contains("\"forbidden-word\"") == true)
    }

    @Test func caseSensitiveMatchingRespectsCase() async throws {
        let strict = WordBlockerGuardrail(words: ["Forbidden"], caseSensitive: true)
        #expect(try await preCallError(chat("this is forbidden"), using: strict) == nil)
        #expect(try await preCallError(chat("this is Forbidden"), using: strict) != nil)
    }

    @Test func matchesWholeWordsAndPhrasesOnly() async throws {
        let cat = WordBlockerGuardrail(words: ["cat"])
        #expect(try await preCallError(chat("concatenate the catalogue"), using: cat) == nil)
        #expect(try await preCallError(chat("my cat."), using: cat) != nil)
        #expect(try await preCallError(chat("Cat"), using: cat) != nil)
        #expect(try await preCallError(chat("the Secret Plan is on")) != nil)
        #expect(try await preCallError(chat("a secret, planned")) == nil)
    }

    @Test func readsTextPartsAndEveryRole() async throws {
        let parts: JSON = [
            ["type": "image_url", "image_url": ["url": "https://example.com/forbidden-word.png"]],
            ["type": "text", "text": "Describe the forbidden-word."],
        ]
        #expect(try await preCallError(chat(parts))?.code == "content_blocked")
        #expect(try await preCallError(chat("I said forbidden-word", role: "assistant")) != nil)
        // An image URL is not text the guardrail reads.
        let imageOnly: JSON = [["type": "image_url", "image_url": ["url": "https://example.com/forbidden-word.png"]]]
        #expect(try await preCallError(chat(imageOnly)) == nil)
    }

    @Test func readsTheCompletionsPrompt() async throws {
        let single = try await preCallError(request(.completions, ["model": "m", "prompt": "say forbidden-word"]))
        #expect(single?.param == "prompt")
        #expect(try await preCallError(request(.completions, ["model": "m", "prompt": ["fine", "forbidden-word"]])) != nil)
        #expect(try await preCallError(request(.completions, ["model": "m", "prompt": "fine"])) == nil)
        #expect(try await preCallError(request(.completions, ["model": "m", "prompt": [1, 2, 3]])) == nil)
    }

    @Test func readsTheEmbeddingsInput() async throws {
        let error = try await preCallError(request(.embeddings, ["model": "m", "input": ["one", "two forbidden-word"]]))
        #expect(error?.param == "input")
        #expect(try await preCallError(request(.embeddings, ["model": "m", "input": "clean text"])) == nil)
    }

    @Test func leavesTheBodyUnchanged() async throws {
        let original = chat("hello")
        var request = original
        _ = try await guardrail.preCall(&request)
        #expect(request.body == original.body)
    }

    // MARK: - postCall

    @Test func rejectsAChatResponseWithABlockedWord() async throws {
        let response: JSON = ["choices": [["index": 0, "message": ["role": "assistant", "content": "Sure: forbidden-word!"]]]]
        let error = try #require(try await postCallError(response))
        let expected = GatewayError.badRequest(
            "The response contains \"forbidden-word\", which is blocked by the word-blocker guardrail.", code: "content_blocked")
        #expect(error == expected)
    }

    @Test func rejectsATextCompletionWithABlockedWord() async throws {
        #expect(try await postCallError(["choices": [["index": 0, "text": "the secret plan"]]]) != nil)
    }

    @Test func letsACleanResponseThrough() async throws {
        let response: JSON = [
            "choices": [["index": 0, "message": ["role": "assistant", "content": "Paris."]]],
            "usage": ["prompt_tokens": 5, "completion_tokens": 1],
        ]
        #expect(try await postCallError(response) == nil)
        #expect(try await postCallError(["data": [["embedding": [0.1, 0.2]]]]) == nil)
    }

    // MARK: - inspectChunk

    @Test func passesStreamedChunksThrough() async throws {
        let chunk = StreamChunk(json: ["choices": [["index": 0, "delta": ["content": "forbidden-word"]]]])
        let passed = try await guardrail.inspectChunk(chat("hi"), chunk: chunk)
        #expect(passed?.json == chunk.json)
    }
}
