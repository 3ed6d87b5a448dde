/// Providers by the prefix of `litellm_params.model` (`openai`, `anthropic`, `fake`, a plugin's own), as the server
/// registers them (each provider is its own module, outside GatewayCore).
///
/// Every provider is handed out wrapped so that the errors it throws, whole or mid-stream, are scrubbed of its
/// deployment's secrets (``Provider/secrets(of:)``, ``SecretScrubber``).
public struct ProviderRegistry: Sendable {
    private let providers: [String: any Provider]

    public init(_ providers: [String: any Provider]) {
        self.providers = providers.mapValues { ScrubbedProvider($0) }
    }

    public func provider(for deployment: Deployment) -> (any Provider)? { providers[deployment.provider] }

    /// `deployment`'s provider as the capability a module defines beyond ``Provider`` (the Responses API's stored
    /// responses, say), when it has it. What such a capability throws is its own to scrub of secrets.
    public func provider<Capability>(for deployment: Deployment, as capability: Capability.Type) -> Capability? {
        let provider = providers[deployment.provider]
        return ((provider as? ScrubbedProvider)?.base ?? provider) as? Capability
    }

    /// Checks that every deployment names a known provider and that the provider takes its settings
    /// (``Provider/configurationProblem(of:)``: an `api_base` where one is needed, say).
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
    }
}
