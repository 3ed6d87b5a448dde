import Testing

@testable import GatewayCore

struct GatewayConfigParsingTests {
    /// config.yaml as Yams would hand it over.
    private static let document: JSON = [
        "model_list": [
            [
                "model_name": "claude",
                "litellm_params": [
                    "model": "anthropic/claude-x", "api_key": "os.environ/ANTHROPIC_KEY", "timeout": 30, "rpm": 10, "tpm": 1000,
                    "weight": 2.5, "order": 1, "temperature": 0.2, "max_tokens": 64,
                ],
                "model_info": [
                    "id": "claude-primary", "access_groups": ["beta", "internal"], "input_cost_per_token": 0.000003,
                    "output_cost_per_token": 0.000015, "custom": "kept",
                ],
            ],
            ["model_name": "gpt", "litellm_params": ["model": "gpt-4o", "api_base": "http://localhost:8080/v1", "api_key": "sk-inline"]],
            ["model_name": "gpt", "litellm_params": ["model": "Azure/my-deployment", "timeout": "45"]],
        ],
        "general_settings": ["master_key": "os.environ/MASTER_KEY", "max_request_size_mb": 2],
        "router_settings": ["routing_strategy": "simple-shuffle"],
        "litellm_settings": ["drop_params": true],
    ]

    private static let environment = ["ANTHROPIC_KEY": "sk-ant-secret", "MASTER_KEY": "sk-master-secret"]

    @Test func readsModelListFields() throws {
        let config = try GatewayConfig(parsing: Self.document, environment: Self.environment)
        try #require(config.deployments.count == 3)

        let claude = config.deployments[0]
        #expect(claude.id == "claude-primary")
        #expect(claude.modelName == "claude")
        #expect(claude.provider == "anthropic")
        #expect(claude.upstreamModel == "claude-x")
        #expect(claude.apiKey == "sk-ant-secret")
        #expect(claude.apiBase == nil)
        #expect(claude.timeout == 30)
        #expect(claude.rpm == 10)
        #expect(claude.tpm == 1000)
        #expect(claude.weight == 2.5)
        #expect(claude.order == 1)
        #expect(claude.accessGroups == ["beta", "internal"])
        #expect(claude.inputCostPerToken == 0.000003)
        #expect(claude.outputCostPerToken == 0.000015)
        #expect(claude.modelInfo["custom"] == "kept")
        // Request parameters are forwarded; deployment settings are not.
        #expect(claude.extraParams == ["temperature": 0.2, "max_tokens": 64])

        let gpt = config.deployments[1]
        #expect(gpt.provider == "openai")
        #expect(gpt.upstreamModel == "gpt-4o")
        #expect(gpt.apiBase == "http://localhost:8080/v1")
        #expect(gpt.apiKey == "sk-inline")
        #expect(gpt.timeout == 600)
        #expect(gpt.rpm == nil)
        #expect(gpt.weight == 1)
        #expect(gpt.order == nil)
        #expect(gpt.accessGroups.isEmpty)
        #expect(gpt.inputCostPerToken == 2.5 / 1_000_000, "no configured cost: the bundled price of gpt-4o")
        #expect(gpt.pricing == .bundled)

        let azure = config.deployments[2]
        #expect(azure.provider == "azure")
        #expect(azure.upstreamModel == "my-deployment")
        #expect(azure.timeout == 45)

        #expect(config.modelNames == ["claude", "gpt"])
    }

    @Test func derivesStableDistinctIDsWhenModelInfoHasNone() throws {
        let first = try GatewayConfig(parsing: Self.document, environment: Self.environment)
        let second = try GatewayConfig(parsing: Self.document, environment: Self.environment)
        let ids = first.deployments.map(\.id)
        #expect(ids == second.deployments.map(\.id))
        #expect(Set(ids).count == 3)
        #expect(ids[1].count == 16 && ids[1].allSatisfy(\.isHexDigit))
    }

    @Test func readsGeneralSettings() throws {
        let config = try GatewayConfig(parsing: Self.document, environment: Self.environment)
        #expect(config.masterKey == "sk-master-secret")
        #expect(config.maxRequestBodyBytes == 2 * 1024 * 1024)
        #expect(config.routerSettings["routing_strategy"] == "simple-shuffle")
        #expect(config.litellmSettings["drop_params"] == true)
        #expect(config.warnings.isEmpty)
    }

    @Test func defaultsForAnEmptyFile() throws {
        let config = try GatewayConfig(parsing: nil, environment: [:])
        #expect(config.deployments.isEmpty)
        #expect(config.masterKey == nil)
        #expect(config.maxRequestBodyBytes == 10 * 1024 * 1024)
        #expect(try GatewayConfig(parsing: [:], environment: [:]).deployments.isEmpty)
    }

