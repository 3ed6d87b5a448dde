/// A provider whose errors, whole or mid-stream, carry none of the deployment's secrets: what ``ProviderRegistry``
/// hands out for every provider, built-in or a plugin's, so no provider can forget.
///
/// The secrets are asked for only when an error is thrown, so a call that succeeds pays one closure per chunk.
struct ScrubbedProvider: Provider {
    let base: any Provider

    var nativeDialects: Set<Dialect> { base.nativeDialects }

    func nativeDialects(for deployment: Deployment) -> Set<Dialect> { base.nativeDialects(for: deployment) }

    func configurationProblem(of deployment: Deployment) -> String? { base.configurationProblem(of: deployment) }

    init(_ base: any Provider) {
        // Never wrapped twice (a registry built from another registry's providers).
        self.base = (base as? ScrubbedProvider)?.base ?? base
    }

    func send(_ call: UpstreamCall) async throws -> GatewayResponse {
        let response: GatewayResponse
        do {
            response = try await base.send(call)
        } catch {
            throw Self.scrubber(base, call.deployment).scrub(error)
        }
        switch response {
        case .json, .native:
            return response
        case .stream(let chunks):
            let base = base
            let deployment = call.deployment
            return .stream(
                ChunkStream {
                    let iterator = IteratorBox(chunks.makeAsyncIterator())
                    return {
                        do {
                            return try await iterator.next()
                        } catch {
                            throw ScrubbedProvider.scrubber(base, deployment).scrub(error)
                        }
                    }
                })
        }
    }

    func secrets(of deployment: Deployment) -> [String] { base.secrets(of: deployment) }

    fileprivate static func scrubber(_ provider: any Provider, _ deployment: Deployment) -> SecretScrubber {
        SecretScrubber(provider.secrets(of: deployment))
    }
}

extension ScrubbedProvider: TokenCounting {
    var countsTokens: Bool { base is any TokenCounting }

    func countTokens(_ body: NativeBody, deployment: Deployment) async throws -> JSON {
        guard let counting = base as? any TokenCounting else {
            throw GatewayError.badRequest("The model '\(deployment.modelName)' cannot count tokens upstream.", param: "model")
        }
        do {
            return try await counting.countTokens(body, deployment: deployment)
        } catch {
            throw Self.scrubber(base, deployment).scrub(error)
        }
    }
}
