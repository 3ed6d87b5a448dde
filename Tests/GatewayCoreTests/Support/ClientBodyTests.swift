import Foundation
import NIOCore
import Testing

@testable import GatewayCore

/// Splicing the upstream model into the client's own bytes (``ClientBody``), where the parse placed it.
struct ClientBodyTests {
    static func body(_ text: String) throws -> ClientBody {
        try ClientBody(parsing: ByteBuffer(string: text))
    }

    @Test("only the top-level model's value changes; formatting, order and nested look-alikes stay as sent")
    func splicesTheTopLevelModel() throws {
        let text = """
            { "messages" : [ {"role":"user","content":"say \\"model\\": {x}"} ],
              "metadata": {"model": "not this one", "list": [1, {"model": 2}]},
              "model"  :  "gpt-client" , "temperature":0.5,"stop":null }
            """
        let spliced = try #require(try Self.body(text).bytes(withModel: "gpt-upstream"))
        #expect(String(buffer: spliced) == text.replacingOccurrences(of: "\"gpt-client\"", with: "\"gpt-upstream\""))
    }

    @Test("the new model is written as a JSON string, escapes and all")
    func escapesTheModel() throws {
        let spliced = try #require(try Self.body(#"{"model":"a"}"#).bytes(withModel: #"we"ird\name"#))
        #expect(String(buffer: spliced) == #"{"model":"we\"ird\\name"}"#)
        #expect(try JSON(parsing: spliced)["model"] == .string(#"we"ird\name"#))
    }

    @Test(
        "a body with no top-level model string gives nil, so the body is serialized instead",
        arguments: [
            #"{"messages":[]}"#,  // no model
            #"{"model":"a","model":"b"}"#,  // named twice
            #"{"model":7}"#,  // not a string
            #"{}"#,
            #"["model"]"#,  // not an object
        ])
    func unplaceableModels(text: String) throws {
        #expect(try Self.body(text).bytes(withModel: "x") == nil)
    }

    @Test("a key written with an escape is the same key: its value is replaced, the key kept as written")
    func escapedKey() throws {
        let spliced = try #require(try Self.body(#"{"mod\u0065l":"a","n":1}"#).bytes(withModel: "b"))
        #expect(String(buffer: spliced) == #"{"mod\u0065l":"b","n":1}"#)
    }

    @Test("text that is not whole JSON is refused by the parse, never spliced")
    func truncatedText() {
        for text in [#"{"model":"a""#, #"{"model":"#, #"{"x":[1,2"#, #"{"x":"\"#, ""] {
            #expect(throws: JSONParseError.self, "\(text)") { try Self.body(text) }
        }
    }

    @Test("the place is the top-level member's, whatever nests a look-alike before or after it")
    func placeIsTopLevel() throws {
        let text = #"{"a":{"model":"inner"},"model":"outer","b":[{"model":1}]}"#
        let bytes = Swift.Array(text.utf8)
        let (value, place) = try bytes.withUnsafeBytes { try JSONParser.parse($0, placing: "model") }
        let range = try #require(place)
        #expect(String(decoding: bytes[range], as: UTF8.self) == #""outer""#)
        #expect(value["model"] == "outer")
    }
}
