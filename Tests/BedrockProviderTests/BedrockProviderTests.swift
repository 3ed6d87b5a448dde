import AWSSigV4
import AsyncHTTPClient
import BedrockProvider
import GatewayCore
import GatewayTesting
import HTTPTypes
import Synchronization
import Testing

/// The `bedrock/` provider over real HTTP against ``BedrockStandIn``, which checks every request's SigV4 signature
/// and answers in Bedrock's wire format.
struct BedrockProviderTests {
    static let modelID = "anthropic.claude-3-5-sonnet-20240620-v1:0"

    static func deployment(base: String, model: String = modelID, params: [String: JSON]? = nil) -> Deployment {
        let credentials = BedrockStandIn.credentials
        return Deployment(
            id: "bedrock-1", modelName: "claude-bedrock", provider: "bedrock", upstreamModel: model, apiBase: base,
            extraParams: params ?? [
                "aws_access_key_id": .string(credentials.accessKeyID), "aws_secret_access_key": .string(credentials.secretAccessKey),
                "aws_session_token": .string(credentials.sessionToken!), "aws_region_name": .string(BedrockStandIn.region),
            ])
    }

    static func provider(environment: [String: String] = [:]) -> BedrockProvider {
        BedrockProvider(client: UpstreamHTTPClient(httpClient: HTTPClient.shared), environment: environment)
    }

    static func call(_ deployment: Deployment, _ body: JSON) -> UpstreamCall {
        UpstreamCall(operation: .chatCompletions, deployment: deployment, body: body, requestID: "req-1")
    }

    @Test func converseIsSignedTranslatedAndAnswered() async throws {
        let standIn = BedrockStandIn()
        try await standIn.withRunning { base in
            let body: JSON = [
                "model": "claude-bedrock", "max_tokens": 100, "temperature": 0.5, "top_p": 0.9, "stop": "END",
                "messages": [["role": "system", "content": "Be brief."], ["role": "user", "content": [["type": "text", "text": "Hi"]]]],
            ]
            let answer = try await Self.provider().send(Self.call(Self.deployment(base: base), body))
            let json = try #require(answer.completeView)
            #expect(json["choices"]?[0]?["message"]?["content"] == "Hello from Bedrock")
            #expect(json["choices"]?[0]?["finish_reason"] == "stop")
            #expect(json["usage"]?["prompt_tokens"] == 15)
            #expect(json["usage"]?["completion_tokens"] == 5)
            #expect(json["usage"]?["prompt_tokens_details"]?["cached_tokens"] == 3)
            let received = try #require(standIn.received.withLock { $0.first })
            #expect(received.path == "/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse")
            #expect(received.headers["x-amz-security-token"] == BedrockStandIn.credentials.sessionToken)
            #expect(received.body["system"] == [["text": "Be brief."]])
            #expect(received.body["messages"] == [["role": "user", "content": [["text": "Hi"]]]])
            #expect(received.body["inferenceConfig"] == ["maxTokens": 100, "temperature": 0.5, "topP": 0.9, "stopSequences": ["END"]])
            #expect(received.body["model"] == nil)
        }
    }

