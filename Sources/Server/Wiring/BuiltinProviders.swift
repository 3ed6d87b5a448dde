import AnthropicProvider
import AzureProvider
import BedrockProvider
import CohereProvider
import FakeProvider
import GatewayCore
import GeminiProvider
import OpenAIProvider
import VertexProvider

/// The providers the server registers by their `litellm_params.model` prefix, each from its own module outside
/// GatewayCore: every OpenAI-compatible prefix (`openai/`, `groq/`, `hosted_vllm/`, ...), `anthropic/`, `azure/`,
/// `bedrock/`, `gemini/`, `vertex_ai/`, `cohere/` (and `cohere_chat/`), and `fake/` for trying the gateway without an upstream.
enum BuiltinProviders {
    /// - Parameters:
    ///   - client: the upstream client every provider shares.
    ///   - environment: where providers read credentials a deployment does not set (`AWS_*`, `AZURE_*`).
    static func all(client: UpstreamHTTPClient, environment: [String: String]) -> [String: any Provider] {
        var providers = OpenAICompatibleProviders.all(client: client)
        providers["anthropic"] = AnthropicProvider(client: client)
        providers[AzureProvider.prefix] = AzureProvider(client: client, environment: environment)
        providers[BedrockProvider.prefix] = BedrockProvider(client: client, environment: environment)
        let cohere = CohereProvider(client: client, environment: environment)
        for prefix in CohereProvider.prefixes { providers[prefix] = cohere }
        providers[GeminiProvider.prefix] = GeminiProvider(client: client, environment: environment)
        let vertex = VertexProvider(client: client, environment: environment)
        for prefix in [VertexProvider.prefix] + VertexProvider.aliases { providers[prefix] = vertex }
        providers["fake"] = FakeProvider()
        return providers
    }
}
