import GatewayCore
import HTTPTypes
import Testing
import ToolAllowlist

struct ResponseToolCheckTests {
    private let check = ResponseToolCheck()

    private func request(key: [String]? = nil, team: [String]? = nil) -> GatewayRequest {
        ToolCheckFixtures.chat(tools: ["get_weather"], principal: ToolCheckFixtures.principal(key: key, team: team))
    }

    @Test func preCallProceeds() async throws {
        var request = request(key: ["other"])
        guard case .proceed = try await check.preCall(&request) else {
            Issue.record("preCall did not proceed")
            return
        }
    }

    @Test func aResponseCallingAnAllowedToolPassesUnchanged() async throws {
        let original = ToolCheckFixtures.response(calling: ["get_weather"])
        var response = original
        try await check.postCall(request(key: ["get_weather"]), response: &response)
        #expect(response == original)
    }

    @Test func aResponseCallingAnyToolPassesWithoutAList() async throws {
        var response = ToolCheckFixtures.response(calling: ["delete_db"])
        try await check.postCall(request(), response: &response)
    }

    @Test func aResponseCallingDisallowedToolsIsRejectedNamingThem() async throws {
        var response = ToolCheckFixtures.response(calling: ["send_email", "get_weather", "delete_db", "send_email"])
        let error = try await #require(throws: GatewayError.self) {
            try await check.postCall(request(team: ["get_weather"]), response: &response)
        }
        #expect(error.status == .forbidden)
        #expect(error.type == "tool_access_denied")
        #expect(error.param == "tools")
        #expect(
            error.message
                == "The model called tools 'delete_db', 'send_email', which are not in this key's team's allowed_tools; the call was withheld.")
    }

    @Test func chunksWithoutToolNamesPassUntouched() async throws {
        let request = request(key: ["get_weather"])
        let content = ToolCheckFixtures.chunk(["content": "hello"])
        let arguments = ToolCheckFixtures.chunk(["tool_calls": [["index": 0, "function": ["arguments": "{}"]]]])
        for chunk in [content, arguments] {
            let passed = try await check.inspectChunk(request, chunk: chunk)
            #expect(passed?.json == chunk.json)
        }
    }

    @Test func theFirstDeltaOfADisallowedCallEndsTheStream() async throws {
        let chunk = ToolCheckFixtures.chunk(["tool_calls": [["index": 0, "id": "c", "function": ["name": "delete_db", "arguments": ""]]]])
        let error = try await #require(throws: GatewayError.self) {
            _ = try await check.inspectChunk(request(key: ["get_weather"]), chunk: chunk)
        }
        #expect(error.code == "tool_access_denied")
        #expect(error.message.contains("'delete_db'"))
        #expect(error.message.contains("this key's allowed_tools"))
    }

    @Test func theFirstDeltaOfAnAllowedCallPassesWithItsBytes() async throws {
        let json: JSON = ["choices": [["index": 0, "delta": ["tool_calls": [["index": 0, "function": ["name": "get_weather"]]]]]]]
        let chunk = StreamChunk(json: json, rawData: json.serializedString())
        let passed = try await check.inspectChunk(request(key: ["get_weather"]), chunk: chunk)
        #expect(passed?.rawData == chunk.rawData)
    }
}