    @Test func fractionalRequestSizeIsAccepted() throws {
        let config = try GatewayConfig(parsing: ["general_settings": ["max_request_size_mb": 0.5]], environment: [:])
        #expect(config.maxRequestBodyBytes == 512 * 1024)
    }

    @Test(arguments: [JSON.int(0), -1, "lots", true])
    func invalidRequestSizeIsAnError(_ value: JSON) throws {
        let error = try #require(throws: ConfigError.self) {
            try GatewayConfig(parsing: ["general_settings": ["max_request_size_mb": value]], environment: [:])
        }
        #expect(error.message.contains("general_settings.max_request_size_mb"))
    }

    // MARK: Environment references

    @Test func missingEnvironmentVariableNamesKeyPathAndVariableButNoValues() throws {
        var environment = Self.environment
        environment["ANTHROPIC_KEY"] = nil
        let error = try #require(throws: ConfigError.self) { try GatewayConfig(parsing: Self.document, environment: environment) }
        #expect(error.message.contains("model_list[0].litellm_params.api_key"))
        #expect(error.message.contains("ANTHROPIC_KEY"))
        for secret in ["sk-master-secret", "sk-inline"] { #expect(!error.message.contains(secret)) }
    }

    @Test func environmentVariablesSectionFillsInWhatTheProcessLacks() throws {
        let document: JSON = [
            "environment_variables": ["FROM_FILE": "file-value", "BOTH": "file-loses"],
            "general_settings": ["master_key": "os.environ/BOTH"],
            "model_list": [["model_name": "m", "litellm_params": ["model": "openai/x", "api_key": "os.environ/FROM_FILE"]]],
        ]
        let config = try GatewayConfig(parsing: document, environment: ["BOTH": "process-wins"])
        #expect(config.deployments.first?.apiKey == "file-value")
        #expect(config.masterKey == "process-wins")
    }

    @Test func resolvesReferencesInsideArraysAndNamesTheIndex() throws {
        let value: JSON = ["list": ["plain", "os.environ/A", ["deep": "os.environ/B"]]]
        #expect(try value.resolvingEnvironmentReferences(["A": "1", "B": "2"], path: "root") == ["list": ["plain", "1", ["deep": "2"]]])
        let error = try #require(throws: ConfigError.self) { try value.resolvingEnvironmentReferences(["A": "1"], path: "root") }
        #expect(error.message.contains("root.list[2].deep"))
        #expect(error.message.contains(" B"))
        #expect(!error.message.contains("1"))
    }

    // MARK: Warnings and errors

    @Test func unknownKeysAreWarningsNotErrors() throws {
        let document: JSON = [
            "model_list": [], "mystery": 1, "callbacks": ["x"],
            "general_settings": ["master_key": "sk-1", "alerting": ["slack"]],
        ]
        let config = try GatewayConfig(parsing: document, environment: [:])
        #expect(config.warnings.count == 3)
        #expect(config.warnings.contains { $0.contains("'mystery'") })
        #expect(config.warnings.contains { $0.contains("'callbacks'") })
        #expect(config.warnings.contains { $0.contains("general_settings.alerting") })
        #expect(config.masterKey == "sk-1")
    }

    @Test func missingModelNameNamesTheEntry() throws {
        let document: JSON = [
            "model_list": [
                ["model_name": "ok", "litellm_params": ["model": "openai/x"]],
                ["litellm_params": ["model": "openai/y"]],
            ]
        ]
        let error = try #require(throws: ConfigError.self) { try GatewayConfig(parsing: document, environment: [:]) }
        #expect(error.message.contains("model_list[1]"))
        #expect(error.message.contains("model_name"))
    }

    @Test(arguments: [JSON.object([:]), ["model": ""], ["model": 3], ["api_base": "http://x"]])
    func missingUpstreamModelNamesTheEntry(_ params: JSON) throws {
        let document: JSON = ["model_list": [["model_name": "m", "litellm_params": params]]]
        let error = try #require(throws: ConfigError.self) { try GatewayConfig(parsing: document, environment: [:]) }
        #expect(error.message.contains("model_list[0].litellm_params.model"))
    }

    @Test func missingLitellmParamsNamesTheEntry() throws {
        let error = try #require(throws: ConfigError.self) {
            try GatewayConfig(parsing: ["model_list": [["model_name": "m"]]], environment: [:])
        }
        #expect(error.message.contains("model_list[0].litellm_params"))
    }

    @Test func duplicateIDsAreAnError() throws {
        let entry: JSON = ["model_name": "m", "litellm_params": ["model": "openai/x"], "model_info": ["id": "same"]]
        let error = try #require(throws: ConfigError.self) { try GatewayConfig(parsing: ["model_list": [entry, entry]], environment: [:]) }
        #expect(error.message.contains("'same'"))

        // Two identical entries without ids derive the same id, so they clash too.
        let bare: JSON = ["model_name": "m", "litellm_params": ["model": "openai/x"]]
        #expect(throws: ConfigError.self) { try GatewayConfig(parsing: ["model_list": [bare, bare]], environment: [:]) }
    }

    @Test(arguments: ["rpm", "tpm", "weight", "order", "timeout"])
    func nonNumericLimitsNameTheKey(_ key: String) throws {
        let document: JSON = ["model_list": [["model_name": "m", "litellm_params": ["model": "openai/x", key: "many"]]]]
        let error = try #require(throws: ConfigError.self) { try GatewayConfig(parsing: document, environment: [:]) }
        #expect(error.message.contains("model_list[0].litellm_params.\(key)"))
    }

    /// Issue 17: model prices, limits and bases out of their range stop startup (and `/model/new`) naming the field.
    @Test(
        arguments: [
            (["input_cost_per_token": -0.001], "litellm_params.input_cost_per_token"),
            (["output_cost_per_token": 1e308], "litellm_params.output_cost_per_token"),
            (["input_cost_per_token": "inf"], "litellm_params.input_cost_per_token"),
            (["rpm": -1], "litellm_params.rpm"),
            (["tpm": 1e15], "litellm_params.tpm"),
            (["weight": -1], "litellm_params.weight"),
            (["weight": "NaN"], "litellm_params.weight"),
            (["max_parallel_requests": 0], "litellm_params.max_parallel_requests"),
            (["max_parallel_requests": 2_147_483_648], "litellm_params.max_parallel_requests"),
            (["api_base": "not a url"], "litellm_params.api_base"),
            (["api_base": "file:///etc/passwd"], "litellm_params.api_base"),
            (["timeout": 1e308], "litellm_params.timeout"),
        ] as [(JSON, String)])
    func modelNumbersOutOfRangeNameTheField(_ extra: JSON, _ field: String) throws {
        var params: JSON = ["model": "openai/x"]
        for (name, value) in extra.objectValue ?? [:] { params[name] = value }
        let document: JSON = ["model_list": [["model_name": "m", "litellm_params": params]]]
        let error = try #require(throws: ConfigError.self) { try GatewayConfig(parsing: document, environment: [:]) }
        #expect(error.field == field, "\(error)")
        #expect(error.message.contains("model_list[0].\(field)"), "\(error)")
    }

    @Test func modelPricesInModelInfoNameModelInfo() throws {
        let document: JSON = [
            "model_list": [["model_name": "m", "litellm_params": ["model": "openai/x"], "model_info": ["input_cost_per_token": -1]]]
        ]
        let error = try #require(throws: ConfigError.self) { try GatewayConfig(parsing: document, environment: [:]) }
        #expect(error.field == "model_info.input_cost_per_token")
    }

    @Test func nonPositiveTimeoutIsAnError() throws {
        let document: JSON = ["model_list": [["model_name": "m", "litellm_params": ["model": "openai/x", "timeout": 0]]]]
        #expect(throws: ConfigError.self) { try GatewayConfig(parsing: document, environment: [:]) }
    }

    @Test func wrongShapesAreErrors() throws {
        #expect(throws: ConfigError.self) { try GatewayConfig(parsing: ["a", "b"], environment: [:]) }
        #expect(throws: ConfigError.self) { try GatewayConfig(parsing: ["model_list": ["model_name": "m"]], environment: [:]) }
        #expect(throws: ConfigError.self) { try GatewayConfig(parsing: ["model_list": ["just-a-string"]], environment: [:]) }
        #expect(throws: ConfigError.self) { try GatewayConfig(parsing: ["general_settings": ["master_key": ""]], environment: [:]) }
        #expect(throws: ConfigError.self) { try GatewayConfig(parsing: ["general_settings": ["master_key": 42]], environment: [:]) }
    }

    /// "Bad input never crashes the process": a number too large for `Int` must be a ConfigError, not a trap in
    /// `Int(Double)`. Run in a child process so a crash fails this test instead of the whole run.
    @Test func hugeNumbersDoNotCrash() async {
        await #expect(processExitsWith: .success) {
            let document: JSON = ["model_list": [["model_name": "m", "litellm_params": ["model": "openai/x", "rpm": 1e30]]]]
            _ = try? GatewayConfig(parsing: document, environment: [:])
        }
        await #expect(processExitsWith: .success) {
            _ = try? GatewayConfig(parsing: ["general_settings": ["max_request_size_mb": 1e300]], environment: [:])
        }
    }

    @Test func masterKeyNeverAppearsInErrors() throws {
        let document: JSON = [
            "general_settings": ["master_key": "sk-do-not-print"],
            "model_list": [["model_name": "m", "litellm_params": ["model": "openai/x", "api_key": "os.environ/NOPE"]]],
        ]
        let error = try #require(throws: ConfigError.self) { try GatewayConfig(parsing: document, environment: [:]) }
        #expect(!error.message.contains("sk-do-not-print"))
    }
}
