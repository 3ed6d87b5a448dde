/// How an Azure OpenAI deployment authenticates.
public enum AzureAuth: Sendable, Equatable {
    /// `api-key: <key>`.
    case apiKey(String)
    /// `Authorization: Bearer <token>`, a token the operator obtained.
    case adToken(String)
    /// `Authorization: Bearer <token>` exchanged for the client credentials (cached by ``AzureProvider``).
    case clientCredentials(EntraCredentials)

    /// The configured secret values (not an exchanged token).
    var secrets: [String] {
        switch self {
        case .apiKey(let key): [key]
        case .adToken(let token): [token]
        case .clientCredentials(let credentials): [credentials.clientSecret]
        }
    }
}
