import Foundation
import GatewayCore
import Hummingbird
import Logging
import NIOCore
import OpenAIResponsesDialect

/// OpenAI's Responses API, the way `/v1/messages` is served: natively by a deployment that speaks it, translated to
/// chat completions (the `OpenAIResponsesDialect` target) for any other.
///
/// - `POST /v1/responses`: the body is translated to a chat request (with the conversation `previous_response_id`
///   names, read from the store): the view the hooks read, run through the pipeline as endpoint
///   ``Endpoint/responses``. A new conversation keeps the body as sent (``NativeRequest``): a deployment whose
///   provider speaks `openai.responses` gets it, and its answer or events go back as they came; any other gets the
///   chat request and its completion or chunks are translated back (`ResponsesRoutes+Stream.swift` for streams).
///   With `store` (default true) and a storage plugin, the response and its whole conversation are stored (under
///   the id the client sees) before the client sees it complete. A native response's id names its deployment
///   (``NativeResponseID``): a follow-up goes back to that deployment, natively, with or without a store; a follow-up
///   of a translated response is translated with the stored conversation.
/// - `GET /v1/responses/{id}`, `DELETE /v1/responses/{id}`, `GET /v1/responses/{id}/input_items`: from the store,
///   for the key (or a key of the team) that created the response; a native response the gateway did not store goes
///   to the deployment that created it (``ResponsesUpstream``), for a caller allowed its model; anything else is a 404.
///
/// Every path is served with and without the `/v1` prefix, and under Azure's `/openai/` and `/openai/v1/`. See
/// docs/responses-api.md.
struct ResponsesRoutes {
    let runner: PipelineRunner
    let store: ResponsesStore
    let maxBodyBytes: Int

    /// OpenAI's paths, and Azure's (`/openai/responses?api-version=...`, and its v1 surface), where the openai SDK's
    /// `AzureOpenAI` client sends `responses.create`: the model is the body's, as on Azure.
    static let prefixes = ["/v1/responses", "/responses", "/openai/responses", "/openai/v1/responses"]
    /// The paths to tell 405 from 404 (those without a parameter).
    static let paths = prefixes

    func register(on router: some RouterMethods<GatewayRequestContext>) {
        for prefix in Self.prefixes {
            router.post(RouterPath(prefix)) { request, context in try await create(request, context: context) }
            router.get(RouterPath(prefix + "/{id}")) { request, context in
                let (id, principal) = try await caller(request, context: context)
                if request.uri.queryParameters["stream"].map({ String($0) }) == "true" {
                    throw GatewayError.badRequest(
                        "Replaying a response as a stream is not supported.", param: "stream", code: "unsupported_parameter")
                }
                switch try await find(id, for: principal, forwarding: .retrieve, request: request, context: context) {
                case .stored(let stored): return Self.json(stored.response)
                case .forwarded(let answer): return Self.json(answer)
                }
            }
            router.delete(RouterPath(prefix + "/{id}")) { request, context in
                let (id, principal) = try await caller(request, context: context)
                switch try await find(id, for: principal, forwarding: .delete, request: request, context: context) {
                case .forwarded(let answer):
                    return Self.json(answer)
                case .stored:
                    try await store.delete(id, for: principal)
                    await deleteUpstream(id)
                    return Self.json(["id": .string(id), "object": "response", "deleted": true])
                }
            }
            router.get(RouterPath(prefix + "/{id}/input_items")) { request, context in
                let (id, principal) = try await caller(request, context: context)
                let query = IncomingRequest.query(of: request)
                switch try await find(id, for: principal, forwarding: .inputItems(query: query), request: request, context: context) {
                case .stored(let stored): return Self.json(try ResponsesInputItemList.page(stored.inputItems, query: query))
                case .forwarded(let answer): return Self.json(answer)
                }
            }
        }
    }

    /// The `{id}` of a retrieval route and the authenticated caller. The request counts as a `/v1/responses` call for
    /// a key's `allowed_routes`: a key that may create responses may read its own.
    private func caller(_ request: Request, context: GatewayRequestContext) async throws -> (String, Principal) {
        let id = context.parameters.get("id") ?? ""
        let gatewayRequest = IncomingRequest.gatewayRequest(request, context: context, endpoint: .responses, route: "/v1/responses", body: [:])
        return (id, try await runner.authenticate(gatewayRequest))
    }

    /// Response `id` as one of the retrieval routes finds it for the caller.
    private enum Found {
        /// Stored by the gateway, and `principal` may see it.
        case stored(StoredResponse)
        /// Not stored by the gateway: the answer of the deployment that created it to the route's action.
        case forwarded(JSON)
    }

    /// Response `id` for `principal`: from the store, else, for a native response the gateway did not store (`store:
    /// false`, no storage plugin) whose id names its deployment (``NativeResponseID``), `action` forwarded to that
    /// deployment, the caller allowed its model as for a follow-up.
    /// - Throws: 404 for a response stored for another caller, an id that names no deployment, a deployment gone or
    ///   whose provider keeps no responses; the upstream's error otherwise.
    private func find(
        _ id: String, for principal: Principal, forwarding action: StoredResponseAction, request: Request, context: GatewayRequestContext
    ) async throws -> Found {
        switch try await store.lookup(id, for: principal) {
        case .visible(let stored):
            return .stored(stored)
        case .hidden:
            throw ResponsesStore.notFound(id, param: nil)
        case .absent:
            guard let native = NativeResponseID(decoding: id), let (deployment, upstream) = upstream(of: native) else {
                throw ResponsesStore.notFound(id, param: nil)
            }
            let access = IncomingRequest.gatewayRequest(
                request, context: context, endpoint: .responses, route: "/v1/responses", body: ["model": .string(deployment.modelName)])
            _ = try await runner.authenticate(access)
            return .forwarded(try await upstream.forward(action, upstreamID: native.upstreamID, deployment: deployment))
        }
    }

