import Foundation
import GatewayCore
import GatewayTesting
import Synchronization
import Testing

/// The official Python SDKs through the gateway to Bedrock (``BedrockStandIn``) and Azure (GatewayTesting's
/// `AzureUpstream`) deployments: `Tests/sdk/cloud_providers_check.py` (openai chat plain, streamed and with tools to
/// both; the anthropic SDK plain, streamed and with tools to a Bedrock Claude through InvokeModel), and
/// `Tests/sdk/anthropic_thinking_check.py` (multi-turn tool use with extended thinking, plain and streamed) pointed at a
/// Bedrock Claude. The interpreter is `TOLLGATE_PYTHON` (default `python3`, `scripts/test` makes a venv with the SDKs);
/// `TOLLGATE_SKIP_SDK=1` disables the suite.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TOLLGATE_SKIP_SDK"] != "1", "TOLLGATE_SKIP_SDK=1"))
struct BedrockSDKTests {
    static let sdkFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("sdk").path

    static func config(bedrock: String, azure: TestEndpoint) -> String {
        func bedrockEntry(_ name: String, _ model: String) -> String { BedrockGatewayTests.entry(name, model, base: bedrock) }
        func azureEntry(_ name: String, _ deployment: String) -> String {
            """
              - model_name: \(name)
                litellm_params:
                  model: azure/\(deployment)
                  api_base: \(azure.baseURL)
                  api_key: \(AzureUpstream.Settings().apiKey)
                  timeout: 15
            """
        }
        return """
            model_list:
            \(bedrockEntry("claude-converse", BedrockProviderTests.modelID))
            \(bedrockEntry("claude-native", BedrockInvokeGatewayTests.claude))
            \(bedrockEntry("claude-thinking", "global.anthropic.claude-sonnet-4-5-20250929-v1:0"))
            \(azureEntry("azure-chat", "gpt4o"))
            \(azureEntry("azure-tools", "tool-call"))
            general_settings:
              master_key: \(BedrockGatewayTests.masterKey)
            """
    }

    @Test(.timeLimit(.minutes(4)))
    func officialSDKsThroughBedrockAndAzureDeployments() async throws {
        let standIn = BedrockStandIn()
        try await standIn.withRunning { bedrock in
            try await AzureUpstream.withRunning { azure, _ in
                try await TestGateway.withRunning(
                    config: Self.config(bedrock: bedrock, azure: azure), plugins: #"{"plugins": [{"name": "master-key-auth"}]}"#,
                    environment: BedrockGatewayTests.environment
                ) { gateway in
                    try await Self.run("cloud_providers_check.py", gateway: gateway)
                    try await Self.run("anthropic_thinking_check.py", gateway: gateway)
                }
            }
        }
        let thinking = standIn.received.withLock { $0.filter { $0.path.contains("global.anthropic") } }
        // Five turns that passed and one refused, each through InvokeModel, the system prompt's and the tool's
        // cache_control as the SDK sent them, and no model in the body.
        #expect(thinking.count == 6, "\(thinking.map(\.path))")
        #expect(
            thinking.allSatisfy { $0.path.contains("/invoke") && $0.body["model"] == nil && $0.body["anthropic_version"] == "bedrock-2023-05-31" })
        #expect(thinking.first?.body["system"]?[0]?["cache_control"] == ["type": "ephemeral"])
        #expect(thinking.first?.body["tools"]?[0]?["cache_control"] == ["type": "ephemeral"])
    }

    /// Output of a script as it runs.
    private final class Output: Sendable {
        let text = Mutex("")
    }

    /// Runs `Tests/sdk/<name>` with `GATEWAY_URL` and `GATEWAY_KEY` and expects it to exit 0 within 150 seconds.
    static func run(_ name: String, gateway: TestEndpoint) async throws {
        let python = ProcessInfo.processInfo.environment["TOLLGATE_PYTHON"] ?? "python3"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // `timeout` bounds the script's life should it hang.
        process.arguments = ["timeout", "150", python, sdkFolder + "/" + name]
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in [
            "GATEWAY_URL": gateway.baseURL, "GATEWAY_KEY": BedrockGatewayTests.masterKey, "PYTHONUNBUFFERED": "1", "PYTHONDONTWRITEBYTECODE": "1",
            "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost",
        ] { environment[key] = value }
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let output = Output()
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil } else { output.text.withLock { $0 += String(decoding: data, as: UTF8.self) } }
        }
        try ChildSpawns.exclusively { try process.run() }
        while process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        // The pipe may still hold the last lines.
        try await Task.sleep(for: .milliseconds(100))
        #expect(process.terminationStatus == 0, "\(name) failed under '\(python)':\n\(output.text.withLock { $0 })")
    }
}
