import GatewayCore
import Testing
import WordBlocker

struct WordBlockerPluginTests {
    private func decode(_ config: JSON) throws -> WordBlockerPlugin.Configuration {
        try config.decode(WordBlockerPlugin.Configuration.self)
    }

    @Test func idIsTheNamePluginsJSONUses() {
        #expect(WordBlockerPlugin.id == "word-blocker")
        #expect(WordBlockerPlugin.Configuration.keys == ["words", "case_sensitive"])
    }

    @Test func decodesWordsAndDefaultsToCaseInsensitive() throws {
        let configuration = try decode(["words": ["forbidden-word"]])
        #expect(configuration.words == ["forbidden-word"])
        #expect(configuration.caseSensitive == false)
        #expect(try decode(["words": ["x"], "case_sensitive": true]).caseSensitive)
    }

    @Test(arguments: [JSON.object([:]), ["words": []], ["words": ["ok", "  "]], .null])
    func missingOrEmptyWordsStopStartupNamingTheKey(config: JSON) throws {
        let error = try #require(throws: ConfigError.self) { try decode(config) }
        #expect(error.message.contains("config.words"))
    }

    @Test func aWrongTypeIsADecodingError() {
        #expect(throws: DecodingError.self) { try decode(["words": "forbidden-word"]) }
    }
}
