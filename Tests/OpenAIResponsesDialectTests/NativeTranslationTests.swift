import GatewayCore
import OpenAIResponsesDialect
import Testing

/// ``ResponsesRequestTranslator/translateKeepingNative(_:history:)``: what chat cannot express is left out of the view
/// and named where the client put it; a malformed body is still refused.
struct NativeTranslationTests {
    @Test func untranslatablePartsAreLeftOutAndNamedAsSent() throws {
        let body: JSON = [
            "model": "m", "truncation": "auto", "x_new_field": 1,
            "input": [
                ["type": "item_reference", "id": "msg_1"],
                ["type": "web_search_call", "id": "ws_1", "status": "completed"],
                ["role": "user", "content": [["type": "input_image", "file_id": "file-1"], ["type": "input_text", "text": "hi"]]],
            ],
            "tools": [["type": "file_search", "vector_store_ids": ["vs_1"]], ["type": "function", "name": "f", "defer_loading": true]],
            "tool_choice": ["type": "file_search"],
        ]
        let kept = try ResponsesRequestTranslator.translateKeepingNative(body)
        #expect(
            Set(kept.untranslated)
                == ["truncation", "x_new_field", "input[0]", "input[1]", "input[2].content[0]", "tools[0]", "tools[1].defer_loading", "tool_choice"])
        #expect(kept.hostedTools == [["type": "file_search", "vector_store_ids": ["vs_1"]]], "the function tool is not a hosted one")
        let chat = kept.translation.chat
        #expect(chat["messages"] == [["role": "user", "content": "hi"]])
        #expect(chat["tools"] == [["type": "function", "function": ["name": "f"]]])
        #expect(chat["tool_choice"] == nil)
    }

    @Test func aTranslatableBodyLeavesNothingOut() throws {
        let body: JSON = ["model": "m", "input": "hi", "tools": [["type": "function", "name": "f"]]]
        let kept = try ResponsesRequestTranslator.translateKeepingNative(body)
        #expect(kept.untranslated.isEmpty && kept.hostedTools.isEmpty)
        #expect(kept.translation.chat == (try ResponsesRequestTranslator.translate(body)).chat)
    }

    @Test func malformedValuesAreStillRefused() {
        for (body, param) in [
            (["model": "m", "input": "hi", "temperature": 9] as JSON, "temperature"),
            (["model": "m", "input": [["role": "wizard", "content": "x"]]], "input[0].role"),
            (["model": "m", "input": "hi", "tools": "all"], "tools"),
        ] {
            #expect(throws: GatewayError.self) { try ResponsesRequestTranslator.translateKeepingNative(body) }
            do {
                _ = try ResponsesRequestTranslator.translateKeepingNative(body)
            } catch let error as GatewayError {
                #expect(error.param == param)
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    @Test func theNumberOfPartsLeftOutIsBounded() {
        let items = JSON.array(Array(repeating: ["type": "item_reference", "id": "msg_1"], count: 100) + [["role": "user", "content": "hi"]])
        #expect(throws: GatewayError.self) { try ResponsesRequestTranslator.translateKeepingNative(["model": "m", "input": items]) }
    }

    @Test func jsonPathsParseAndRemove() throws {
        let path = try #require(JSONPath(parsing: "input[1].content[0].type"))
        #expect(path.description == "input[1].content[0].type")
        for bad in ["", "a..b", "a[x]", "a[1", "[0]", "a[-1]"] { #expect(JSONPath(parsing: bad) == nil, "\(bad)") }
        let json: JSON = ["a": [1, 2, 3], "b": ["c": 1, "d": 2]]
        #expect(json.removing(at: try #require(JSONPath(parsing: "a[1]"))) == ["a": [1, 3], "b": ["c": 1, "d": 2]])
        #expect(json.removing(at: try #require(JSONPath(parsing: "b.c"))) == ["a": [1, 2, 3], "b": ["d": 2]])
        #expect(json.removing(at: try #require(JSONPath(parsing: "a[9]"))) == json)
    }
}

/// A chat deployment's error about the view names the client's field, counted with the parts the view left out.
struct NativeTranslationFieldTests {
    @Test func viewPositionsMapPastTheLeftOutItems() throws {
        let body: JSON = [
            "model": "m",
            "input": [
                ["type": "item_reference", "id": "msg_1"], ["role": "user", "content": "one"],
                ["type": "item_reference", "id": "msg_2"], ["role": "user", "content": [["type": "input_text", "text": "two"]]],
            ],
        ]
        let kept = try ResponsesRequestTranslator.translateKeepingNative(body)
        #expect(kept.untranslated == ["input[0]", "input[2]"])
        #expect(kept.field(ofViewParam: "messages[0].content") == "input[1].content")
        #expect(kept.field(ofViewParam: "messages[1].content[0]") == "input[3].content[0]")
        #expect(kept.field(ofViewParam: "response_format") == "text.format")
    }
}
