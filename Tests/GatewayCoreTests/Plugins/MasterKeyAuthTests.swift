import HTTPTypes
import MasterKeyAuth
import Testing

@testable import GatewayCore

struct MasterKeyAuthTests {
    private let registry = PluginRegistry([MasterKeyAuthPlugin.self])

    /// Builds the plugin the way the server does and returns its auth hook.
    private func authHook(
        config: JSON = [:], configYAMLKey: String? = nil, environment: [String: String] = [:]
    ) async throws -> any AuthHook {
        let manifest = PluginManifest(entries: [.init(name: MasterKeyAuthPlugin.id, config: config)])
        let context = TestContext.plugin(config: GatewayConfig(masterKey: configYAMLKey), environment: environment)
        let loaded = try await registry.build(manifest, context: context)
        try #require(loaded.hooks.count == 1)
        #expect(loaded.services.isEmpty)
        return try #require(loaded.hooks[0].hook as? any AuthHook)
    }

    private func principal(_ hook: any AuthHook, credential: String?, user: String? = nil) async throws -> Principal? {
        var extra: [String: JSON] = [:]
        if let user { extra["user"] = .string(user) }
        return try await hook.authenticate(TestContext.chatRequest(credential: credential, extra: extra))
    }

    @Test func rightKeyIsAnAdmin() async throws {
        let hook = try await authHook(configYAMLKey: "sk-master")
        let principal = try #require(try await principal(hook, credential: "sk-master", user: "end-user-7"))
        #expect(principal.role == .admin)
        #expect(principal.subject == "master_key")
        #expect(principal.endUserID == "end-user-7")
        #expect(principal.keyHash == nil)
    }

    @Test(arguments: ["sk-maste", "sk-master2", "SK-MASTER", "", " sk-master"])
    func wrongKeyIsNotRecognised(_ credential: String) async throws {
        let hook = try await authHook(configYAMLKey: "sk-master")
        #expect(try await principal(hook, credential: credential) == nil)
    }

    @Test func noKeyIsNotRecognised() async throws {
        let hook = try await authHook(configYAMLKey: "sk-master")
        #expect(try await principal(hook, credential: nil) == nil)
    }

    @Test func pluginConfigBeatsConfigYAMLBeatsEnvironment() async throws {
        let environment = ["TOLLGATE_MASTER_KEY": "from-tollgate-env", "LITELLM_MASTER_KEY": "from-litellm-env"]
        let all = try await authHook(config: ["master_key": "from-plugin"], configYAMLKey: "from-yaml", environment: environment)
        #expect(try await principal(all, credential: "from-plugin") != nil)
        for other in ["from-yaml", "from-tollgate-env", "from-litellm-env"] { #expect(try await principal(all, credential: other) == nil) }

        let yaml = try await authHook(configYAMLKey: "from-yaml", environment: environment)
        #expect(try await principal(yaml, credential: "from-yaml") != nil)
        #expect(try await principal(yaml, credential: "from-tollgate-env") == nil)

        let tollgate = try await authHook(environment: environment)
        #expect(try await principal(tollgate, credential: "from-tollgate-env") != nil)
        #expect(try await principal(tollgate, credential: "from-litellm-env") == nil)

        let litellm = try await authHook(environment: ["LITELLM_MASTER_KEY": "from-litellm-env"])
        #expect(try await principal(litellm, credential: "from-litellm-env") != nil)
    }

    @Test func pluginConfigMayReferenceTheEnvironment() async throws {
        let hook = try await authHook(config: ["master_key": "os.environ/MY_MASTER"], environment: ["MY_MASTER": "sk-env"])
        #expect(try await principal(hook, credential: "sk-env") != nil)
        #expect(try await principal(hook, credential: "os.environ/MY_MASTER") == nil)
    }

    @Test func missingMasterKeyStopsStartup() async throws {
        let error = try #require(await #expect(throws: ConfigError.self) { try await authHook() })
        #expect(error.message.contains("master-key-auth"))
        #expect(error.message.contains("master_key"))
        // An empty key is no key.
        await #expect(throws: ConfigError.self) { try await authHook(config: ["master_key": ""], environment: ["TOLLGATE_MASTER_KEY": ""]) }
    }

    @Test func badConfigStopsStartup() async throws {
        let type = try #require(await #expect(throws: ConfigError.self) { try await authHook(config: ["master_key": 1234]) })
        #expect(type.message.contains("config.master_key"))
        let unknown = try #require(await #expect(throws: ConfigError.self) { try await authHook(config: ["masterkey": "x"]) })
        #expect(unknown.message.contains("'masterkey'"))
    }

    @Test func throughThePipelineAWrongKeyIs401() async throws {
        let hook = try await authHook(configYAMLKey: "sk-master")
        let runner = makeRunner([registered(hook, MasterKeyAuthPlugin.id)])
        let error = try #require(
            await #expect(throws: GatewayError.self) { try await runner.handle(TestContext.chatRequest(credential: "sk-wrong")) })
        #expect(error.status.code == 401)
        #expect(!error.message.contains("sk-master"))
        #expect(try await runner.authenticate(TestContext.chatRequest(credential: "sk-master")).role == .admin)
    }
}
