import GatewayCore
import Testing
import ToolAllowlist

struct ToolNamesTests {
    @Test func chatToolsAreNamedByTheirFunction() {
        let body: JSON = ["tools": [ToolCheckFixtures.chatTool("get_weather"), ToolCheckFixtures.chatTool("send_email")]]
        #expect(ToolNames.inRequest(body) == ["get_weather", "send_email"])
    }

    @Test func legacyFunctionsAreNamed() {
        let body: JSON = ["functions": [["name": "get_weather", "parameters": [:]], ["name": "lookup"]]]
        #expect(ToolNames.inRequest(body) == ["get_weather", "lookup"])
    }

    @Test func topLevelToolNamesOfTheResponsesAndAnthropicShapesAreNamed() {
        let body: JSON = ["tools": [["type": "function", "name": "get_weather"], ["name": "search", "input_schema": [:]]]]
        #expect(ToolNames.inRequest(body) == ["get_weather", "search"])
    }

    @Test func aForcedToolIsNamed() {
        #expect(ToolNames.inRequest(["tool_choice": ["type": "function", "function": ["name": "delete_db"]]]) == ["delete_db"])
        #expect(ToolNames.inRequest(["tool_choice": ["type": "tool", "name": "delete_db"]]) == ["delete_db"])
        #expect(ToolNames.inRequest(["function_call": ["name": "delete_db"]]) == ["delete_db"])
        #expect(ToolNames.inRequest(["tool_choice": "auto", "function_call": "none"]).isEmpty)
    }

    @Test func everyShapeInOneBodyIsCollected() {
        let body: JSON = [
            "tools": [ToolCheckFixtures.chatTool("a")], "functions": [["name": "b"]],
            "tool_choice": ["type": "function", "function": ["name": "a"]],
        ]
        #expect(ToolNames.inRequest(body) == ["a", "b", "a"])
    }

    @Test(
        arguments: [
            ["model": "m"], ["tools": "get_weather"], ["tools": [1, nil, ["function": "x"], ["type": "web_search"]]],
            ["functions": [["name": 3]]], ["tools": []],
        ] as [JSON])
    func bodiesWithoutToolNamesNameNothing(_ body: JSON) {
        #expect(ToolNames.inRequest(body).isEmpty)
    }

    @Test func responseToolCallsAndLegacyFunctionCallsAreNamed() {
        #expect(ToolNames.calledInResponse(ToolCheckFixtures.response(calling: ["get_weather", "x"])) == ["get_weather", "x"])
        let legacy: JSON = ["choices": [["message": ["role": "assistant", "function_call": ["name": "lookup", "arguments": "{}"]]]]]
        #expect(ToolNames.calledInResponse(legacy) == ["lookup"])
        let text: JSON = ["choices": [["message": ["role": "assistant", "content": "hello"]]]]
        #expect(ToolNames.calledInResponse(text).isEmpty)
    }

    @Test func onlyTheFirstDeltaOfAStreamedCallNamesIt() {
        let first = ToolCheckFixtures.chunk(["tool_calls": [["index": 0, "id": "c", "function": ["name": "get_weather", "arguments": ""]]]])
        let next = ToolCheckFixtures.chunk(["tool_calls": [["index": 0, "function": ["arguments": "{\"city\":"]]]])
        let emptyName = ToolCheckFixtures.chunk(["tool_calls": [["index": 0, "function": ["name": "", "arguments": "}"]]]])
        let legacy = ToolCheckFixtures.chunk(["function_call": ["name": "lookup"]])
        #expect(ToolNames.calledInChunk(first.json) == ["get_weather"])
        #expect(ToolNames.calledInChunk(next.json).isEmpty)
        #expect(ToolNames.calledInChunk(emptyName.json).isEmpty)
        #expect(ToolNames.calledInChunk(legacy.json) == ["lookup"])
        #expect(ToolNames.calledInChunk(ToolCheckFixtures.chunk(["content": "hi"]).json).isEmpty)
        #expect(ToolNames.calledInChunk(["choices": [], "usage": ["total_tokens": 3]]).isEmpty)
    }
}
