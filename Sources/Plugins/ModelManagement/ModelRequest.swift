import Foundation
import GatewayCore

/// Reads `/model/new` and `/model/update` bodies (LiteLLM's `Deployment` / `updateDeployment` shapes):
/// `{"model_name": ..., "litellm_params": {...}, "model_info": {...}}`.
enum ModelRequest {
    /// A new model from a `/model/new` body. The id is `model_info.id` or a new UUID; a team model
    /// (`model_info.team_id`) records its public name as `model_info.team_public_model_name`.
    /// - Throws: 400 naming the field at fault.
    static func newModel(_ body: JSON, by principal: Principal, cipher: CredentialCipher) throws -> StoredModel {
        guard let name = body["model_name"]?.stringValue, !name.isEmpty else {
            throw GatewayError.badRequest("The 'model_name' field is required (a non-empty string).", param: "model_name")
        }
        guard let params = body["litellm_params"]?.objectValue else {
            throw GatewayError.badRequest("The 'litellm_params' field is required (an object with at least 'model').", param: "litellm_params")
        }
        var info = try object("model_info", in: body) ?? [:]
        var id = UUID().uuidString.lowercased()
        if let given = info.removeValue(forKey: "id"), !given.isNull { id = try idString(given) }
        if info["team_id"] != nil { info["team_public_model_name"] = .string(name) }
        let now = Date().timeIntervalSince1970
        return StoredModel(
            id: id, modelName: name, params: try SecretParams.encrypted(params, with: cipher), info: info, createdAt: now, updatedAt: now,
            createdBy: principal.subject, updatedBy: principal.subject)
    }

    /// `stored` with the body's fields laid over it: only what the body names changes. Inside `litellm_params`
    /// and `model_info` each key is replaced on its own, and `null` removes it.
    /// - Throws: 400 for a wrong type or an attempt to change the id.
    static func patched(_ stored: StoredModel, with body: JSON, by principal: Principal, cipher: CredentialCipher) throws -> StoredModel {
        var model = stored
        if let name = body["model_name"], !name.isNull {
            guard let name = name.stringValue, !name.isEmpty else {
                throw GatewayError.badRequest("Invalid request: model_name must be a non-empty string.", param: "model_name")
            }
            model.modelName = name
        }
        if let params = try object("litellm_params", in: body) {
            for (key, value) in params { model.params.set(key, value) }
            model.params = try SecretParams.encrypted(model.params, with: cipher)
        }
        if let info = try object("model_info", in: body) {
            for (key, value) in info where key != "id" { model.info.set(key, value) }
            if let id = info["id"], !id.isNull, try idString(id) != stored.id {
                throw GatewayError.badRequest("The model id cannot be changed.", param: "model_info.id")
            }
        }
        if model.teamID != nil {
            model.info["team_public_model_name"] = .string(model.modelName)
        } else {
            model.info.removeValue(forKey: "team_public_model_name")
        }
        model.updatedAt = Date().timeIntervalSince1970
        model.updatedBy = principal.subject
        return model
    }

    /// An optional object field. - Throws: 400 when present and not an object.
    private static func object(_ field: String, in body: JSON) throws -> [String: JSON]? {
        guard let value = body[field], !value.isNull else { return nil }
        guard let object = value.objectValue else {
            throw GatewayError.badRequest("Invalid request: \(field) must be an object.", param: field)
        }
        return object
    }

    private static func idString(_ value: JSON) throws -> String {
        guard let id = value.stringValue, !id.isEmpty else {
            throw GatewayError.badRequest("Invalid request: model_info.id must be a non-empty string.", param: "model_info.id")
        }
        return id
    }
}

extension [String: JSON] {
    /// Sets a member, or removes it for `null` (`JSON` is nil-literal expressible, so `self[key] = nil` would store `null`).
    fileprivate mutating func set(_ key: String, _ value: JSON) {
        if value.isNull { removeValue(forKey: key) } else { self[key] = value }
    }
}
