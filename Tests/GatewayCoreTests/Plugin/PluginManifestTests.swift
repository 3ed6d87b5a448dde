import Testing

@testable import GatewayCore

struct PluginManifestTests {
    private func parse(_ text: String) throws -> PluginManifest { try PluginManifest(parsing: Array(text.utf8)) }

    @Test func readsEntriesInOrderWithDefaults() throws {
        let manifest = try parse(
            """
            {"plugins": [
              {"name": "sqlite-store", "config": {"path": "tollgate.db"}},
              {"name": "master-key-auth"},
              {"name": "spend-log", "on_error": "allow", "enabled": false},
              {"name": "guard", "on_error": "deny", "enabled": true, "config": null}
            ]}
            """)
        #expect(manifest.entries.map(\.name) == ["sqlite-store", "master-key-auth", "spend-log", "guard"])
        #expect(manifest.entries[0].config == ["path": "tollgate.db"])
        #expect(manifest.entries[1].config == [:])
        #expect(manifest.entries[1].failurePolicy == .deny)
        #expect(manifest.entries[1].enabled)
        #expect(manifest.entries[2].failurePolicy == .allow)
        #expect(!manifest.entries[2].enabled)
        #expect(manifest.entries[3].failurePolicy == .deny)
        #expect(manifest.entries[3].config == [:])
    }

    @Test func emptyListIsValid() throws {
        #expect(try parse(#"{"plugins": []}"#).entries.isEmpty)
    }

    @Test func malformedJSONReportsLineAndColumn() throws {
        let error = try #require(throws: ConfigError.self) {
            try parse("{\n  \"plugins\": [\n    {\"name\": \"a\",}\n  ]\n}")
        }
        #expect(error.message.contains("plugins.json"))
        #expect(error.message.contains("line 3, column 18"))
    }

    @Test func unknownEntryKeyIsAnError() throws {
        let error = try #require(throws: ConfigError.self) {
            try parse(#"{"plugins": [{"name": "a"}, {"name": "b", "onerror": "allow"}]}"#)
        }
        #expect(error.message.contains("plugins[1]"))
        #expect(error.message.contains("'onerror'"))
    }

    @Test(arguments: [#""ignore""#, "true", "1", "null"])
    func invalidOnErrorIsAnError(_ value: String) throws {
        let error = try #require(throws: ConfigError.self) { try parse(#"{"plugins": [{"name": "a", "on_error": \#(value)}]}"#) }
        #expect(error.message.contains("plugins[0].on_error"))
    }

    @Test(arguments: [#""false""#, "0", "null"])
    func invalidEnabledIsAnError(_ value: String) throws {
        let error = try #require(throws: ConfigError.self) { try parse(#"{"plugins": [{"name": "a", "enabled": \#(value)}]}"#) }
        #expect(error.message.contains("plugins[0].enabled"))
    }

    @Test(arguments: [
        (#"[]"#, "\"plugins\""), (#"{"plugin": []}"#, "\"plugins\""), (#"{"plugins": {}}"#, "list"),
        (#"{"plugins": ["a"]}"#, "plugins[0]"), (#"{"plugins": [{}]}"#, "plugins[0].name"), (#"{"plugins": [{"name": ""}]}"#, "plugins[0].name"),
        (#"{"plugins": [{"name": 7}]}"#, "plugins[0].name"), (#"{"plugins": [{"name": "a", "config": [1]}]}"#, "plugins[0].config"),
    ])
    func wrongShapesNameTheProblem(_ text: String, _ expected: String) throws {
        let error = try #require(throws: ConfigError.self) { try parse(text) }
        #expect(error.message.contains(expected))
    }
}
