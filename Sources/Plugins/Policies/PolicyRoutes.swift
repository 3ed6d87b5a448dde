import Foundation
import GatewayCore

/// The policy endpoints (LiteLLM's paths). Writes need an admin; reads an admin or an admin viewer.
///
/// | method and path | what it does |
/// | --- | --- |
/// | `POST /policies` | creates a policy: version 1, in production (as LiteLLM does) |
/// | `GET /policies/list?version_status=` | every version, or those with one status (another value is a 400) |
/// | `GET /policies/{policy_id}` | one version |
/// | `PUT /policies/{policy_id}` | edits a draft (any other status is a 400) |
/// | `PUT /policies/{policy_id}/status` | `{"version_status": "published" or "production"}` |
/// | `PUT /policies/{policy_id}/shadow` | `{"enabled": true or false}`: a published version runs beside production, logging only |
/// | `DELETE /policies/{policy_id}` | deletes one version |
/// | `GET /policies/name/{policy_name}/versions` | a policy's versions, newest first |
/// | `POST /policies/name/{policy_name}/versions` | a new draft, copied from `source_policy_id` or production, with the body's fields |
/// | `DELETE /policies/name/{policy_name}/all-versions` | deletes the policy and its attachments |
/// | `GET /policies/compare?version_a=&version_b=` | two versions side by side with their differences |
/// | `GET /policies/{policy_id}/resolved-guardrails` | the version's guardrails after inheritance |
///
/// Attachments and `resolve` are in ``PolicyRoutes`` extensions. Every write re-reads the policy it changed into the
/// registry before answering, so the next request sees it.
struct PolicyRoutes {
    let store: any PolicyStore
    let registry: PolicyRegistry
    let guardrails: GuardrailCatalog

    var routes: [AdminRoute] {
        [
            AdminRoute(.post, "/policies", access: .admin) { try await create($0) },
            AdminRoute(.get, "/policies/list", access: .adminOrViewer) { try await list($0) },
            AdminRoute(.get, "/policies/compare", access: .adminOrViewer) { try await compare($0) },
            AdminRoute(.get, "/policies/{policy_id}", access: .adminOrViewer) { PolicyView.version(try await version($0)) },
            AdminRoute(.put, "/policies/{policy_id}", access: .admin) { try await updateDraft($0) },
            AdminRoute(.put, "/policies/{policy_id}/status", access: .admin) { try await setStatus($0) },
            AdminRoute(.put, "/policies/{policy_id}/shadow", access: .admin) { try await setShadow($0) },
            AdminRoute(.delete, "/policies/{policy_id}", access: .admin) { try await deleteVersion($0) },
            AdminRoute(.get, "/policies/{policy_id}/resolved-guardrails", access: .adminOrViewer) { try await resolvedGuardrails($0) },
            AdminRoute(.get, "/policies/name/{policy_name}/versions", access: .adminOrViewer) { try await versions($0) },
            AdminRoute(.post, "/policies/name/{policy_name}/versions", access: .admin) { try await createVersion($0) },
            AdminRoute(.delete, "/policies/name/{policy_name}/all-versions", access: .admin) { try await deletePolicy($0) },
        ] + attachmentRoutes + resolveRoutes
    }

    private var input: PolicyInput { PolicyInput(guardrails: guardrails, snapshot: registry.snapshot) }

    private func create(_ request: AdminRequest) async throws -> JSON {
        let name = try PolicyInput.name(request.body)
        if registry.isConfigured(name) { throw Self.configured(name) }
        let content = try input.content(request.body, policyName: name)
        let created = try await write(name) {
            try await store.createPolicy(name: name, content: content, status: .production, by: request.principal.subject, at: now())
        }
        return PolicyView.version(created)
    }

