import Foundation

/// The id a client sees for a response an upstream's own Responses API created: the upstream's id and the deployment
/// that holds it, in one opaque `resp_…` string, as LiteLLM encodes it
/// (`litellm:custom_llm_provider:{provider};model_id:{deployment};response_id:{upstream id}`, base64url).
///
/// The upstream keeps the conversation under the deployment's credentials, so a follow-up naming the response
/// (`previous_response_id`) must go back to that deployment with the upstream's id: the gateway reads both from the
/// id itself, with or without a storage plugin, on any instance.
public struct NativeResponseID: Equatable, Sendable {
    /// The deployment (`model_info.id`) that served the response.
    public var deploymentID: String
    /// The provider prefix of that deployment (`openai`).
    public var provider: String
    /// The upstream's own id.
    public var upstreamID: String

    public init(deploymentID: String, provider: String, upstreamID: String) {
        self.deploymentID = deploymentID
        self.provider = provider
        self.upstreamID = upstreamID
    }

    /// The id shown to the client.
    public var encoded: String {
        let plain = "litellm:custom_llm_provider:\(provider);model_id:\(deploymentID);response_id:\(upstreamID)"
        let base64 = Data(plain.utf8).base64EncodedString()
        return "resp_"
            + base64.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The parts of an id ``encoded`` made; nil for any other id (one the gateway made for a translated response, or
    /// an upstream's plain one). Standard base64, as LiteLLM writes it, is read too.
    public init?(decoding id: String) {
        guard id.hasPrefix("resp_"), id.utf8.count <= ResponsesIDs.maxLength else { return nil }
        var base64 = String(id.dropFirst(5)).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.utf8.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let plain = String(data: data, encoding: .utf8),
            plain.hasPrefix("litellm:")
        else { return nil }
        var fields: [Substring: Substring] = [:]
        for part in plain.dropFirst("litellm:".count).split(separator: ";", maxSplits: 2) {
            guard let colon = part.firstIndex(of: ":") else { return nil }
            fields[part[..<colon]] = part[part.index(after: colon)...]
        }
        guard let provider = fields["custom_llm_provider"], let deployment = fields["model_id"], let upstream = fields["response_id"],
            !deployment.isEmpty, !upstream.isEmpty
        else { return nil }
        self.init(deploymentID: String(deployment), provider: String(provider), upstreamID: String(upstream))
    }
}
