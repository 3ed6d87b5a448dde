import Foundation
public import GatewayCore

/// Where one Vertex AI deployment is called, read from its `litellm_params` and the environment.
///
/// | `litellm_params` | environment (when the param is absent) | default |
/// | --- | --- | --- |
/// | `vertex_project` (or `vertex_ai_project`) | `VERTEXAI_PROJECT`, `VERTEX_PROJECT` | the service account's `project_id`; else required |
/// | `vertex_location` (or `vertex_ai_location`) | `VERTEXAI_LOCATION`, `VERTEX_LOCATION` | `us-central1` |
/// | `api_base` (scheme and host only: a proxy, a test stand-in) | | `https://{location}-aiplatform.googleapis.com` (`global`: `https://aiplatform.googleapis.com`) |
/// | `vertex_credentials` (or `vertex_ai_credentials`; see ``GoogleCredentials``) | `VERTEXAI_CREDENTIALS`, `GOOGLE_APPLICATION_CREDENTIALS` | the metadata server |
///
/// The model is the part after `vertex_ai/`: `claude-...` (Anthropic's) or `gemini-...` (Google's), ``VertexModelFamily``.
public struct VertexSettings: Sendable, Equatable {
    /// Where Vertex AI answers when the location is not regional.
    public static let defaultLocation = "us-central1"

    public var project: String
    public var location: String
    /// Scheme and host, no trailing `/`.
    public var base: String
    public var model: String
    public var family: VertexModelFamily

    /// - Parameters:
    ///   - deployment: a `vertex_ai/<model>` deployment.
    ///   - environment: the gateway's environment, for `VERTEXAI_PROJECT` and `VERTEXAI_LOCATION`.
    ///   - credentialsProject: the `project_id` of the deployment's service account, if any.
    /// - Throws: ``GatewayError`` (500 `vertex_config`) naming the deployment and the missing or malformed setting.
    public init(deployment: Deployment, environment: [String: String], credentialsProject: String?) throws(GatewayError) {
        func param(_ name: String) -> String? {
            guard let value = deployment.extraParams[name]?.stringValue, !value.isEmpty else { return nil }
            return value
        }
        func env(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let name = "Vertex AI deployment '\(deployment.modelName)'"
        guard let family = VertexModelFamily(model: deployment.upstreamModel) else {
            throw Self.configError(
                "\(name): '\(deployment.upstreamModel.prefix(80))' is neither a Claude (claude-...) nor a Gemini (gemini-...) model; "
                    + "other Vertex AI publishers are not served.")
        }
        self.family = family
        guard Self.isToken(deployment.upstreamModel, extra: "-._@"), deployment.upstreamModel.count <= 200 else {
            throw Self.configError(
                "\(name): '\(deployment.upstreamModel.prefix(80))' is not a Vertex AI model id (letters, digits, '-', '.', '_', '@').")
        }
        model = deployment.upstreamModel
        guard
            let project = param("vertex_project") ?? param("vertex_ai_project") ?? env("VERTEXAI_PROJECT") ?? env("VERTEX_PROJECT")
                ?? credentialsProject
        else {
            throw Self.configError("\(name) has no project: set litellm_params.vertex_project or VERTEXAI_PROJECT.")
        }
        guard Self.isToken(project, extra: "-.:"), project.count <= 100 else {
            throw Self.configError("\(name): vertex_project '\(project.prefix(100))' is not a Google Cloud project id.")
        }
        self.project = project
        let location =
            param("vertex_location") ?? param("vertex_ai_location") ?? env("VERTEXAI_LOCATION") ?? env("VERTEX_LOCATION")
            ?? Self.defaultLocation
        guard Self.isToken(location, extra: "-"), location.count <= 40 else {
            throw Self.configError("\(name): vertex_location '\(location.prefix(40))' is not a Google Cloud location such as us-central1.")
        }
        self.location = location
        if var custom = deployment.apiBase, !custom.isEmpty {
            while custom.hasSuffix("/") { custom.removeLast() }
            if custom.hasSuffix("/v1") { custom.removeLast(3) }
            guard custom.hasPrefix("https://") || custom.hasPrefix("http://") else {
                throw Self.configError("\(name): api_base must be an http(s) URL.")
            }
            base = custom
        } else {
            base = location == "global" ? "https://aiplatform.googleapis.com" : "https://\(location)-aiplatform.googleapis.com"
        }
    }

    /// `{base}/v1/projects/{project}/locations/{location}/publishers/{publisher}/models/{model}:{method}`.
    /// - Parameter model: another model of the publisher (Anthropic's `count-tokens`); nil is the deployment's.
    public func url(method: String, model: String? = nil) -> String {
        "\(base)/v1/projects/\(project)/locations/\(location)/publishers/\(family.publisher)/models/\(model ?? self.model):\(method)"
    }

    /// Whether `text` is non-empty ASCII letters and digits plus `extra`.
    static func isToken(_ text: String, extra: String) -> Bool {
        !text.isEmpty
            && text.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || extra.unicodeScalars.contains($0)) }
    }

    static func configError(_ message: String) -> GatewayError {
        var error = GatewayError.internalError(message)
        error.code = "vertex_config"
        return error
    }
}