    @Test func toolsAndToolResultsTranslateBothWays() async throws {
        let standIn = BedrockStandIn()
        try await standIn.withRunning { base in
            let body: JSON = [
                "model": "claude-bedrock", "tool_choice": "required",
                "tools": [["type": "function", "function": ["name": "weather", "description": "Weather", "parameters": ["type": "object"]]]],
                "messages": [
                    ["role": "user", "content": "Weather in Paris?"],
                    [
                        "role": "assistant", "content": nil,
                        "tool_calls": [["id": "call_1", "type": "function", "function": ["name": "weather", "arguments": #"{"city":"Paris"}"#]]],
                    ],
                    ["role": "tool", "tool_call_id": "call_1", "content": "Sunny"], ["role": "user", "content": "And tomorrow?"],
                ],
            ]
            let answer = try await Self.provider().send(Self.call(Self.deployment(base: base), body))
            let message = try #require(answer.completeView?["choices"]?[0])
            #expect(message["finish_reason"] == "tool_calls")
            #expect(message["message"]?["tool_calls"]?[0]?["id"] == "tooluse_1")
            #expect(message["message"]?["tool_calls"]?[0]?["function"]?["arguments"] == #"{"city":"Paris"}"#)
            let sent = try #require(standIn.received.withLock { $0.first?.body })
            #expect(sent["toolConfig"]?["toolChoice"] == ["any": [:]])
            #expect(
                sent["toolConfig"]?["tools"]?[0]?["toolSpec"] == [
                    "name": "weather", "description": "Weather", "inputSchema": ["json": ["type": "object"]],
                ])
            #expect(sent["messages"]?[1]?["content"] == [["toolUse": ["toolUseId": "call_1", "name": "weather", "input": ["city": "Paris"]]]])
            // The tool result and the next user text share one user turn: Converse needs turns to alternate.
            #expect(
                sent["messages"]?[2] == [
                    "role": "user", "content": [["toolResult": ["toolUseId": "call_1", "content": [["text": "Sunny"]]]], ["text": "And tomorrow?"]],
                ])
            #expect(sent["messages"]?.arrayValue?.count == 3)
        }
    }

    @Test func converseStreamBecomesChunks() async throws {
        let standIn = BedrockStandIn()
        try await standIn.withRunning { base in
            let body: JSON = ["model": "claude-bedrock", "stream": true, "messages": [["role": "user", "content": "Hi"]]]
            guard case .stream(let stream) = try await Self.provider().send(Self.call(Self.deployment(base: base), body)) else {
                Issue.record("expected a stream")
                return
            }
            var text = ""
            var finish: String?
            var usage: JSON?
            for try await chunk in stream {
                text += chunk.json["choices"]?[0]?["delta"]?["content"]?.stringValue ?? ""
                finish = chunk.json["choices"]?[0]?["finish_reason"]?.stringValue ?? finish
                usage = chunk.json["usage"] ?? usage
            }
            #expect(text == "Hello world")
            #expect(finish == "stop")
            #expect(usage?["total_tokens"] == 9)
            #expect(standIn.received.withLock { $0.first?.path } == "/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse-stream")
        }
    }

    @Test(
        arguments: [
            ("x.throttled", false, 429, nil), ("x.invalid", false, 400, "upstream_rejected"), ("x.corrupt", true, 502, "upstream_invalid_response"),
            ("x.cut", true, 502, "upstream_stream_cut"), ("x.stream-throttled", true, 429, nil),
        ] as [(String, Bool, Int, String?)])
    func failuresAreClearErrors(model: String, stream: Bool, status: Int, code: String?) async throws {
        try await BedrockStandIn().withRunning { base in
            let body: JSON = ["model": "claude-bedrock", "stream": .bool(stream), "messages": [["role": "user", "content": "Hi"]]]
            let error = try await #require(throws: GatewayError.self) {
                let answer = try await Self.provider().send(Self.call(Self.deployment(base: base, model: model), body))
                if case .stream(let chunks) = answer { for try await _ in chunks {} }
            }
            #expect(error.status.code == status)
            if let code { #expect(error.code == code) }
            #expect(error.message.contains("claude-bedrock"))
            if model == "x.invalid" {
                // Bedrock's own message, not its JSON.
                #expect(error.message.hasSuffix("rejected the request: The provided model identifier is invalid."))
            }
        }
    }

    @Test func aWrongSecretIsAnUpstreamAuthErrorThatNamesNoSecret() async throws {
        try await BedrockStandIn().withRunning { base in
            let params: [String: JSON] = [
                "aws_access_key_id": .string(BedrockStandIn.credentials.accessKeyID), "aws_secret_access_key": "not-the-right-secret",
                "aws_session_token": "some-session-token", "aws_region_name": .string(BedrockStandIn.region),
            ]
            let body: JSON = ["model": "claude-bedrock", "messages": [["role": "user", "content": "Hi"]]]
            let error = try await #require(throws: GatewayError.self) {
                _ = try await Self.provider().send(Self.call(Self.deployment(base: base, params: params), body))
            }
            #expect(error.code == "upstream_auth_error")
            #expect(error.message.contains("claude-bedrock"))
            #expect(!error.message.contains("not-the-right-secret") && !error.message.contains("some-session-token"))
        }
    }

