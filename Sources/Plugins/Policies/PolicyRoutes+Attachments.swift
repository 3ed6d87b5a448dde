import Foundation
import GatewayCore

/// Attachments: `POST /policies/attachments`, `GET /policies/attachments/list`,
/// `GET /policies/attachments/{attachment_id}`, `DELETE /policies/attachments/{attachment_id}`.
///
/// A body names `policy_name` and its scope: `"scope": "*"` (every request), or any of `teams`, `keys` (key alias
/// or hash), `models` and `tags`, lists of names or `*` patterns; every list given must match. The store checks,
/// in the insert's transaction, that the policy has a production version.
extension PolicyRoutes {
    var attachmentRoutes: [AdminRoute] {
        [
            AdminRoute(.post, "/policies/attachments", access: .admin) { try await createAttachment($0) },
            AdminRoute(.get, "/policies/attachments/list", access: .adminOrViewer) { _ in
                let attachments = try await store.policyAttachments()
                return ["attachments": .array(attachments.map(PolicyView.attachment)), "total_count": .int(attachments.count)]
            },
            AdminRoute(.get, "/policies/attachments/{attachment_id}", access: .adminOrViewer) { request in
                let id = request.parameters["attachment_id"] ?? ""
                guard let attachment = try await store.policyAttachment(id: id) else { throw Self.unknownAttachment(id) }
                return PolicyView.attachment(attachment)
            },
            AdminRoute(.delete, "/policies/attachments/{attachment_id}", access: .admin) { request in
                let id = request.parameters["attachment_id"] ?? ""
                guard try await store.deletePolicyAttachment(id: id) else { throw Self.unknownAttachment(id) }
                try await registry.reloadAttachments(from: store)
                return ["message": .string("Attachment '\(id)' deleted.")]
            },
        ]
    }

    private func createAttachment(_ request: AdminRequest) async throws -> JSON {
        let body = request.body
        let name = try PolicyInput.name(body)
        var attachment = PolicyAttachment(
            id: UUID().uuidString.lowercased(), policyName: name, createdAt: now(), createdBy: request.principal.subject)
        if let scope = body["scope"], !scope.isNull {
            guard scope.stringValue == "*" else {
                throw GatewayError.badRequest("'scope' must be \"*\" (every request) or left out.", param: "scope", code: "invalid_attachment")
            }
            attachment.global = true
        }
        attachment.teams = try Self.patterns(body, "teams")
        attachment.keys = try Self.patterns(body, "keys")
        attachment.models = try Self.patterns(body, "models")
        attachment.tags = try Self.patterns(body, "tags")
        let scoped = !(attachment.teams.isEmpty && attachment.keys.isEmpty && attachment.models.isEmpty && attachment.tags.isEmpty)
        guard attachment.global != scoped else {
            throw GatewayError.badRequest(
                "Give either \"scope\": \"*\" or at least one of teams, keys, models, tags (not both).", param: "scope", code: "invalid_attachment")
        }
        try await mapped { try await store.createPolicyAttachment(attachment) }
        try await registry.reloadAttachments(from: store)
        return PolicyView.attachment(attachment)
    }

    private static func patterns(_ body: JSON, _ field: String) throws -> [String] {
        guard let value = body[field], !value.isNull else { return [] }
        guard let list = value.arrayValue, list.allSatisfy({ $0.stringValue?.isEmpty == false }) else {
            throw GatewayError.badRequest("'\(field)' must be a list of names or * patterns.", param: field, code: "invalid_attachment")
        }
        return list.compactMap(\.stringValue)
    }

    static func unknownAttachment(_ id: String) -> GatewayError {
        .notFound("No policy attachment with id '\(id)'.", code: "attachment_not_found")
    }
}