    private func list(_ request: AdminRequest) async throws -> JSON {
        var status: PolicyStatus?
        if let text = request.query["version_status"], !text.isEmpty {
            guard let parsed = PolicyStatus(rawValue: text) else {
                throw GatewayError.badRequest(
                    "Invalid version_status '\(text)': use draft, published or production.", param: "version_status", code: "invalid_version_status")
            }
            status = parsed
        }
        let versions = try await store.policyVersions(status: status)
        return ["policies": .array(versions.map(PolicyView.version)), "total_count": .int(versions.count)]
    }

    private func version(_ request: AdminRequest) async throws -> PolicyVersion {
        let id = request.parameters["policy_id"] ?? ""
        guard let version = try await store.policyVersion(id: id) else { throw GatewayError.policy(.unknownVersion(id)) }
        return version
    }

    /// One conditional write: the store refuses a version that is not a draft (no read before it).
    private func updateDraft(_ request: AdminRequest) async throws -> JSON {
        let id = request.parameters["policy_id"] ?? ""
        // The fields the body leaves out keep their stored value, which needs the stored draft; the registry has it.
        var cached = registry.snapshot.byID[id]
        if cached == nil { cached = try await store.policyVersion(id: id) }
        guard let current = cached else { throw GatewayError.policy(.unknownVersion(id)) }
        let content = try input.content(request.body, policyName: current.name, base: current.content)
        let updated = try await write(current.name) {
            try await store.updatePolicyDraft(id: id, content: content, by: request.principal.subject, at: now())
        }
        return PolicyView.version(updated)
    }

    private func setStatus(_ request: AdminRequest) async throws -> JSON {
        let id = request.parameters["policy_id"] ?? ""
        let text = request.body["version_status"]?.stringValue ?? ""
        guard let status = PolicyStatus(rawValue: text), status != .draft else {
            throw GatewayError.badRequest(
                "'version_status' must be published or production; got '\(text)'.", param: "version_status", code: "invalid_version_status")
        }
        let versions = try await mapped { try await store.setPolicyStatus(id: id, to: status, by: request.principal.subject, at: now()) }
        return try await answer(changing: id, in: versions)
    }

    private func setShadow(_ request: AdminRequest) async throws -> JSON {
        let id = request.parameters["policy_id"] ?? ""
        guard let enabled = request.body["enabled"]?.boolValue else {
            throw GatewayError.badRequest("'enabled' must be true or false.", param: "enabled", code: "invalid_request")
        }
        let versions = try await mapped { try await store.setPolicyShadow(id: id, enabled: enabled, by: request.principal.subject, at: now()) }
        return try await answer(changing: id, in: versions)
    }

    /// Re-reads the changed policy into the registry and answers with the changed version as the store returned it.
    ///
    /// Not the versions the write returned: tickets order reads, not commits. Two promotions' tickets, taken before
    /// their writes, could be in the opposite order to their commits, and the registry then kept the versions of
    /// the promotion that committed first (seen on Postgres with 20 concurrent promotions). A read whose ticket is
    /// taken after this write committed sees it and every write committed before it.
    private func answer(changing id: String, in versions: [PolicyVersion]) async throws -> JSON {
        guard let changed = versions.first(where: { $0.id == id }) else { throw GatewayError.policy(.unknownVersion(id)) }
        try await registry.reload(name: changed.name, from: store)
        return PolicyView.version(changed)
    }

    private func deleteVersion(_ request: AdminRequest) async throws -> JSON {
        let id = request.parameters["policy_id"] ?? ""
        guard let deleted = try await store.deletePolicyVersion(id: id) else { throw GatewayError.policy(.unknownVersion(id)) }
        try await registry.reload(name: deleted.name, from: store)
        var answer: JSON = ["message": .string("Policy version '\(id)' deleted.")]
        if deleted.status == .production {
            answer["warning"] = .string(
                "The production version was deleted and no other version was promoted: policy '\(deleted.name)' applies to no request until one is.")
        }
        return answer
    }

