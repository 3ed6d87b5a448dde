import GatewayCore
import HTTPTypes

extension GatewayError {
    /// The client-facing error for a refused policy store write.
    static func policy(_ error: PolicyStoreError) -> GatewayError {
        switch error {
        case .nameTaken(let name):
            return GatewayError(
                status: .conflict, message: "A policy named '\(name)' already exists; create a new version of it instead.",
                type: "invalid_request_error", param: "policy_name", code: "policy_exists")
        case .unknownPolicy(let name):
            return .notFound("No policy named '\(name)'.", code: "policy_not_found")
        case .unknownVersion(let id):
            return .notFound("No policy version with id '\(id)'.", code: "policy_not_found")
        case .notDraft(let id, let status):
            return .badRequest(
                "Policy version '\(id)' is \(status.rawValue); only draft versions can be edited. Create a new version instead.",
                param: "policy_id", code: "policy_not_draft")
        case .invalidTransition(let from, let to):
            return .badRequest(
                "A \(from.rawValue) version cannot become \(to.rawValue): versions go draft → published → production (and production → published).",
                param: "version_status", code: "invalid_policy_transition")
        case .shadowNeedsPublished(let status):
            return .badRequest(
                "Only a published version can run in shadow mode; this one is \(status.rawValue).", param: "enabled",
                code: "invalid_policy_transition")
        case .noProductionVersion(let name):
            return .badRequest(
                "Policy '\(name)' has no production version; promote one before attaching it.", param: "policy_name",
                code: "policy_not_in_production")
        }
    }
}
