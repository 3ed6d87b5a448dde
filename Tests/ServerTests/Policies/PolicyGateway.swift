import Foundation
import GatewayCore
import GatewayTesting
import NIOHTTP1
import Testing

/// A gateway with virtual keys, `policies`, `guardrails` and the spend log, on either store.
///
/// | guardrail | kind | mode |
/// | --- | --- | --- |
/// | `no-banana` | keywords `banana`, block | pre_call |
/// | `no-ssn` | pii us_ssn, block | pre_call |
/// | `mask-email` | pii email, mask | pre_call |
/// | `no-launch-codes` | keywords `launch codes`, block | post_call |
///
/// None is `default_on`: whatever blocks here was chosen by a policy.
struct PolicyGateway {
    let keys: KeyTestGateway

    static let plugins = [
        #"{"name": "spend-log", "config": {"flush_interval_seconds": 0.05}}"#, #"{"name": "policies", "config": {"refresh_seconds": 60}}"#,
        """
        {"name": "guardrails", "config": {"guardrails": [
          {"name": "no-banana", "kind": "keywords", "keywords": ["banana"]},
          {"name": "no-ssn", "kind": "pii", "entities": ["us_ssn"]},
          {"name": "mask-email", "kind": "pii", "entities": ["email"], "action": "mask"},
          {"name": "no-launch-codes", "kind": "keywords", "keywords": ["launch codes"], "mode": "post_call"}
        ]}}
        """,
    ]

    static func run(_ backend: KeyBackend, _ body: (PolicyGateway) async throws -> Void) async throws {
        try await KeyTestGateway.run(backend, pluginsAfterKeys: plugins) { keys in try await body(PolicyGateway(keys: keys)) }
    }

    var master: String { KeyTestGateway.master }

    // MARK: Policy API

    func post(_ path: String, _ body: JSON) async throws -> TestEndpoint.Reply { try await keys.post(path, body) }

    func put(_ path: String, _ body: JSON) async throws -> TestEndpoint.Reply {
        try await keys.endpoint.request(.PUT, path, body: body.serializedString(), headers: ["authorization": "Bearer \(master)"])
    }

    func delete(_ path: String) async throws -> TestEndpoint.Reply {
        try await keys.endpoint.request(.DELETE, path, headers: ["authorization": "Bearer \(master)"])
    }

    func get(_ path: String) async throws -> TestEndpoint.Reply { try await keys.get(path) }

    /// Creates a policy (version 1, in production); - Returns: its version id.
    @discardableResult
    func createPolicy(_ name: String, add: [String], extra: JSON = [:]) async throws -> String {
        var body: JSON = ["policy_name": .string(name), "guardrails_add": .array(add.map(JSON.string))]
        for (field, value) in extra.objectValue ?? [:] { body[field] = value }
        let reply = try await post("/policies", body)
        #expect(reply.status == 200, "\(reply.body)")
        return try #require(reply.json?["policy_id"]?.stringValue)
    }

    /// A new draft of `name` with `fields` on top of its production version; - Returns: the draft's id.
    func newVersion(_ name: String, _ fields: JSON = [:]) async throws -> String {
        let reply = try await post("/policies/name/\(name)/versions", fields)
        #expect(reply.status == 200, "\(reply.body)")
        return try #require(reply.json?["policy_id"]?.stringValue)
    }

    func setStatus(_ id: String, _ status: String) async throws -> TestEndpoint.Reply {
        try await put("/policies/\(id)/status", ["version_status": .string(status)])
    }

    func attach(_ body: JSON) async throws -> TestEndpoint.Reply { try await post("/policies/attachments", body) }

    func resolve(_ body: JSON) async throws -> JSON {
        let reply = try await post("/policies/resolve", body)
        #expect(reply.status == 200, "\(reply.body)")
        return reply.json ?? .null
    }

    // MARK: Traffic

    func chat(_ text: String, key: String? = nil, model: String = "gpt-test", stream: Bool = false) async throws -> TestEndpoint.Reply {
        try await keys.endpoint.post("/v1/chat/completions", json: GatewayFixture.chat(model, text, stream: stream), key: key ?? master)
    }

    /// The spend-log row of a request, once flushed.
    func spendLogRow(requestID: String) async throws -> JSON {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if let row = try await get("/spend/logs?request_id=\(requestID)").json?[0] { return row }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestFailure("no spend log row for request \(requestID)")
    }
}

extension TestEndpoint.Reply {
    var errorType: String? { json?["error"]?["type"]?.stringValue }
}