    private func resolvedGuardrails(_ request: AdminRequest) async throws -> JSON {
        let version = try await version(request)
        let guardrails = PolicyResolver.guardrails(of: version, in: registry.snapshot)
        return ["policy_id": .string(version.id), "policy_name": .string(version.name), "resolved_guardrails": PolicyView.strings(guardrails)]
    }

    private func versions(_ request: AdminRequest) async throws -> JSON {
        let name = request.parameters["policy_name"] ?? ""
        let versions = try await store.policyVersions(name: name)
        guard !versions.isEmpty else { throw GatewayError.policy(.unknownPolicy(name)) }
        return ["policy_name": .string(name), "versions": .array(versions.map(PolicyView.version)), "total_count": .int(versions.count)]
    }

    /// A new draft: the source's content (`source_policy_id`, else production, else the newest version) with the
    /// body's fields on top.
    private func createVersion(_ request: AdminRequest) async throws -> JSON {
        let name = request.parameters["policy_name"] ?? ""
        if registry.isConfigured(name) { throw Self.configured(name) }
        let versions = try await store.policyVersions(name: name)
        guard !versions.isEmpty else { throw GatewayError.policy(.unknownPolicy(name)) }
        let source: PolicyVersion
        if let sourceID = request.body["source_policy_id"]?.stringValue {
            guard let match = versions.first(where: { $0.id == sourceID }) else {
                throw GatewayError.badRequest(
                    "source_policy_id '\(sourceID)' is not a version of policy '\(name)'.", param: "source_policy_id", code: "invalid_policy")
            }
            source = match
        } else {
            source = versions.first { $0.status == .production } ?? versions[0]
        }
        let content = try input.content(request.body, policyName: name, base: source.content)
        let created = try await write(name) {
            try await store.createPolicyVersion(name: name, content: content, by: request.principal.subject, at: now())
        }
        return PolicyView.version(created)
    }

    private func deletePolicy(_ request: AdminRequest) async throws -> JSON {
        let name = request.parameters["policy_name"] ?? ""
        let deleted = try await mapped { try await store.deletePolicy(name: name) }
        try await registry.reload(name: name, from: store)
        try await registry.reloadAttachments(from: store)
        guard !deleted.versions.isEmpty else { throw GatewayError.policy(.unknownPolicy(name)) }
        return [
            "message": .string("Every version of policy '\(name)' deleted."), "versions_deleted": .int(deleted.versions.count),
            "attachments_deleted": .int(deleted.attachments),
        ]
    }

    private func compare(_ request: AdminRequest) async throws -> JSON {
        func load(_ field: String) async throws -> PolicyVersion {
            guard let id = request.query[field], !id.isEmpty else {
                throw GatewayError.badRequest("'\(field)' is required: a policy version id.", param: field, code: "invalid_request")
            }
            guard let version = try await store.policyVersion(id: id) else { throw GatewayError.policy(.unknownVersion(id)) }
            return version
        }
        let a = try await load("version_a")
        let b = try await load("version_b")
        return ["version_a": PolicyView.version(a), "version_b": PolicyView.version(b), "differences": PolicyComparison.differences(a, b)]
    }

    /// Runs a store write that changes policy `name`, maps its refusals, and re-reads the policy into the registry.
    func write<Result: Sendable>(_ name: String, _ body: () async throws -> Result) async throws -> Result {
        let result = try await mapped(body)
        try await registry.reload(name: name, from: store)
        return result
    }

    /// Runs a store call, turning ``PolicyStoreError`` into the client's error.
    func mapped<Result: Sendable>(_ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch let error as PolicyStoreError {
            throw GatewayError.policy(error)
        }
    }

    func now() -> Double { Date().timeIntervalSince1970 }

    /// 400 `invalid_policy`: config.yaml declares the policy, so it changes by editing the file.
    static func configured(_ name: String) -> GatewayError {
        .badRequest(
            "Policy '\(name)' is declared in config.yaml; change it there (a stored policy of that name would be hidden by it).",
            param: "policy_name", code: "invalid_policy")
    }
}