    /// A deployment configured for another region than the endpoint's: Bedrock refuses the signature's scope.
    @Test func aWrongRegionIsAnUpstreamAuthErrorNamingTheDeployment() async throws {
        try await BedrockStandIn().withRunning { base in
            let credentials = BedrockStandIn.credentials
            let params: [String: JSON] = [
                "aws_access_key_id": .string(credentials.accessKeyID), "aws_secret_access_key": .string(credentials.secretAccessKey),
                "aws_session_token": .string(credentials.sessionToken ?? ""), "aws_region_name": "eu-west-3",
            ]
            let body: JSON = ["model": "claude-bedrock", "messages": [["role": "user", "content": "Hi"]]]
            let error = try await #require(throws: GatewayError.self) {
                _ = try await Self.provider().send(Self.call(Self.deployment(base: base, params: params), body))
            }
            #expect(error.code == "upstream_auth_error", "\(error.message)")
            #expect(error.message.contains("claude-bedrock"))
            #expect(!error.message.contains(credentials.secretAccessKey))
        }
    }

    @Test func environmentCredentialsAreUsedAndTreatedAsSecrets() async throws {
        let standIn = BedrockStandIn()
        try await standIn.withRunning { base in
            let credentials = BedrockStandIn.credentials
            let environment = [
                "AWS_ACCESS_KEY_ID": credentials.accessKeyID, "AWS_SECRET_ACCESS_KEY": credentials.secretAccessKey,
                "AWS_SESSION_TOKEN": credentials.sessionToken!, "AWS_REGION": BedrockStandIn.region,
            ]
            let provider = Self.provider(environment: environment)
            let deployment = Self.deployment(base: base, params: [:])
            let answer = try await provider.send(Self.call(deployment, ["model": "m", "messages": [["role": "user", "content": "Hi"]]]))
            #expect(answer.completeView?["choices"]?[0]?["message"]?["content"] == "Hello from Bedrock")
            #expect(provider.secrets(of: deployment).contains(credentials.secretAccessKey))
            #expect(provider.secrets(of: deployment).contains(credentials.sessionToken!))
        }
    }

    @Test func aSharedCredentialsProfileIsRead() async throws {
        let standIn = BedrockStandIn()
        try await standIn.withRunning { base in
            let credentials = BedrockStandIn.credentials
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let file = try directory.write(
                "credentials",
                """
                [default]
                aws_access_key_id = AKIAOTHER
                aws_secret_access_key = other
                [bedrock]
                aws_access_key_id = \(credentials.accessKeyID)
                aws_secret_access_key = \(credentials.secretAccessKey)
                aws_session_token = \(credentials.sessionToken!)
                """)
            let provider = Self.provider(environment: ["AWS_SHARED_CREDENTIALS_FILE": file])
            let params: [String: JSON] = ["aws_profile_name": "bedrock", "aws_region_name": .string(BedrockStandIn.region)]
            // The endpoint through LiteLLM's own key this time; neither key is an unknown parameter.
            var deployment = Self.deployment(base: base, params: params.merging(["aws_bedrock_runtime_endpoint": .string(base)]) { $1 })
            deployment.apiBase = nil
            #expect(deployment.unknownParams == [])
            let answer = try await provider.send(Self.call(deployment, ["messages": [["role": "user", "content": "Hi"]]]))
            #expect(answer.completeView?["choices"]?[0]?["message"]?["content"] == "Hello from Bedrock")
            #expect(provider.secrets(of: deployment).contains(credentials.secretAccessKey))
            let missing = Self.deployment(base: base, params: ["aws_profile_name": "nope"])
            let error = try await #require(throws: GatewayError.self) {
                _ = try await provider.send(Self.call(missing, ["messages": [["role": "user", "content": "Hi"]]]))
            }
            #expect(error.code == "upstream_auth_error")
            #expect(error.message.contains("'nope'"))
        }
    }

    @Test func missingCredentialsAndUnsupportedParametersAreRefusedBeforeAnyCall() async throws {
        let deployment = Self.deployment(base: "http://127.0.0.1:9", params: [:])
        let noCredentials = try await #require(throws: GatewayError.self) {
            _ = try await Self.provider().send(Self.call(deployment, ["messages": [["role": "user", "content": "Hi"]]]))
        }
        #expect(noCredentials.code == "upstream_auth_error")
        #expect(noCredentials.message.contains("claude-bedrock"))
        let unsupported = try #require(throws: GatewayError.self) {
            _ = try BedrockConverseRequest.converseBody(
                fromOpenAI: ["messages": [], "presence_penalty": 0.5], model: "claude-bedrock", dropUnsupported: false)
        }
        #expect(unsupported.code == "unsupported_params")
        #expect(unsupported.param == "presence_penalty")
        let dropped = try BedrockConverseRequest.converseBody(
            fromOpenAI: ["messages": [], "presence_penalty": 0.5], model: "claude-bedrock", dropUnsupported: true)
        #expect(dropped["presence_penalty"] == nil)
    }
}
