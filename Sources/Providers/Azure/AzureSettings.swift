import Foundation
public import GatewayCore
import HTTPTypes

/// Where and how one Azure OpenAI deployment is called, read from its `litellm_params` and the environment.
///
/// | `litellm_params` | environment (when the param is absent) | default |
/// | --- | --- | --- |
/// | `api_base` (the resource endpoint, `https://NAME.openai.azure.com`) | `AZURE_API_BASE` | none: required |
/// | `api_version` (`v1`, `latest` or `preview`: Azure's `/openai/v1/` surface) | `AZURE_API_VERSION` | ``defaultAPIVersion`` |
/// | `api_key` (the `api-key` header) | `AZURE_OPENAI_API_KEY`, `AZURE_API_KEY` | |
/// | `azure_ad_token` (`Authorization: Bearer`) | `AZURE_AD_TOKEN` | |
/// | `tenant_id`, `client_id`, `client_secret` (Entra ID client credentials) | `AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, `AZURE_CLIENT_SECRET` | |
/// | `azure_authority_host` | `AZURE_AUTHORITY_HOST` | `https://login.microsoftonline.com` |
/// | `azure_scope` | | `https://cognitiveservices.azure.com/.default` |
///
/// Credentials, first found wins: the deployment's `api_key`, its `azure_ad_token`, its client credentials (any of
/// the three set: the others may come from the environment), then the environment's key, token and client
/// credentials in that order. A deployment's own credentials beat the environment's (LiteLLM lets
/// `AZURE_API_KEY` win over a deployment's client credentials; a deployment that names its own should get them).
public struct AzureSettings: Sendable, Equatable {
    /// The newest generally available data-plane inference API version (Azure's "latest GA", 2024-10-21).
    public static let defaultAPIVersion = "2024-10-21"
    /// Entra ID's public-cloud authority.
    public static let defaultAuthorityHost = "https://login.microsoftonline.com"
    /// The token scope of Azure OpenAI (Cognitive Services).
    public static let defaultScope = "https://cognitiveservices.azure.com/.default"

    /// The resource endpoint without a trailing `/` (nor a trailing `/openai`).
    public var apiBase: String
    public var apiVersion: String
    /// The Azure deployment name: the part of `azure/<deployment>` after the prefix.
    public var deploymentName: String
    public var auth: AzureAuth

