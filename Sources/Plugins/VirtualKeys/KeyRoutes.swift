import Foundation
import GatewayCore

/// `/key/*`: LiteLLM's virtual key management API.
///
/// Writes are open to any authenticated caller and decided per key by ``KeyAccess`` (proxy admin: any key; team
/// admin: the team's keys; internal user: their own personal keys). Every write stores the key and its audit row
/// in one transaction (the row holds the hash, never the plain key) and drops the key from the auth cache at once.
/// The plain key appears only in the answer of `/key/generate` and `/key/regenerate`.
struct KeyRoutes {
    let directory: IdentityDirectory
    var access: KeyAccess { KeyAccess(directory: directory) }

    var routes: [AdminRoute] {
        [
            AdminRoute(.post, "/key/generate", access: .authenticated, handler: generate),
            AdminRoute(.post, "/key/update", access: .authenticated, handler: update),
            AdminRoute(.post, "/key/delete", access: .authenticated, handler: delete),
            AdminRoute(.get, "/key/info", access: .authenticated, handler: info),
            AdminRoute(.get, "/key/list", access: .authenticated, handler: list),
            AdminRoute(.post, "/key/block", access: .authenticated) { try await setBlocked(true, $0) },
            AdminRoute(.post, "/key/unblock", access: .authenticated) { try await setBlocked(false, $0) },
            AdminRoute(.post, "/key/regenerate", access: .authenticated, handler: regenerate),
        ]
    }

    // MARK: Writes

    /// `POST /key/generate`: a new key, or the caller's own `key` (`sk-...`; an existing one is a 400
    /// `already_exists`). The `key_alias`, when given, must be unused. A `user_id` that does not exist yet is
    /// created (an `internal_user`), as LiteLLM does.
    func generate(_ request: AdminRequest) async throws -> JSON {
        let body = MetadataRules.foldingObjectPermission(request.body, currentMetadata: nil)
        let fields = try KeyRequest.decode(body)
        let now = ManagementSupport.now
        let chosen = body["key"].flatMap { $0.isNull ? nil : $0 }
        let secret = try chosen.map(KeyGenerator.validateCustom) ?? KeyGenerator.newSecret()
        var key = VirtualKeyRecord(keyHash: Secrets.sha256Hex(secret), createdAt: now)
        fields.apply(to: &key, body: body, now: now)
        try MetadataRules.checkChanges(by: request.principal, before: nil, after: key.metadata)
        // A non-admin's key without a team or user is their own personal key (as LiteLLM sets user_id).
        if request.principal.role != .admin, key.teamID == nil, key.userID == nil { key.userID = request.principal.userID }
        key.settings.keyName = KeyGenerator.displayName(of: secret)
        key.settings.createdBy = request.principal.subject
        try await access.authorizeWrite(request.principal, key, route: "/key/generate")
        try await access.validateReferences(key)
        try await access.requireUniqueAlias(key)
        if let userID = key.userID { try await directory.ensureUser(userID, by: request.principal) }
        let audit = AuditLogEntry(
            by: request.principal, .created, objectType: "key", objectID: key.keyHash, before: nil, after: KeyResponse.json(key))
        try await ManagementSupport.storeWrite("Key") { try await directory.store.insertKey(key, audit: audit) }
        directory.invalidateKey(hash: key.keyHash)
        return KeyResponse.withSecret(key, secret: secret)
    }

    func update(_ request: AdminRequest) async throws -> JSON {
        let before = try await access.existingKey(request)
        let body = MetadataRules.foldingObjectPermission(request.body, currentMetadata: before.metadata)
        let fields = try KeyRequest.decode(body)
        try await access.authorizeWrite(request.principal, before, route: "/key/update")
        var after = before
        fields.apply(to: &after, body: body, now: ManagementSupport.now)
        try MetadataRules.checkChanges(by: request.principal, before: before.metadata, after: after.metadata)
        // The changed key must be the caller's to manage too: a team admin cannot move a key to another team.
        try await access.authorizeWrite(request.principal, after, route: "/key/update")
        try await access.validateReferences(after)
        if let userID = after.userID, userID != before.userID { try await directory.ensureUser(userID, by: request.principal) }
        if after.keyAlias != before.keyAlias { try await access.requireUniqueAlias(after) }
        try await write(after, before: before, by: request.principal)
        return KeyResponse.json(after)
    }

