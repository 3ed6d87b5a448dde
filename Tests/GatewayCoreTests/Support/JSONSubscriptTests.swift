import Testing

@testable import GatewayCore

/// ``JSON``'s member subscript: the changes hooks and providers make to bodies, made in place.
struct JSONSubscriptTests {
    @Test("setting and removing members; a copy keeps what it had")
    func setAndRemove() {
        var body: JSON = ["model": "gpt-4o", "stream": true]
        let before = body
        body["model"] = "claude"
        body["temperature"] = 0.5
        body["stream"] = nil
        #expect(body == ["model": "claude", "temperature": 0.5])
        #expect(before == ["model": "gpt-4o", "stream": true])
    }

    @Test("a change through a member reaches the nested object; a chain through a missing member writes nothing")
    func nestedChanges() {
        var body: JSON = ["stream_options": ["include_usage": false], "n": 1]
        let before = body
        body["stream_options"]?["include_usage"] = true
        body["metadata"]?["tags"] = ["a"]
        #expect(body == ["stream_options": ["include_usage": true], "n": 1])
        #expect(before["stream_options"]?["include_usage"] == false)
        var options = body["stream_options"] ?? [:]
        options["extra"] = "x"
        #expect(body["stream_options"] == ["include_usage": true])
    }

    @Test("a member set on a value that is not an object turns it into one; a chain that writes nothing leaves it")
    func nonObjects() {
        var number: JSON = 3
        number["a"]?["b"] = 1
        #expect(number == 3)
        number["a"] = "x"
        #expect(number == ["a": "x"])
        var list: JSON = [1, 2]
        list["k"]?["deeper"] = true
        #expect(list == [1, 2])
        list["k"] = nil
        #expect(list == [:])
    }
}
