import GatewayCore
import OpenAIResponsesDialect
import Testing

/// What a chat request cannot express is a 400 naming the field, one test per refused feature.
struct RequestRefusalTests {
    /// The 400 translating `body` throws. - Returns: its `param`.
    private func refusedParam(_ body: JSON) throws -> String? {
        do {
            _ = try ResponsesRequestTranslator.translate(body)
        } catch let error as GatewayError {
            #expect(error.type == "invalid_request_error")
            return error.param
        }
        Issue.record("translated without an error: \(body.serializedString())")
        return nil
    }

    private func base(_ extra: [String: JSON]) -> JSON {
        var body: JSON = ["model": "m", "input": "hi"]
        for (key, value) in extra { body[key] = value }
        return body
    }

    @Test(arguments: ["web_search", "file_search", "computer_use_preview", "code_interpreter", "mcp", "image_generation", "custom"])
    func builtInToolsAreRefused(type: String) throws {
        #expect(try refusedParam(base(["tools": [["type": .string(type)]]])) == "tools[0].type")
    }

    @Test func functionToolMembersChatCannotCarryAreRefused() throws {
        #expect(try refusedParam(base(["tools": [["type": "function", "name": "f", "defer_loading": true]]])) == "tools[0].defer_loading")
    }

    @Test func backgroundIsRefused() throws {
        #expect(try refusedParam(base(["background": true])) == "background")
    }

    @Test(arguments: ["message.output_text.logprobs", "made.up"])
    func includeValuesThatChangeTheAnswerAreRefused(value: String) throws {
        #expect(try refusedParam(base(["include": [.string(value)]])) == "include[0]")
        #expect(try refusedParam(base(["include": ["reasoning.encrypted_content", .string(value)]])) == "include[1]")
        #expect(try refusedParam(base(["include": "reasoning.encrypted_content"])) == "include")
    }

    /// The Agents SDK asks for encrypted reasoning with `store: false`; a translated answer has none to add.
    @Test(arguments: ["reasoning.encrypted_content", "file_search_call.results", "web_search_call.action.sources"])
    func includeValuesAskingOnlyForOptionalOutputAreNoOps(value: String) throws {
        let translation = try ResponsesRequestTranslator.translate(base(["include": [.string(value)], "store": false]))
        #expect(translation.chat["include"] == nil)
    }

    @Test(arguments: ["conversation", "prompt", "top_logprobs", "context_management", "moderation", "prompt_cache_options", "made_up_field"])
    func fieldsWithoutAChatCounterpartAreRefused(field: String) throws {
        let value: JSON = field == "top_logprobs" ? 2 : field == "conversation" ? "conv_1" : ["x": 1]
        #expect(try refusedParam(base([field: value])) == field)
    }

    @Test func autoTruncationIsRefused() throws {
        #expect(try refusedParam(base(["truncation": "auto"])) == "truncation")
    }

    @Test func itemReferencesAndBuiltInCallItemsAreRefused() throws {
        #expect(try refusedParam(base(["input": [["type": "item_reference", "id": "msg_1"]]])) == "input[0].type")
        #expect(try refusedParam(base(["input": [["type": "web_search_call", "id": "ws_1"]]])) == "input[0].type")
    }

    @Test func imagesByFileIDAreRefused() throws {
        let input: JSON = [["role": "user", "content": [["type": "input_image", "file_id": "file_1", "detail": "auto"]]]]
        #expect(try refusedParam(base(["input": input])) == "input[0].content[0].image_url")
    }

    @Test func audioInputIsRefused() throws {
        let input: JSON = [["role": "user", "content": [["type": "input_audio", "input_audio": ["data": "AA", "format": "wav"]]]]]
        #expect(try refusedParam(base(["input": input])) == "input[0].content[0].type")
    }

    @Test func imagesInToolOutputsAreRefused() throws {
        let input: JSON = [["type": "function_call_output", "call_id": "c", "output": [["type": "input_image", "image_url": "https://x"]]]]
        #expect(try refusedParam(base(["input": input])) == "input[0].output[0]")
    }

    @Test func toolChoiceOfABuiltInToolIsRefused() throws {
        #expect(try refusedParam(base(["tool_choice": ["type": "file_search"]])) == "tool_choice.type")
    }

    @Test func reasoningMembersOtherThanEffortAndSummaryAreRefused() throws {
        #expect(try refusedParam(base(["reasoning": ["effort": "low", "mode": "pro"]])) == "reasoning.mode")
    }

    @Test func outOfRangeValuesAreRefused() throws {
        #expect(try refusedParam(base(["max_output_tokens": 0])) == "max_output_tokens")
        #expect(try refusedParam(base(["max_output_tokens": 1e300])) == "max_output_tokens")
        #expect(try refusedParam(base(["temperature": 2.5])) == "temperature")
        #expect(try refusedParam(base(["top_p": -0.1])) == "top_p")
        #expect(try refusedParam(base(["reasoning": ["effort": "max"]])) == "reasoning.effort")
        #expect(try refusedParam(base(["max_tool_calls": 0])) == "max_tool_calls")
    }

    @Test func malformedShapesAreRefused() throws {
        #expect(try refusedParam(base(["input": 5])) == "input")
        #expect(try refusedParam(base(["input": []])) == "input")
        #expect(try refusedParam(base(["input": [["role": "wizard", "content": "x"]]])) == "input[0].role")
        #expect(try refusedParam(base(["input": [["type": "function_call", "name": "f"]]])) == "input[0]")
        #expect(try refusedParam(base(["stream": "yes"])) == "stream")
        #expect(try refusedParam(base(["store": "no"])) == "store")
        #expect(try refusedParam(base(["metadata": ["a", "b"]])) == "metadata")
        #expect(try refusedParam(base(["previous_response_id": 7])) == "previous_response_id")
        #expect(try refusedParam(base(["text": ["format": ["type": "json_schema", "name": "x"]]])) == "text.format.schema")
    }
}
