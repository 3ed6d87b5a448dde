import Foundation
import Testing

@testable import GatewayCore

/// The price map: the converter script on a LiteLLM excerpt, our rows and LiteLLM's JSON read alike, the bundled map
/// complete and in agreement with LiteLLM's file.
struct PriceMapTests {
    @Test func theConverterWritesRowsThatReadAsLiteLLMsJSONDoes() throws {
        let run = try PriceMapFixture.convert([PriceMapFixture.excerptPath, "--format", "tsv", "-o", "-"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.hasPrefix(PriceMap.formatLine + "\n"))
        #expect(run.output.contains("MIT licence, Copyright (c) 2023 Berri AI"), "the data credits its source")
        let rows = try PriceMap(rows: run.output)
        let json = try PriceMap(litellm: PriceMapFixture.excerpt())
        // The converter keeps the providers Tollgate routes; the JSON reader keeps every provider.
        #expect(json.entry(named: "fal_ai/fal-ai/flux-pro/v1.1") != nil)
        #expect(rows.entry(named: "fal_ai/fal-ai/flux-pro/v1.1") == nil)
        #expect(rows.count == json.count - 1)
        for (key, entry) in rows.entries { #expect(json.entry(named: key) == entry, "\(key)") }
        // sample_spec, an entry without any figure and one without a provider are left out.
        for key in ["sample_spec", "tollgate-test/no-figures", "tollgate-test/no-provider"] {
            #expect(rows.entry(named: key) == nil && json.entry(named: key) == nil, "\(key)")
        }
        // An alias takes its target's figures under its own key.
        #expect(rows.entry(named: "vertex_ai/claude-opus-latest")?.price == rows.entry(named: "vertex_ai/claude-opus-5-5")?.price)
        // Out-of-range figures are left out, named; a limit past the largest is clamped.
        let bad = try #require(rows.entry(named: "tollgate-test/bad-values"))
        #expect(bad.price.inputPerToken == 0 && bad.price.cacheReadPerToken == nil && bad.price.contextWindow == nil)
        #expect(bad.price.maxOutputTokens == InputRange.maxTokens)
        #expect(
            Set(json.skippedFields)
                == Set(
                    ["input_cost_per_token", "output_cost_per_token", "cache_read_input_token_cost", "max_input_tokens"].map {
                        "tollgate-test/bad-values.\($0)"
                    }))
        for field in ["input_cost_per_token", "cache_read_input_token_cost", "max_input_tokens"] {
            #expect(run.errors.contains("skipped tollgate-test/bad-values.\(field)"), "\(run.errors)")
        }
    }

    @Test func theConverterWritesTheSwiftFileTheBuildCompiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("price-map-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("PriceMap+Bundled.swift").path
        let run = try PriceMapFixture.convert([PriceMapFixture.excerptPath, "-o", out])
        #expect(run.status == 0, "\(run.errors)")
        let swift = try String(contentsOfFile: out, encoding: .utf8)
        #expect(swift.hasPrefix("// swift-format-ignore-file\n"))
        #expect(swift.contains("static let bundledRows = #\"\"\"\n\(PriceMap.formatLine)\n"))
        // The committed file has the same shape (only the rows differ).
        let bundled = try String(contentsOfFile: PriceMapFixture.root + "/Sources/Core/Pricing/PriceMap/PriceMap+Bundled.swift", encoding: .utf8)
        #expect(
            bundled.prefix(upTo: bundled.range(of: PriceMap.formatLine)!.lowerBound)
                == swift.prefix(upTo: swift.range(of: PriceMap.formatLine)!.lowerBound))
        #expect(FileManager.default.fileExists(atPath: PriceMapFixture.root + "/Sources/Core/Pricing/PriceMap/NOTICE"))
    }

    @Test func aBadSourceFailsTheConverterWithAMessage() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("price-map-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("bad.json").path
        try "{not json".write(toFile: path, atomically: true, encoding: .utf8)
        let run = try PriceMapFixture.convert([path, "-o", "-"])
        #expect(run.status != 0)
        #expect(run.errors.contains("is not valid JSON"), "\(run.errors)")
    }

