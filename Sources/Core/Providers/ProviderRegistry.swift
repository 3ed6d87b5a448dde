/// Providers by the prefix of `litellm_params.model` (`openai`, `anthropic`, `fake`, a plugin's own).
///
/// Every provider is handed out wrapped so that the errors it throws, whole or mid-stream, are scrubbed of its
/// deployment's secrets (``Provider/secrets(of:)``, ``SecretScrubber``).
public struct ProviderRegistry: Sendable {
    private let providers: [String: any Provider]

    public init(_ providers: [String: any Provider]) {
        self.providers = providers.mapValues { ScrubbedProvider($0) }
    }

    /// The built-in providers over one shared HTTP client, plus `extra` (which may replace a built-in).
    public init(client: UpstreamHTTPClient, extra: [String: any Provider] = [:]) {
        var providers: [String: any Provider] = ["fake": FakeProvider(), "anthropic": AnthropicProvider(client: client)]
        for (prefix, base) in OpenAICompatibleProviders.defaultAPIBases {
            providers[prefix] = OpenAICompatibleProvider(
                client: client, defaultAPIBase: base, speaksResponses: OpenAICompatibleProviders.speakingResponses.contains(prefix))
        }
        providers.merge(extra) { _, new in new }
        self.init(providers)
    }

    public func provider(for deployment: Deployment) -> (any Provider)? { providers[deployment.provider] }

    /// Checks that every deployment names a known provider, that the provider takes its settings
    /// (``Provider/configurationProblem(of:)``), and that it has an `api_base` where one is needed.
    /// - Parameter source: where the deployments come from, leading the message (`config.yaml: `, or empty).
    /// - Throws: ``ConfigError`` naming the model and the known prefixes.
    public func validate(_ deployments: [Deployment], source: String = "config.yaml: ") throws {
        for deployment in deployments where providers[deployment.provider] == nil {
            throw ConfigError(
                "\(source)model '\(deployment.modelName)' uses the unknown provider '\(deployment.provider)/'. "
                    + "Known providers: \(providers.keys.sorted().joined(separator: ", "))")
        }
        for deployment in deployments {
            if let problem = providers[deployment.provider]?.configurationProblem(of: deployment) { throw ConfigError("\(source)\(problem)") }
        }
        for deployment in deployments where deployment.apiBase == nil {
            if case .some(.none) = OpenAICompatibleProviders.defaultAPIBases[deployment.provider] {
                throw ConfigError("\(source)model '\(deployment.modelName)' (\(deployment.provider)/) needs litellm_params.api_base")
            }
        }
    }
}
