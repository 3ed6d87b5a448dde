import GatewayCore
import Testing

@testable import VertexProvider

/// Where a Vertex deployment is called: project, location, host and model family from its params and the environment.
struct VertexSettingsTests {
    static func deployment(_ model: String = "claude-sonnet-4-5@20250929", base: String? = nil, params: [String: JSON] = [:]) -> Deployment {
        Deployment(id: "v", modelName: "vertex-model", provider: "vertex_ai", upstreamModel: model, apiBase: base, extraParams: params)
    }

    @Test func regionalAndGlobalHosts() throws {
        let regional = try VertexSettings(
            deployment: Self.deployment(params: ["vertex_project": "proj-1"]), environment: [:], credentialsProject: nil)
        #expect(
            regional.url(method: "rawPredict")
                == "https://us-central1-aiplatform.googleapis.com/v1/projects/proj-1/locations/us-central1/publishers/anthropic/models/"
                + "claude-sonnet-4-5@20250929:rawPredict")
        let global = try VertexSettings(
            deployment: Self.deployment("gemini-2.5-pro", params: ["vertex_project": "proj-1", "vertex_location": "global"]), environment: [:],
            credentialsProject: nil)
        #expect(
            global.url(method: "generateContent")
                == "https://aiplatform.googleapis.com/v1/projects/proj-1/locations/global/publishers/google/models/gemini-2.5-pro:generateContent")
        let custom = try VertexSettings(
            deployment: Self.deployment(base: "http://127.0.0.1:9/v1/", params: ["vertex_project": "proj-1"]), environment: [:],
            credentialsProject: nil)
        #expect(custom.url(method: "rawPredict", model: "count-tokens").hasPrefix("http://127.0.0.1:9/v1/projects/proj-1/"))
        #expect(custom.url(method: "rawPredict", model: "count-tokens").hasSuffix("/publishers/anthropic/models/count-tokens:rawPredict"))
    }

    @Test func projectAndLocationFallBackToTheEnvironmentThenTheServiceAccount() throws {
        let environment = ["VERTEXAI_PROJECT": "env-project", "VERTEXAI_LOCATION": "europe-west4"]
        let fromEnvironment = try VertexSettings(deployment: Self.deployment(), environment: environment, credentialsProject: "key-project")
        #expect(fromEnvironment.project == "env-project" && fromEnvironment.location == "europe-west4")
        let fromKey = try VertexSettings(deployment: Self.deployment(), environment: [:], credentialsProject: "key-project")
        #expect(fromKey.project == "key-project" && fromKey.location == "us-central1")
        let own = try VertexSettings(
            deployment: Self.deployment(params: ["vertex_project": "own", "vertex_location": "asia-northeast1"]), environment: environment,
            credentialsProject: "key-project")
        #expect(own.project == "own" && own.location == "asia-northeast1")
        // LiteLLM's other spellings.
        let other = try VertexSettings(
            deployment: Self.deployment(params: ["vertex_ai_project": "ai-project"]), environment: ["VERTEX_LOCATION": "us-east5"],
            credentialsProject: nil)
        #expect(other.project == "ai-project" && other.location == "us-east5")
    }

    @Test(arguments: [
        ("llama-3.1-405b-instruct-maas", ["vertex_project": JSON.string("p")], "neither a Claude"),
        ("claude-sonnet-4-5", [:], "has no project"),
        ("claude-sonnet-4-5", ["vertex_project": "p/../../x"], "vertex_project"),
        ("claude-sonnet-4-5", ["vertex_project": "p", "vertex_location": "us-central1/x?"], "vertex_location"),
        ("claude-sonnet-4-5/../x", ["vertex_project": "p"], "model id"),
    ])
    func malformedSettingsAreNamed(_ model: String, _ params: [String: JSON], _ named: String) {
        #expect {
            try VertexSettings(deployment: Self.deployment(model, params: params), environment: [:], credentialsProject: nil)
        } throws: {
            guard let error = $0 as? GatewayError else { return false }
            return error.code == "vertex_config" && error.message.contains(named) && error.message.contains("vertex-model")
        }
    }

    @Test func modelFamilies() {
        #expect(VertexModelFamily(model: "claude-3-5-haiku@20241022") == .anthropic)
        #expect(VertexModelFamily(model: "gemini-2.5-flash") == .gemini)
        #expect(VertexModelFamily(model: "mistral-large-2411") == nil)
        let provider = VertexStandIns.provider()
        #expect(provider.nativeDialects(for: Self.deployment()) == [.anthropicMessages])
    }
}