    @Test func theBundledMapParsesCompletelyAndFast() throws {
        let rows = PriceMap.bundledRows.split(separator: "\n").filter { !$0.hasPrefix("#") }.count - 1
        let clock = ContinuousClock()
        var map: PriceMap?
        let elapsed = try clock.measure { map = try PriceMap(rows: PriceMap.bundledRows) }
        let parsed = try #require(map)
        #expect(parsed.count == rows, "one entry per row")
        #expect(parsed.count > 1_500, "every routed provider's models")
        #expect(parsed.skippedFields.isEmpty, "\(parsed.skippedFields)")
        #expect(PriceMap.bundled.count == parsed.count)
        // Parsed once at first use, on startup: a debug build takes milliseconds.
        #expect(elapsed < .seconds(2), "\(elapsed)")
        for provider in [
            "openai", "anthropic", "azure", "bedrock", "bedrock_converse", "gemini", "vertex_ai-language-models", "cohere", "groq", "mistral",
        ] {
            #expect(parsed.entries.values.contains { $0.provider == provider }, "\(provider)")
        }
        for entry in parsed.entries.values {
            for field in PriceMap.Field.prices {
                if let value = field.value(in: entry.price) { #expect(value >= 0 && value <= InputRange.maxCostPerToken, "\(entry.key)") }
            }
        }
    }

    /// The bundled map prices each LiteLLM entry of the excerpt as LiteLLM's file does, and a deployment of it costs, for
    /// a usage with cached and reasoning tokens, what LiteLLM's prices say.
    @Test func theBundledMapPricesAsLiteLLMsFileSays() throws {
        let excerpt = try PriceMapFixture.excerpt()
        let listed = try PriceMap(litellm: excerpt)
        for (key, entry) in listed.entries where !key.hasPrefix("tollgate-test/") && !key.hasPrefix("fal_ai/") {
            #expect(PriceMap.bundled.entry(named: key) == entry, "\(key)")
        }
        let usage = Usage(promptTokens: 10_000, completionTokens: 2_000, cachedReadTokens: 6_000, cacheWriteTokens: 1_000, reasoningTokens: 1_500)
        for (model, key) in [
            ("gemini/gemini-2.5-flash", "gemini/gemini-2.5-flash"), ("vertex_ai/claude-sonnet-4-5", "vertex_ai/claude-sonnet-4-5"),
            ("anthropic/claude-sonnet-4-5-20250929", "claude-sonnet-4-5"), ("openai/gpt-4o", "gpt-4o"),
            ("bedrock/us.anthropic.claude-sonnet-4-20250514-v1:0", "us.anthropic.claude-sonnet-4-20250514-v1:0"),
        ] {
            let entry = try #require(excerpt[key]?.objectValue, "\(key)")
            func price(_ name: String) -> Double? { entry[name]?.doubleValue }
            let input = try #require(price("input_cost_per_token"))
            let output = try #require(price("output_cost_per_token"))
            let expected =
                3_000 * input + 6_000 * (price("cache_read_input_token_cost") ?? input) + 1_000 * (price("cache_creation_input_token_cost") ?? input)
                + 500 * output + 1_500 * (price("output_cost_per_reasoning_token") ?? output)
            let deployment = try Deployment(
                parsing: ["model_name": "m", "litellm_params": ["model": .string(model), "api_base": "http://127.0.0.1:1", "api_key": "k"]],
                path: "test")
            #expect(deployment.pricing == .bundled, "\(model)")
            #expect(abs(deployment.cost(of: usage) - expected) <= expected * 1e-12, "\(model): \(deployment.cost(of: usage)) ≠ \(expected)")
        }
        // Cohere's rerank is priced per search unit.
        let rerank = try Deployment(parsing: ["model_name": "r", "litellm_params": ["model": "cohere/rerank-v3.5", "api_key": "k"]], path: "test")
        #expect(rerank.costPerQuery == excerpt["rerank-v3.5"]?["input_cost_per_query"]?.doubleValue)
    }

    @Test func ourRowsAreCheckedAsTheyAreRead() throws {
        #expect(throws: ConfigError.self) { try PriceMap(rows: "key\tinput\ngpt\t1\n") }
        #expect(throws: ConfigError.self) { try PriceMap(rows: PriceMap.formatLine + "\n# only comments\n") }
        #expect(throws: ConfigError.self) { try PriceMap(rows: PriceMap.formatLine + "\nprovider\tinput\nx\t1\n") }
        #expect(throws: ConfigError.self) { try PriceMap(rows: PriceMap.formatLine + "\nkey\tinput\ngpt\t1\textra\n") }
        let map = try PriceMap(
            rows: PriceMap.formatLine + "\r\nkey\tinput\toutput\tcontext\tnew_column\r\nA\t1e-06\tnan\t1e99\tx\r\nb\t-1\t2e-06\t\t\r\n")
        let a = try #require(map.entry(named: "a"))
        #expect(a.key == "A" && a.price.inputPerToken == 1e-06 && a.price.outputPerToken == 0)
        #expect(a.price.contextWindow == InputRange.maxTokens, "a limit is clamped before it becomes an Int")
        #expect(map.entry(named: "b")?.price.outputPerToken == 2e-06)
        #expect(Set(map.skippedFields) == ["A.output_cost_per_token", "b.input_cost_per_token"])
        #expect(try PriceMap(parsing: Array("  \n{\"m\": {\"litellm_provider\": \"openai\", \"input_cost_per_token\": 1}}".utf8)).count == 1)
        #expect(throws: ConfigError.self) { try PriceMap(parsing: Array("{\"m\": ".utf8)) }
        #expect(throws: ConfigError.self) { try PriceMap(parsing: Array("[1, 2]".utf8)) }
        #expect(throws: ConfigError.self) { try PriceMap(litellm: [1, 2]) }
    }

    @Test func familiesAreFoundByDictionaryHitsNotAScan() throws {
        let map = try PriceMap(rows: PriceMap.formatLine + "\nkey\tinput\ngpt-4o\t1\ngpt-4o-mini\t2\n")
        #expect(map.family(of: "gpt-4o-mini-2024-07-18")?.key == "gpt-4o-mini")
        #expect(map.family(of: "gpt-4o-2024-08-06")?.key == "gpt-4o")
        #expect(map.family(of: "gpt-4o") == nil, "the name itself is an exact lookup")
        #expect(map.family(of: "-gpt-4o") == nil)
    }
}
