import AnthropicMessagesDialect
import AnthropicProvider
import AsyncHTTPClient
import Foundation
public import GatewayCore

/// `/v1/messages` to a Bedrock Claude (`bedrock/anthropic.claude-...`, `bedrock/us.anthropic.claude-...`) in
/// Anthropic's own format, through InvokeModel (`/model/{modelId}/invoke`) and InvokeModelWithResponseStream
/// (`/invoke-with-response-stream`), as on Anthropic: thinking blocks and their signatures, `cache_control`,
/// documents, citations and unknown fields go upstream as the client sent them, and the answer comes back as Claude
/// wrote it (read as the Anthropic provider reads it, ``AnthropicMessagesExchange``). The hooks read its OpenAI-shaped
/// view, translated on the side (``AnthropicResponseTranslator``, ``AnthropicEventRelay``). OpenAI chat to the same
/// model still goes through Converse.
extension BedrockProvider {
    /// The `anthropic_version` InvokeModel requires for Claude's Messages API, unless the client sent one.
    static let anthropicBedrockVersion = "bedrock-2023-05-31"

    /// Anthropic's Messages dialect for a Claude model id (``isAnthropicModel(_:)``); none for any other.
    public func nativeDialects(for deployment: Deployment) -> Set<Dialect> {
        Self.isAnthropicModel(deployment.upstreamModel) ? [.anthropicMessages] : []
    }

    /// Whether `modelID` is an Anthropic model: after an optional inference-profile prefix (`us.`, `eu.`, `apac.`,
    /// `global.`, any word of letters and hyphens), it starts with `anthropic.`. An application inference profile
    /// ARN names no model and is not one.
    static func isAnthropicModel(_ modelID: String) -> Bool {
        if modelID.hasPrefix("anthropic.") { return true }
        guard let dot = modelID.firstIndex(of: "."), dot > modelID.startIndex else { return false }
        let prefix = modelID[..<dot]
        guard prefix.count <= 16, prefix.allSatisfy({ ("a"..."z").contains($0) || $0 == "-" }) else { return false }
        return modelID[modelID.index(after: dot)...].hasPrefix("anthropic.")
    }

    /// The InvokeModel body for an Anthropic Messages request: the client's body without `model` (it is in the path)
    /// and `stream` (the operation says it), with `anthropic_version` (``anthropicBedrockVersion`` unless the client
    /// sent one), and the `anthropic-beta` header's features as the `anthropic_beta` array Bedrock takes (after
    /// those the body already lists, each once).
    static func invokeBody(_ native: NativeBody) -> JSON {
        var members = native.json.objectValue ?? [:]
        members.removeValue(forKey: "model")
        members.removeValue(forKey: "stream")
        if members["anthropic_version"] == nil { members["anthropic_version"] = .string(anthropicBedrockVersion) }
        var betas = members["anthropic_beta"]?.arrayValue ?? []
        for (name, value) in native.headers where name.lowercased() == "anthropic-beta" {
            for feature in value.split(separator: ",") {
                let trimmed = JSON.string(feature.trimmingCharacters(in: .whitespaces))
                if trimmed != "", !betas.contains(trimmed) { betas.append(trimmed) }
            }
        }
        if !betas.isEmpty { members["anthropic_beta"] = .array(betas) }
        return .object(members)
    }

    /// Sends an Anthropic Messages call to InvokeModel, or to InvokeModelWithResponseStream when it streams.
    /// - Returns: the whole answer as Anthropic's message (its bytes relayed), or a stream of view chunks carrying
    ///   Anthropic's events (``BedrockInvokeStream``).
    /// - Throws: what a Converse call throws for the same HTTP failures; 502 `upstream_invalid_response` for an
    ///   answer that is not an Anthropic message.
    func invokeAnthropic(_ native: NativeBody, _ call: UpstreamCall) async throws -> GatewayResponse {
        let deployment = call.deployment
        let streams = native.json["stream"]?.boolValue ?? false
        let response = try await signedPost(
            Self.invokeBody(native), action: streams ? "invoke-with-response-stream" : "invoke",
            accept: streams ? "application/vnd.amazon.eventstream" : "application/json", call: call)
        guard streams else { return try await AnthropicMessagesExchange.wholeAnswer(response, client: client, deployment: deployment, native: true) }
        return .stream(
            ChunkStream {
                let stream = BedrockInvokeStream(response, deployment: deployment)
                return { try await stream.next() }
            })
    }
}