    /// The deployment that created a native response, and its provider when that keeps responses.
    private func upstream(of native: NativeResponseID) -> (Deployment, any ResponsesUpstream)? {
        guard let deployment = runner.models.catalog.deployment(id: native.deploymentID),
            let upstream = runner.providers.provider(for: deployment, as: (any ResponsesUpstream).self)
        else { return nil }
        return (deployment, upstream)
    }

    /// Deletes a stored native response at its upstream too (which keeps it unless it was created with `store: false`),
    /// so that it is gone everywhere; the upstream's refusal (it never kept it) changes nothing for the client.
    private func deleteUpstream(_ id: String) async {
        guard let native = NativeResponseID(decoding: id), let (deployment, upstream) = upstream(of: native) else { return }
        _ = try? await upstream.forward(.delete, upstreamID: native.upstreamID, deployment: deployment)
    }

    private func create(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let body = try await IncomingRequest.jsonBody(of: request, limit: maxBodyBytes)
        // The caller is needed before the pipeline runs: it decides which stored conversation it may continue.
        let principal = try await runner.authenticate(
            IncomingRequest.gatewayRequest(request, context: context, endpoint: .responses, body: body))
        var history: [JSON] = []
        // A response an upstream's own Responses API created names its deployment: the follow-up goes back there.
        var pinned: NativeResponseID?
        if let previous = body["previous_response_id"]?.stringValue {
            pinned = NativeResponseID(decoding: previous)
            switch try await store.lookup(previous, for: principal) {
            case .visible(let stored): history = stored.conversation
            case .hidden: throw ResponsesStore.notFound(previous, param: "previous_response_id")
            case .absent: if pinned == nil { throw ResponsesStore.notFound(previous, param: "previous_response_id") }
            }
            // A follow-up to another model (one that deployment does not serve) continues the stored conversation by
            // translation, as for a translated response; without a stored one, the pipeline refuses it.
            let model = body["model"]?.stringValue ?? ""
            if let deployment = pinned?.deploymentID, !history.isEmpty,
                !runner.models.catalog.deployments(for: model, teamID: principal.teamID).contains(where: { $0.id == deployment })
            {
                pinned = nil
            }
        }
        // A request that may go to a deployment speaking the Responses API keeps what chat cannot express (built-in
        // tools, fields chat lacks) for that deployment; any other refuses it then (``NativeRequest/untranslated``).
        let mayGoNative = history.isEmpty || pinned != nil
        let kept = mayGoNative ? try ResponsesRequestTranslator.translateKeepingNative(body, history: history) : nil
        let translation = try kept?.translation ?? ResponsesRequestTranslator.translate(body, history: history)
        let stored = (body["store"]?.boolValue ?? true) && store.isAvailable
        let id = ResponsesIDs.response()
        let skeleton = ResponsesResponseTranslator.skeleton(
            id: id, createdAt: Int(Date().timeIntervalSince1970), request: body, stored: stored)
        let exchange = ResponsesExchange(
            id: id, principal: principal, history: history, inputItems: translation.inputItems, stored: stored, store: store,
            logger: context.logger)
        var gatewayRequest = IncomingRequest.gatewayRequest(request, context: context, endpoint: .responses, body: translation.chat)
        // A deployment that speaks the Responses API gets the body as sent. A follow-up of a response it created goes
        // to it alone, natively (the view carries the stored conversation, when there is one, for the hooks). A
        // follow-up of a translated response continues the conversation the gateway stored, which only the
        // translation can send (the upstream never saw its start).
        if let kept {
            gatewayRequest.native = NativeRequest(
                dialect: .openAIResponses, body: body, view: translation.chat, untranslated: kept.untranslated, hostedTools: kept.hostedTools)
            gatewayRequest.pinnedDeploymentID = pinned?.deploymentID
        }
        let untranslated = kept?.untranslated ?? []
        let answer: GatewayResponse
        do {
            answer = try await runner.handle(gatewayRequest)
        } catch var error as GatewayError {
            // An error about the chat view (a chat or Anthropic deployment refusing a parameter) names the field the
            // client sent; the untranslated fields are named as sent already.
            if let param = error.param, !untranslated.contains(param) {
                let field =
                    kept?.field(ofViewParam: param, history: history)
                    ?? ResponsesRequestTranslator.field(ofViewParam: param, in: body, history: history)
                error.param = field
                error.message = error.message.replacingOccurrences(of: "'\(param)'", with: "'\(field)'")
            }
            throw error
        }
        switch answer {
        case .stream(let chunks):
            return Self.stream(chunks, skeleton: skeleton, exchange: exchange)
        case .json(let completion):
            return Self.json(await exchange.keep(ResponsesResponseTranslator.response(fromChat: completion, skeleton: skeleton)))
        case .native(let answer):
            guard let bytes = answer.rendered(for: .openAIResponses) else {
                // A hook changed the answer in a way the upstream's body cannot carry: the changed view, translated.
                return Self.json(await exchange.keep(ResponsesResponseTranslator.response(fromChat: answer.view, skeleton: skeleton)))
            }
            let kept = await exchange.keep(answer.body)
            return kept == answer.body ? ResponseRendering.json(bytes: bytes) : Self.json(kept)
        }
    }

    static func json(_ json: JSON) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: json.serialized()))
    }
}
