import Testing

@testable import GatewayCore

struct SecretScrubberTests {
    let scrubber = SecretScrubber(["sk-live/abc+def=", "tok-123456"])

    @Test func replacesEveryFormOfEverySecret() {
        #expect(scrubber.scrub("invalid key: Bearer sk-live/abc+def= (tok-123456)") == "invalid key: Bearer [redacted] ([redacted])")
        // Percent-encoded (a query string) and JSON-escaped (a raw error body).
        #expect(scrubber.scrub("GET /v1?key=sk-live%2Fabc%2Bdef%3D") == "GET /v1?key=[redacted]")
        #expect(scrubber.scrub(#"{"key":"sk-live\/abc+def="}"#) == #"{"key":"[redacted]"}"#)
        #expect(scrubber.scrub("nothing secret here") == "nothing secret here")
    }

    @Test func leavesShortAndEmptySecretsAlone() {
        let short = SecretScrubber(["", "abc"])
        #expect(short.isEmpty)
        #expect(short.scrub("abc abc") == "abc abc")
    }

    @Test func scrubsAnErrorsMessageParamAndCode() {
        var error = GatewayError.badGateway("echo tok-123456", code: "tok-123456")
        error.param = "tok-123456"
        let scrubbed = scrubber.scrub(error)
        #expect(scrubbed.message == "echo [redacted]")
        #expect(scrubbed.param == "[redacted]")
        #expect(scrubbed.code == "[redacted]")
        #expect(scrubbed.status == error.status)
    }

    @Test func scrubsAStreamsErrorAndPassesItsChunks() async throws {
        let chunk = StreamChunk(json: ["id": "tok-123456"])
        let source = ChunkStream {
            let box = SentFlag()
            return {
                if box.take() { return chunk }
                throw GatewayError.badGateway("failed: tok-123456")
            }
        }
        var iterator = scrubber.scrub(source).makeAsyncIterator()
        // Chunks are the upstream's content: passed as they are.
        #expect(try await iterator.next()?.json == chunk.json)
        await #expect(throws: GatewayError.badGateway("failed: [redacted]")) { try await iterator.next() }
    }

    @Test func deploymentSecretsAreTheCredentialsOnly() {
        var deployment = Deployment(
            id: "d", modelName: "m", provider: "openai", upstreamModel: "x", apiBase: "https://user:base-password@host/v1", apiKey: "sk-key")
        deployment.extraParams = [
            "aws_secret_access_key": "aws-secret", "azure_ad_token": "ad-token", "max_tokens": 100, "temperature": 0.5, "api_version": "2024-01",
        ]
        #expect(Set(deployment.secrets) == ["sk-key", "aws-secret", "ad-token", "base-password"])
    }
}

/// True once, then false.
private final class SentFlag: @unchecked Sendable {
    private var first = true
    func take() -> Bool {
        defer { first = false }
        return first
    }
}
