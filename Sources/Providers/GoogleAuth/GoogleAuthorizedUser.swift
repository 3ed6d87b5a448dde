public import GatewayCore

/// A user's Google credentials (`"type": "authorized_user"`, the file `gcloud auth application-default login`
/// writes): a refresh token exchanged at the token endpoint for access tokens.
///
/// Hashable so that deployments sharing one login share one cached access token (``GoogleAccessTokens``).
public struct GoogleAuthorizedUser: Sendable, Hashable {
    public var clientID: String
    /// Never logged.
    public var clientSecret: String
    /// Never logged.
    public var refreshToken: String
    /// `token_uri` when the file names one, else Google's token endpoint.
    public var tokenURI: String
    /// `quota_project_id`: the project a Vertex deployment uses when it names none.
    public var quotaProjectID: String?

    public init(clientID: String, clientSecret: String, refreshToken: String, tokenURI: String, quotaProjectID: String?) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.refreshToken = refreshToken
        self.tokenURI = tokenURI
        self.quotaProjectID = quotaProjectID
    }

    /// Reads an `authorized_user` file's JSON.
    /// - Throws: ``GoogleAuthError`` naming the missing field.
    public init(json: JSON, origin: String) throws(GoogleAuthError) {
        func field(_ name: String) throws(GoogleAuthError) -> String {
            guard let value = json[name]?.stringValue, !value.isEmpty else {
                throw GoogleAuthError("The Google user credentials in \(origin) have no '\(name)'.")
            }
            return value
        }
        let tokenURI = json["token_uri"]?.stringValue ?? GoogleServiceAccount.defaultTokenURI
        guard tokenURI.hasPrefix("https://") || tokenURI.hasPrefix("http://") else {
            throw GoogleAuthError("The Google user credentials in \(origin) have a 'token_uri' that is not an http(s) URL.")
        }
        self.init(
            clientID: try field("client_id"), clientSecret: try field("client_secret"), refreshToken: try field("refresh_token"),
            tokenURI: tokenURI, quotaProjectID: json["quota_project_id"]?.stringValue)
    }

    /// The form body of the refresh-token grant (RFC 6749 §6), every value percent-encoded.
    var formBody: String {
        PercentEncoding.form([
            ("grant_type", "refresh_token"), ("client_id", clientID), ("client_secret", clientSecret), ("refresh_token", refreshToken),
        ])
    }
}
