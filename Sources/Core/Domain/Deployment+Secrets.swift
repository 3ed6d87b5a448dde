import Foundation

extension Deployment {
    /// The deployment's credentials as configured: `api_key`, every string `litellm_params` value whose name says it
    /// is a credential, and a password written into `api_base` (`https://user:password@host`). What
    /// ``Provider/secrets(of:)`` returns unless a provider knows more; the input of a ``SecretScrubber``.
    public var secrets: [String] {
        var found: [String] = []
        if let apiKey { found.append(apiKey) }
        for (name, value) in extraParams {
            guard let text = value.stringValue, Self.isSecretParam(name) else { continue }
            found.append(text)
        }
        if let apiBase, let password = URLComponents(string: apiBase)?.password { found.append(password) }
        return found.filter { !$0.isEmpty }
    }

    /// Whether a `litellm_params` name holds a credential: the known names (`api_key`, AWS, Azure, Vertex), plus any
    /// name ending in `_key`, `_secret`, `_token`, `_password` or `_credentials` (`max_tokens` ends in `_tokens` and
    /// is not one). One rule for scrubbing upstream errors and for the model store's encryption and masking.
    public static func isSecretParam(_ name: String) -> Bool {
        let name = name.lowercased()
        if ["api_key", "aws_access_key_id", "aws_secret_access_key", "aws_session_token", "vertex_credentials", "azure_ad_token", "client_secret"]
            .contains(name)
        {
            return true
        }
        return ["_key", "_secret", "_token", "_password", "_credentials"].contains { name.hasSuffix($0) }
    }
}
