import Foundation
import GatewayCore
import HTTPTypes

/// `POST /ui/models/playground`: sends one chat through the gateway's own pipeline with a key the caller types
/// (or the key they logged in with), exactly as an app's request would run (auth, budgets, guardrails, routing,
/// spend log), asking for the decision trace, which the pipeline gives to admin keys only.
enum PlaygroundPage {
    /// The longest prompt accepted.
    static let maxPromptLength = 20_000

    static func send(_ context: UIContext, _ renderer: PageRenderer) async throws -> UIResult {
        let form = context.form
        guard let model = form.text("model") else { throw GatewayError.badRequest("Choose a model.", param: "model") }
        let prompt = form.text("prompt") ?? ""
        guard !prompt.isEmpty, prompt.count <= maxPromptLength else {
            throw GatewayError.badRequest("Write a prompt of at most \(maxPromptLength) characters.", param: "prompt")
        }
        let credential = form.text("api_key") ?? context.session.credential
        let request = GatewayRequest(
            id: context.request.requestID, endpoint: .chatCompletions, route: "/v1/chat/completions", headers: [DecisionTrace.header: "true"],
            credential: credential,
            body: ["model": .string(model), "messages": [["role": "user", "content": .string(prompt)]], "stream": false],
            receivedAtDate: Date.now.timeIntervalSince1970)
        var reply: JSON?
        var failure: String?
        do {
            reply = try await context.request.gateway.runner.handle(request).completeView
        } catch let error as GatewayError {
            failure = "\(error.status.code): \(error.message)"
        }
        let trace = request.responseHeaders.all[DecisionTrace.header].flatMap { try? JSONParser.parse($0) }
        let models = try await context.admin(.get, "/model/info")["data"]?.arrayValue?.compactMap { $0["model_name"]?.stringValue } ?? []
        let view = PlaygroundView.make(
            models: Array(Set(models)).sorted(), chosen: model, prompt: prompt, reply: reply, error: failure, trace: trace,
            csrf: context.session.csrfToken)
        return .page(title: "Playground", section: .models, html: renderer.render(view, "playground"))
    }
}