    /// - Parameters:
    ///   - deployment: an `azure/<deployment>` deployment.
    ///   - environment: the gateway's environment, for the `AZURE_*` fallbacks.
    /// - Throws: ``GatewayError`` (500 `azure_config`) naming the deployment and the missing or malformed setting;
    ///   never a credential's value.
    public init(deployment: Deployment, environment: [String: String]) throws(GatewayError) {
        func param(_ name: String) -> String? {
            guard let value = deployment.extraParams[name]?.stringValue, !value.isEmpty else { return nil }
            return value
        }
        func env(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let name = "Azure deployment '\(deployment.modelName)'"

        guard let base = deployment.apiBase.flatMap({ $0.isEmpty ? nil : $0 }) ?? env("AZURE_API_BASE") else {
            throw Self.configError("\(name) has no api_base (litellm_params.api_base or AZURE_API_BASE).")
        }
        apiBase = try Self.checkedBase(base, name: name)
        let version = param("api_version") ?? env("AZURE_API_VERSION") ?? Self.defaultAPIVersion
        guard Self.isToken(version, extra: "-."), version.count <= 40 else {
            throw Self.configError("\(name): api_version '\(version.prefix(40))' is not an API version such as \(Self.defaultAPIVersion).")
        }
        apiVersion = version
        guard Self.isToken(deployment.upstreamModel, extra: "-._"), deployment.upstreamModel.count <= 256 else {
            throw Self.configError(
                "\(name): '\(deployment.upstreamModel.prefix(80))' is not an Azure deployment name (letters, digits, '-', '_', '.').")
        }
        deploymentName = deployment.upstreamModel

        let authority = param("azure_authority_host") ?? env("AZURE_AUTHORITY_HOST") ?? Self.defaultAuthorityHost
        let scope = param("azure_scope") ?? Self.defaultScope
        func clientCredentials(tenant: String?, client: String?, secret: String?) throws(GatewayError) -> AzureAuth {
            guard let tenant, let client, let secret else {
                let missing = [("tenant_id", tenant), ("client_id", client), ("client_secret", secret)].filter { $0.1 == nil }.map(\.0)
                throw Self.configError("\(name): Entra ID client credentials need \(missing.joined(separator: ", ")) as well.")
            }
            guard Self.isToken(tenant, extra: "-."), tenant.count <= 256 else {
                throw Self.configError("\(name): tenant_id is not a tenant id or domain.")
            }
            return .clientCredentials(
                EntraCredentials(
                    tenantID: tenant, clientID: client, clientSecret: secret, authorityHost: try Self.checkedBase(authority, name: name),
                    scope: scope))
        }

        if let key = deployment.apiKey, !key.isEmpty {
            auth = .apiKey(key)
        } else if let token = param("azure_ad_token") {
            auth = .adToken(token)
        } else if param("tenant_id") != nil || param("client_id") != nil || param("client_secret") != nil {
            auth = try clientCredentials(
                tenant: param("tenant_id") ?? env("AZURE_TENANT_ID"), client: param("client_id") ?? env("AZURE_CLIENT_ID"),
                secret: param("client_secret") ?? env("AZURE_CLIENT_SECRET"))
        } else if let key = env("AZURE_OPENAI_API_KEY") ?? env("AZURE_API_KEY") {
            auth = .apiKey(key)
        } else if let token = env("AZURE_AD_TOKEN") {
            auth = .adToken(token)
        } else if let tenant = env("AZURE_TENANT_ID"), let client = env("AZURE_CLIENT_ID"), let secret = env("AZURE_CLIENT_SECRET") {
            auth = try clientCredentials(tenant: tenant, client: client, secret: secret)
        } else {
            throw Self.configError(
                "\(name) has no credentials: set api_key, azure_ad_token, or tenant_id, client_id and client_secret "
                    + "(or AZURE_API_KEY, AZURE_AD_TOKEN, AZURE_TENANT_ID/AZURE_CLIENT_ID/AZURE_CLIENT_SECRET).")
        }
    }

    /// The `api_version` values that select Azure's `/openai/v1/` surface (as LiteLLM reads them): the deployment is
    /// then the body's `model` (already set), and only `preview` is sent as `api-version`.
    public static let v1Versions: Set<String> = ["v1", "latest", "preview"]

    /// Whether calls go to Azure's `/openai/v1/` surface (``v1Versions``).
    public var usesV1: Bool { Self.v1Versions.contains(apiVersion.lowercased()) }

    /// `{api_base}/openai/deployments/{deployment}/{chat/completions|completions|embeddings}?api-version=...`, or on
    /// the v1 surface `{api_base}/openai/v1/{chat/completions|completions|embeddings}` (`?api-version=preview` for
    /// `preview`).
    public func url(for operation: UpstreamOperation) -> String {
        let path: String
        switch operation {
        case .chatCompletions: path = "chat/completions"
        case .completions: path = "completions"
        case .embeddings: path = "embeddings"
        // Azure OpenAI has no rerank; AzureProvider refuses the call before asking for a URL.
        case .rerank: path = "rerank"
        }
        if usesV1 {
            let version = apiVersion.lowercased() == "preview" ? "?api-version=preview" : ""
            return "\(apiBase)/openai/v1/\(path)\(version)"
        }
        // Both parts are checked to be plain tokens (letters, digits, `-`, `.`, `_`): nothing to percent-encode.
        return "\(apiBase)/openai/deployments/\(deploymentName)/\(path)?api-version=\(apiVersion)"
    }

    /// Azure's first API version with the Responses API (`2025-03-01-preview`): the date part of the oldest
    /// `api_version` for which `/v1/responses` goes to Azure's Responses API.
    public static let firstResponsesVersion = "2025-03-01"

    /// Where the Responses API is, or nil when ``apiVersion`` predates it (a dated version before
    /// ``firstResponsesVersion``, such as the default `2024-10-21`, or one not in Azure's `YYYY-MM-DD[-preview]` form):
    /// `/v1/responses` to the deployment is then translated to chat completions, as before Azure had the API.
    /// `{api_base}/openai/responses?api-version={api_version}` (the deployment is the body's `model`, already set), or
    /// on the v1 surface `{api_base}/openai/v1/responses` (`?api-version=preview` for `preview`).
    public var responsesURL: String? {
        if usesV1 {
            let version = apiVersion.lowercased() == "preview" ? "?api-version=preview" : ""
            return "\(apiBase)/openai/v1/responses\(version)"
        }
        let date = apiVersion.prefix(10)
        let isDate =
            date.count == 10
            && date.enumerated().allSatisfy { index, character in
                [4, 7].contains(index) ? character == "-" : character.isASCII && character.isNumber
            }
        guard isDate, date >= Self.firstResponsesVersion else { return nil }
        return "\(apiBase)/openai/responses?api-version=\(apiVersion)"
    }

    /// An `http(s)://host[:port][/path]` base without a trailing `/`, and without a trailing `/openai` (the openai
    /// SDK's `azure_endpoint` and LiteLLM's `api_base` are the resource endpoint; some configs add `/openai`).
    static func checkedBase(_ text: String, name: String) throws(GatewayError) -> String {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = url.host, !host.isEmpty, url.query == nil, url.fragment == nil
        else {
            throw configError("\(name): '\(text.prefix(120))' is not an http(s) URL without query.")
        }
        var base = text
        while base.hasSuffix("/") { base.removeLast() }
        if base.lowercased().hasSuffix("/openai") { base.removeLast("/openai".count) }
        return base
    }

    /// Whether `text` is non-empty and only ASCII letters, digits and `extra`.
    static func isToken(_ text: String, extra: String) -> Bool {
        !text.isEmpty
            && text.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || extra.unicodeScalars.contains($0)) }
    }

    static func configError(_ message: String) -> GatewayError {
        GatewayError(status: .internalServerError, message: message, type: "internal_error", code: "azure_config")
    }
}