    func setBlocked(_ blocked: Bool, _ request: AdminRequest) async throws -> JSON {
        let before = try await access.existingKey(request)
        try await access.authorizeWrite(request.principal, before, route: blocked ? "/key/block" : "/key/unblock")
        var after = before
        after.blocked = blocked
        after.settings.updatedAt = ManagementSupport.now
        try await write(after, before: before, by: request.principal)
        return KeyResponse.json(after)
    }

    func delete(_ request: AdminRequest) async throws -> JSON {
        guard let names = request.body["keys"]?.arrayValue, !names.isEmpty else {
            throw GatewayError.badRequest("The 'keys' field is required: a list of keys or their hashes.", param: "keys")
        }
        var keys: [VirtualKeyRecord] = []
        // Every key is found and authorised before any is deleted, so a bad entry deletes nothing.
        for name in names {
            guard let value = name.stringValue, !value.isEmpty else {
                throw GatewayError.badRequest("'keys' must be a list of keys or hashes.", param: "keys")
            }
            let key = try await access.existingKey(value)
            try await access.authorizeWrite(request.principal, key, route: "/key/delete")
            if !keys.contains(where: { $0.keyHash == key.keyHash }) { keys.append(key) }
        }
        var deleted: [JSON] = []
        for key in keys {
            let audit = AuditLogEntry(
                by: request.principal, .deleted, objectType: "key", objectID: key.keyHash, before: KeyResponse.json(key), after: nil)
            if try await directory.store.deleteKey(hash: key.keyHash, audit: audit) { deleted.append(.string(key.keyHash)) }
            directory.invalidateKey(hash: key.keyHash)
        }
        return ["deleted_keys": .array(deleted)]
    }

    /// `POST /key/regenerate`: a new secret for the key; the other fields of `/key/update` in the body change the
    /// key as they would there (LiteLLM's regenerate takes them too), checked the same way.
    func regenerate(_ request: AdminRequest) async throws -> JSON {
        let old = try await access.existingKey(request)
        let body = MetadataRules.foldingObjectPermission(request.body, currentMetadata: old.metadata)
        let fields = try KeyRequest.decode(body)
        try await access.authorizeWrite(request.principal, old, route: "/key/regenerate")
        let secret = KeyGenerator.newSecret()
        var new = old
        fields.apply(to: &new, body: body, now: ManagementSupport.now)
        try MetadataRules.checkChanges(by: request.principal, before: old.metadata, after: new.metadata)
        try await access.authorizeWrite(request.principal, new, route: "/key/regenerate")
        try await access.validateReferences(new)
        if new.keyAlias != old.keyAlias { try await access.requireUniqueAlias(new) }
        new.keyHash = Secrets.sha256Hex(secret)
        new.settings.keyName = KeyGenerator.displayName(of: secret)
        new.settings.updatedAt = ManagementSupport.now
        let audit = AuditLogEntry(
            by: request.principal, .updated, objectType: "key", objectID: old.keyHash, before: KeyResponse.json(old), after: KeyResponse.json(new))
        try await ManagementSupport.storeWrite("Key") { try await directory.store.insertKey(new, audit: audit) }
        do {
            _ = try await directory.store.deleteKey(hash: old.keyHash, audit: nil)
        } catch {
            // Never leave two working keys: undo the new one and report the failure.
            _ = try? await directory.store.deleteKey(hash: new.keyHash, audit: nil)
            directory.invalidateKey(hash: new.keyHash)
            throw error
        }
        directory.invalidateKey(hash: old.keyHash)
        directory.invalidateKey(hash: new.keyHash)
        return KeyResponse.withSecret(new, secret: secret)
    }

