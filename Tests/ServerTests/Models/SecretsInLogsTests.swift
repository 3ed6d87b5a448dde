import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// The real `tollgate serve` at trace level, through the management API and the proxy: no credential (master key,
/// virtual key, provider key given to `/model/new` or in config.yaml, encryption key) appears in its output.
@Suite struct SecretsInLogsTests {
    @Test func noSecretReachesTheLogsAtTraceLevel() async throws {
        let masterKey = "sk-log-test-master-6b1f"
        let configKey = "sk-config-provider-secret-93ac"
        let modelKey = "sk-model-provider-secret-52de"
        let encryptionKey = "log-test-encryption-key-0123456789-abcdef"
        try await TestUpstream.withRunning { upstream, recorder in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let config = try directory.write(
                "config.yaml",
                """
                model_list:
                  - model_name: gpt-test
                    litellm_params:
                      model: openai/echo
                      api_base: \(upstream.baseURL)/v1
                      api_key: \(configKey)
                general_settings:
                  master_key: \(masterKey)
                """)
            let plugins = try directory.write(
                "plugins.json",
                """
                {"plugins": [{"name": "sqlite-store", "config": {"path": "\(directory.path)/t.db"}}, {"name": "virtual-keys"},
                  {"name": "master-key-auth"}, {"name": "model-management"}, {"name": "spend-log"}]}
                """)
            let server = try await ServedGateway.start(
                config: config, plugins: plugins, directory: directory.path, environment: ["TOLLGATE_ENCRYPTION_KEY": encryptionKey],
                logLevel: "trace")
            defer { server.process.kill() }
            let gateway = server.endpoint

            let added = try await gateway.post(
                "/model/new",
                json: [
                    "model_name": "db-gpt",
                    "litellm_params": ["model": "openai/db-echo", "api_base": .string("\(upstream.baseURL)/v1"), "api_key": .string(modelKey)],
                ], key: masterKey)
            #expect(added.status == 200, "\(added.body)")
            let key = try #require(try await gateway.post("/key/generate", json: [:], key: masterKey).json?["key"]?.stringValue)
            for model in ["gpt-test", "db-gpt"] {
                let reply = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat(model), key: key)
                #expect(reply.status == 200, "\(reply.body)")
            }
            #expect(try await gateway.post("/model/new", json: ["model_name": "x"], key: key).status == 403)
            #expect(try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-test"), key: key + "x").status == 401)
            #expect(try await gateway.get("/model/info", key: masterKey).status == 200)
            #expect(await recorder.calls.count == 2)

            server.process.signal(SIGTERM)
            #expect(try await server.process.waitForExit(timeout: .seconds(20)) == 0)
            let output = server.process.output
            #expect(output.contains("trace") || output.contains("debug"), "the log level did not take effect")
            for secret in [masterKey, configKey, modelKey, encryptionKey, key] {
                #expect(!output.contains(secret), "a secret appears in the logs: \(secret.prefix(8))...")
            }
        }
    }
}
