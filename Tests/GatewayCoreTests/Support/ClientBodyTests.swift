import Foundation
import NIOCore
import Testing

@testable import GatewayCore

/// Splicing the upstream model into the client's own bytes (``ClientBody``), and the scan that finds it.
struct ClientBodyTests {
    static func body(_ text: String) throws -> ClientBody {
        let bytes = ByteBuffer(string: text)
        return ClientBody(bytes: bytes, parsed: try JSON(parsing: bytes))
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
        "anything a scan cannot place gives nil, so the body is serialized instead",
        arguments: [
            #"{"messages":[]}"#,  // no model
            #"{"model":"a","model":"b"}"#,  // named twice
            #"{"mod\u0065l":"a"}"#,  // the key written with an escape
            #"{"model":7}"#,  // not a string
            #"{}"#,
        ])
    func unplaceableModels(text: String) throws {
        #expect(try Self.body(text).bytes(withModel: "x") == nil)
    }

    @Test("the scan gives up on text that is not a whole object instead of reading past it")
    func truncatedText() {
        for text in [#"{"model":"a""#, #"{"model":"#, #"{"x":[1,2"#, #"["model"]"#, #"{"x":"\"#, ""] {
            let range = Array(text.utf8).withUnsafeBytes { JSONTopLevelMember.valueRange(of: "model", in: $0) }
            #expect(range == nil, "\(text)")
        }
    }
}