    /// Replaces a stored key with its audit row and drops it from the auth cache.
    private func write(_ key: VirtualKeyRecord, before: VirtualKeyRecord, by principal: Principal) async throws {
        let audit = AuditLogEntry(
            by: principal, .updated, objectType: "key", objectID: key.keyHash, before: KeyResponse.json(before), after: KeyResponse.json(key))
        try await ManagementSupport.storeWrite("Key") { try await directory.store.updateKey(key, audit: audit) }
        directory.invalidateKey(hash: key.keyHash)
    }

    // MARK: Reads

    /// `GET /key/info?key=...`: one key (the caller's own when no key is named).
    func info(_ request: AdminRequest) async throws -> JSON {
        let key: VirtualKeyRecord
        if request.query["key"] == nil, request.query["token"] == nil, let own = request.principal.keyHash {
            key = try await access.existingKey(own)
        } else {
            key = try await access.existingKey(request)
        }
        try await access.authorizeRead(request.principal, key)
        var info = KeyResponse.json(key)
        try await SpendOverlay(store: access.directory.store).apply(SpendScope(.key, key.keyHash), to: &info)
        return ["key": .string(key.keyHash), "info": info]
    }

    /// `GET /key/list?team_id=&user_id=&key_alias=&page=&size=&return_full_object=`: proxy admins and viewers see
    /// every key; a caller with a user id (an internal user's key), as in LiteLLM, its user's keys only (another
    /// `user_id` is a 403); anyone else a 403. Hashes by default, whole key objects with `return_full_object=true`;
    /// never a plain key. `key_alias` is an exact match (indexed). LiteLLM's paging: `page` from 1, `size` 1...100
    /// (default 10), with `total_count`, `current_page` and `total_pages`.
    func list(_ request: AdminRequest) async throws -> JSON {
        var query = request.query
        if !request.principal.role.readsEverything {
            guard let own = request.principal.userID else {
                throw GatewayError.forbidden("Only a proxy admin, an admin viewer or a user may list keys.", code: "route_not_allowed")
            }
            if let asked = query["user_id"], !asked.isEmpty, asked != own {
                throw GatewayError.forbidden("A user may list their own keys only.", code: "route_not_allowed")
            }
            query["user_id"] = own
        }
        let paging = try Paging.parse(query, defaultSize: 10)
        let team = query["team_id"].flatMap { $0.isEmpty ? nil : $0 }, user = query["user_id"].flatMap { $0.isEmpty ? nil : $0 }
        let keys: [VirtualKeyRecord]
        let total: Int
        if let alias = query["key_alias"], !alias.isEmpty {
            // At most a few keys share an alias: the other filters are applied here.
            let matching = try await directory.store.keys(alias: alias).filter {
                (team == nil || $0.teamID == team) && (user == nil || $0.userID == user)
            }
            (keys, total) = (Array(paging.slice(matching)), matching.count)
        } else if let team, let user {
            // Both filters: the store filters by team (indexed), the user is applied here before paging.
            let teamKeys = try await directory.store.listKeys(where: EntityReference(.teamID, team), limit: 100_000, offset: 0)
            let matching = teamKeys.filter { $0.userID == user }
            (keys, total) = (Array(paging.slice(matching)), matching.count)
        } else {
            let filter = team.map { EntityReference(.teamID, $0) } ?? user.map { EntityReference(.userID, $0) }
            keys = try await directory.store.listKeys(where: filter, limit: paging.size, offset: paging.offset)
            total = try await directory.store.countKeys(where: filter)
        }
        let full = query["return_full_object"] == "true"
        var listed: [JSON] = []
        for key in keys {
            guard full else {
                listed.append(.string(key.keyHash))
                continue
            }
            // The spend a key object shows is its counter's, as on /key/info (one read per key of the page).
            var object = KeyResponse.json(key)
            try await SpendOverlay(store: directory.store).apply(SpendScope(.key, key.keyHash), to: &object)
            listed.append(object)
        }
        return [
            "keys": .array(listed), "total_count": .int(total),
            "current_page": .int(paging.page), "total_pages": .int(paging.totalPages(total)), "size": .int(paging.size),
        ]
    }
}
