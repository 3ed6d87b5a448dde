import GatewayCore
import GatewayTesting

/// A gateway with SQLite, master-key auth, virtual keys and the guardrails plugin, in front of the test upstream.
///
/// | guardrail | kind | mode | default_on |
/// | --- | --- | --- | --- |
/// | `no-sesame` | keywords `open sesame`, block | pre_call | yes |
/// | `mask-email` | pii email, mask | pre_call | yes |
/// | `no-launch-codes` | keywords `launch codes`, block | post_call | yes |
/// | `no-ssn` | pii us_ssn, block | pre_call | no |
/// | `no-banana` | keywords `banana`, block | pre_call | no |
enum GuardrailsGateway {
    static let plugins = """
        {"name": "guardrails", "config": {"guardrails": [
          {"name": "no-sesame", "kind": "keywords", "keywords": ["open sesame"], "default_on": true},
          {"name": "mask-email", "kind": "pii", "entities": ["email"], "action": "mask", "default_on": true},
          {"name": "no-launch-codes", "kind": "keywords", "keywords": ["launch codes"], "mode": "post_call", "default_on": true},
          {"name": "no-ssn", "kind": "pii", "entities": ["us_ssn"]},
          {"name": "no-banana", "kind": "keywords", "keywords": ["banana"]}
        ]}}
        """
    static let allDefault = "no-sesame,mask-email,no-launch-codes"

    static func withGateway(_ body: (TestEndpoint, UpstreamRecorder) async throws -> Void) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let manifest = """
            {"plugins": [{"name": "sqlite-store", "config": {"path": "\(directory.path)/tollgate.db"}}, {"name": "master-key-auth"},
              {"name": "virtual-keys"}, \(plugins)]}
            """
        try await TestUpstream.withRunning { upstream, recorder in
            try await TestGateway.withRunning(config: GatewayFixture.config(upstream: upstream), plugins: manifest) { gateway in
                try await body(gateway, recorder)
            }
        }
    }

    /// Makes a key (optionally in a team) and returns its secret.
    static func key(_ gateway: TestEndpoint, _ settings: JSON = [:]) async throws -> String {
        let reply = try await gateway.post("/key/generate", json: settings, key: GatewayFixture.masterKey)
        guard let secret = reply.json?["key"]?.stringValue else { throw TestFailure("key/generate failed: \(reply.status) \(reply.body)") }
        return secret
    }
}
