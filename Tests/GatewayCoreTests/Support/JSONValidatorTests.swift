import GatewayCore
import Testing

/// `JSONValidator` accepts exactly the texts `JSONParser` parses to an object (the `json` fuzzer checks the same on
/// mutated inputs), and hands out the string members as it goes.
@Suite struct JSONValidatorTests {
    static let objects = [
        #"{}"#, #" { "a" : 1 } "#, #"{"a":[1,-2.5e+3,0,0.1,true,false,null,{"b":"c"}]}"#, #"{"s":"\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"}"#,
        #"{"a":1,"a":2}"#, #"{"n":-0,"e":1E9,"f":2e-7}"#, "{\"é\":\"ü\"}", #"{"deep":[[[[{"x":[]}]]]]}"#,
    ]
    static let notObjects = [
        "", " ", "[]", "1", #""s""#, "null", "{", "}", #"{"a"}"#, #"{"a":}"#, #"{"a":1,}"#, #"{,}"#, #"{"a":1}}"#, #"{"a":1} x"#,
        #"{"a":01}"#, #"{"a":1.}"#, #"{"a":.5}"#, #"{"a":1e}"#, #"{"a":+1}"#, #"{"a":-}"#, #"{"a":tru}"#, #"{"a":nul}"#, #"{"a":True}"#,
        #"{"a":"\x"}"#, #"{"a":"\u12"}"#, #"{"a":"\ud83d"}"#, #"{"a":"\ude00"}"#, #"{"a":"\ud83d\u0041"}"#, "{\"a\":\"line\nbreak\"}",
        #"{"a":"open}"#, #"{a:1}"#, #"{'a':1}"#, #"{"a":[1 2]}"#, #"{"a":[1,]}"#, #"{"a" 1}"#, #"{"a":NaN}"#,
    ]

    @Test(arguments: objects + notObjects)
    func agreesWithTheParser(text: String) {
        var parsesToObject = false
        if case .object = try? JSONParser.parse(text) { parsesToObject = true }
        #expect(JSONValidator.isObject(text) == parsesToObject)
        #expect(parsesToObject == Self.objects.contains(text), "the test's own lists are wrong about \(text)")
    }

    @Test func nestingIsCappedAsTheParserCapsIt() {
        let depth = JSONParser.maximumDepth
        let inside = "{\"a\":" + String(repeating: "[", count: depth - 1) + String(repeating: "]", count: depth - 1) + "}"
        let over = "{\"a\":" + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
        #expect(JSONValidator.isObject(inside) && (try? JSONParser.parse(inside)) != nil)
        #expect(!JSONValidator.isObject(over) && (try? JSONParser.parse(over)) == nil)
    }

    @Test func membersAreHandedOutWithTheirKeysAndDepths() {
        var text = #"{"id":"x1","choices":[{"delta":{"content":"hé \"q\""},"n":1}],"e\"k":"v","list":["not a member"]}"#
        var seen: [String] = []
        let valid = text.withUTF8 { utf8 in
            let bytes = UnsafeRawBufferPointer(utf8)
            return JSONValidator.isObject(bytes) { key, value, depth in
                seen.append("\(depth) " + String(decoding: key, as: UTF8.self) + "=" + String(decoding: bytes[value], as: UTF8.self))
            }
        }
        #expect(valid)
        #expect(
            seen == [
                #"1 id="x1""#, #"4 content="hé \"q\"""#, #"3 delta={"content":"hé \"q\""}"#, "3 n=1",
                #"1 choices=[{"delta":{"content":"hé \"q\""},"n":1}]"#, #"1 e\"k="v""#, #"1 list=["not a member"]"#,
            ])
    }
}
