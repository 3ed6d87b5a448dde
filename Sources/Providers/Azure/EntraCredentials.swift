import GatewayCore

/// Entra ID (Azure AD) client credentials of an app registration, exchanged for an access token to Azure OpenAI.
///
/// Hashable so that deployments sharing one app registration share one cached token.
public struct EntraCredentials: Sendable, Hashable {
    public var tenantID: String
    public var clientID: String
    /// Never logged, never in an error message.
    public var clientSecret: String
    /// `https://login.microsoftonline.com` unless `azure_authority_host` or `AZURE_AUTHORITY_HOST` says otherwise
    /// (a sovereign cloud, a test stand-in); no trailing `/`.
    public var authorityHost: String
    /// `https://cognitiveservices.azure.com/.default` unless `azure_scope` says otherwise.
    public var scope: String

    public init(tenantID: String, clientID: String, clientSecret: String, authorityHost: String, scope: String) {
        self.tenantID = tenantID
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.authorityHost = authorityHost
        self.scope = scope
    }

    /// `{authority}/{tenant}/oauth2/v2.0/token`.
    public var tokenURL: String { "\(authorityHost)/\(tenantID)/oauth2/v2.0/token" }

    /// The `application/x-www-form-urlencoded` body of the client-credentials grant.
    public var formBody: String {
        PercentEncoding.form([("grant_type", "client_credentials"), ("client_id", clientID), ("client_secret", clientSecret), ("scope", scope)])
    }
}
