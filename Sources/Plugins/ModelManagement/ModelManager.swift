import Foundation
import GatewayCore
import Logging

/// The models managed through the API: stored (credentials encrypted, with an audit row per write) and applied
/// to the live ``ModelDirectory`` in the same call, so the next request routes with the change.
///
/// Other gateway processes pick changes up with ``reload()`` (run when notified of a change, and on an interval). A
/// reload that overlaps a write in this process is dropped, so it cannot undo the write (that write's own
/// notification brings another reload): writes bump ``generation`` before they store and again once applied, since a
/// reload that started while the write was in flight may have read the store before the write committed.
actor ModelManager {
    let store: any GatewayStore
    let models: ModelDirectory
    let cipher: CredentialCipher
    let environment: [String: String]
    /// config.yaml's `model_prices`, so runtime models are priced as config ones.
    let prices: PriceTable
    let logger: Logger
    /// Bumped before and after every write; a reload applies its result only when it is unchanged.
    private var generation: UInt64 = 0

    init(
        store: any GatewayStore, models: ModelDirectory, cipher: CredentialCipher, environment: [String: String], prices: PriceTable = PriceTable(),
        logger: Logger
    ) {
        self.store = store
        self.models = models
        self.cipher = cipher
        self.environment = environment
        self.prices = prices
        self.logger = logger
    }

    // MARK: Loading

    /// Reads every stored model into the directory. A model that cannot be used (its credentials encrypted with
    /// another key, an unknown provider, an unset `os.environ/` variable) is left out and logged by id.
    func reload() async throws {
        let started = generation
        let documents = try await store.listEntities(.model, where: nil, limit: Int(Int32.max), offset: 0)
        var deployments: [Deployment] = []
        for document in documents {
            do {
                let deployment = try StoredModel(document: document).deployment(cipher: cipher, environment: environment, prices: prices)
                try models.validate(deployment)
                deployments.append(deployment)
            } catch {
                let id = document["model_id"]?.stringValue ?? "?"
                logger.error("stored model left out", metadata: ["model_id": .string(id), "error": "\(error)"])
            }
        }
        // Unchanged models are left alone: a replace would also drop the access-group cache for nothing.
        guard generation == started, Set(deployments) != Set(models.runtimeDeployments) else { return }
        models.replaceRuntime(deployments)
    }

    // MARK: Reads

    /// The stored model with this id (fresh from the store).
    /// - Throws: 400 for a config.yaml model (not editable here), 404 when unknown.
    func stored(id: String) async throws -> StoredModel {
        if models.isConfigModel(id: id) {
            throw GatewayError.badRequest(
                "The model '\(id)' is defined in config.yaml and cannot be changed through the API. Edit config.yaml instead.",
                param: "id", code: "config_model_not_editable")
        }
        guard let document = try await store.entity(.model, id: id) else {
            throw GatewayError.notFound("The model '\(id)' does not exist.", param: "id", code: "model_not_found")
        }
        return try StoredModel(document: document)
    }

    // MARK: Writes

    /// Stores a new model and makes it routable. - Returns: what the answer shows (secrets masked).
    func create(_ model: StoredModel, by principal: Principal) async throws -> JSON {
        if models.isConfigModel(id: model.id) {
            throw GatewayError.badRequest("A config.yaml model already has the id '\(model.id)'.", param: "model_info.id", code: "already_exists")
        }
        let deployment = try routable(model)
        generation += 1
        do {
            try await store.insertEntity(
                .model, id: model.id, document: model.document,
                audit: AuditLogEntry(
                    by: principal, .created, objectType: EntityKind.model.rawValue, objectID: model.id, before: nil, after: model.publicView))
        } catch let error as StoreError where error.isConflict {
            throw GatewayError.badRequest("A model with the id '\(model.id)' already exists.", param: "model_info.id", code: "already_exists")
        }
        models.upsert(deployment)
        generation += 1
        if deployment.pricing == .unknown {
            logger.warning("\(PriceSource.unknownPriceWarning)", metadata: ["model": "\(deployment.modelName)", "deployment": "\(deployment.id)"])
        }
        return model.publicView
    }

    /// Replaces a stored model and applies the change. - Returns: what the answer shows (secrets masked).
    func replace(_ before: StoredModel, with after: StoredModel, by principal: Principal) async throws -> JSON {
        let deployment = try routable(after)
        generation += 1
        do {
            try await store.updateEntity(
                .model, id: after.id, document: after.document,
                audit: AuditLogEntry(
                    by: principal, .updated, objectType: EntityKind.model.rawValue, objectID: after.id, before: before.publicView,
                    after: after.publicView))
        } catch let error as StoreError where error.isNotFound {
            throw GatewayError.notFound("The model '\(after.id)' does not exist.", param: "id", code: "model_not_found")
        }
        models.upsert(deployment)
        generation += 1
        return after.publicView
    }

    /// Deletes a stored model and stops routing to it.
    func delete(_ model: StoredModel, by principal: Principal) async throws {
        generation += 1
        let existed = try await store.deleteEntity(
            .model, id: model.id,
            audit: AuditLogEntry(
                by: principal, .deleted, objectType: EntityKind.model.rawValue, objectID: model.id, before: model.publicView, after: nil))
        models.remove(id: model.id)
        generation += 1
        if !existed { throw GatewayError.notFound("The model '\(model.id)' does not exist.", param: "id", code: "model_not_found") }
    }

    /// The deployment a stored model routes as, checked against the providers.
    /// - Throws: 400 with the parser's or the provider check's message (which never holds a secret).
    private func routable(_ model: StoredModel) throws -> Deployment {
        do {
            let deployment = try model.deployment(cipher: cipher, environment: environment, prices: prices)
            try models.validate(deployment)
            return deployment
        } catch let error as ConfigError {
            throw GatewayError.badRequest("Invalid model: \(error.message).", param: error.field, code: "invalid_model")
        }
    }
}
