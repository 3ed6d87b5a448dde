import GatewayCore

/// A model added through the API, as the store holds it (entity kind `model`): config.yaml's `model_list` entry
/// shape with its credentials encrypted, plus who changed it and when.
///
/// `team_id` is copied to the top level so stores index it (a team's models can be listed without a scan).
struct StoredModel: Sendable, Equatable {
    var id: String
    var modelName: String
    /// `litellm_params`, secrets encrypted (``SecretParams``).
    var params: [String: JSON]
    /// `model_info` without `id` (the id is ``id``).
    var info: [String: JSON]
    var createdAt: Double
    var updatedAt: Double
    var createdBy: String
    var updatedBy: String

    var teamID: String? { info["team_id"]?.stringValue }

    init(
        id: String, modelName: String, params: [String: JSON], info: [String: JSON], createdAt: Double, updatedAt: Double,
        createdBy: String, updatedBy: String
    ) {
        self.id = id
        self.modelName = modelName
        self.params = params
        self.info = info
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.updatedBy = updatedBy
    }

    /// Reads a stored document. - Throws: ``StoreDocumentError`` when a required field is missing.
    init(document: JSON) throws {
        guard let id = document["model_id"]?.stringValue, let name = document["model_name"]?.stringValue,
            let params = document["litellm_params"]?.objectValue
        else { throw StoreDocumentError() }
        self.init(
            id: id, modelName: name, params: params, info: document["model_info"]?.objectValue ?? [:],
            createdAt: document["created_at"]?.doubleValue ?? 0, updatedAt: document["updated_at"]?.doubleValue ?? 0,
            createdBy: document["created_by"]?.stringValue ?? "", updatedBy: document["updated_by"]?.stringValue ?? "")
    }

    struct StoreDocumentError: Error, CustomStringConvertible {
        var description: String { "a stored model lacks model_id, model_name or litellm_params" }
    }

    /// The document to store (credentials as they are in ``params``: encrypted).
    var document: JSON {
        var document: [String: JSON] = [
            "model_id": .string(id), "model_name": .string(modelName), "litellm_params": .object(params), "model_info": .object(info),
            "created_at": .double(createdAt), "updated_at": .double(updatedAt), "created_by": .string(createdBy),
            "updated_by": .string(updatedBy),
        ]
        if let teamID { document["team_id"] = .string(teamID) }
        return .object(document)
    }

    /// The routable deployment: credentials decrypted, `os.environ/NAME` resolved.
    /// - Throws: ``ConfigError`` for a bad entry or an unset variable, a cipher error for a value this key cannot read.
    func deployment(cipher: CredentialCipher, environment: [String: String], prices: PriceTable) throws -> Deployment {
        let path = "model '\(id)'"
        let params = try SecretParams.decrypted(params, with: cipher)
        var info = info
        info["id"] = .string(id)
        let entry: JSON = ["model_name": .string(modelName), "litellm_params": .object(params), "model_info": .object(info)]
        return try Deployment(parsing: entry.resolvingEnvironmentReferences(environment, path: path), path: path, prices: prices)
    }

    /// What answers and audit rows show: the `model_list` entry with secrets masked.
    var publicView: JSON {
        var info = info
        info["id"] = .string(id)
        info["db_model"] = true
        info["created_at"] = .double(createdAt)
        info["updated_at"] = .double(updatedAt)
        info["created_by"] = .string(createdBy)
        info["updated_by"] = .string(updatedBy)
        return ["model_name": .string(modelName), "litellm_params": .object(SecretParams.masked(params)), "model_info": .object(info)]
    }
}
