extension AccessGroupGraph {
    /// Names a group may not take: they mean something else in a model list.
    public static let reservedNames: Set<String> = [
        ModelAccessPolicy.allModels, ModelAccessPolicy.allProxyModels, ModelAccessPolicy.allTeamModels, ModelAccessPolicy.noDefaultModels,
    ]

    /// Checks a write that sets `groupID`'s database members to `members`, against this graph (the state before
    /// the write). Run it before storing; on success store the returned members.
    ///
    /// Rules, in order:
    /// 1. the name is not empty, has no `*`, is not reserved (`*`, `all-proxy-models`, ...) and is not a known model;
    /// 2. the group does not list itself;
    /// 3. every member is a known model or a known group, config or database. With `knownModels == nil` (no model
    ///    list available, LiteLLM's DB-only mode) groups still count as known, and every other name is refused:
    ///    fail closed, as the seed's review required;
    /// 4. no cycle: the group must not be reachable from its own members (the error names the path);
    /// 5. the nesting through this group stays within ``maxDepth``.
    /// - Parameters:
    ///   - groupID: the group being created or updated.
    ///   - members: its new member list (replaces the database members; config members stay).
    ///   - knownModels: the public model names that exist, or nil when no model list is available.
    /// - Returns: the members with duplicates removed, order kept.
    /// - Throws: ``AccessGroupValidationError`` naming the first rule broken.
    @discardableResult
    public func validateWrite(groupID: String, members: [String], knownModels: Set<String>?) throws(AccessGroupValidationError) -> [String] {
        if groupID.isEmpty { throw .invalidName(groupID, reason: "it is empty") }
        if Self.reservedNames.contains(groupID) { throw .invalidName(groupID, reason: "it is reserved") }
        if ModelWildcard.isPattern(groupID) { throw .invalidName(groupID, reason: "it contains '*'") }
        if !isGroup(groupID), knownModels?.contains(groupID) == true || knownDeploymentModels.contains(groupID) {
            throw .invalidName(groupID, reason: "a model has this name")
        }

        var seen: Set<String> = []
        let unique = members.filter { seen.insert($0).inserted }
        if seen.contains(groupID) { throw .selfReference(groupID) }

        let unknown = unique.filter { !isGroup($0) && !(knownModels?.contains($0) ?? false) }
        if !unknown.isEmpty { throw .unknownMembers(unknown, group: groupID, databaseOnly: knownModels == nil) }

        var after = edgeMap
        // Config members of the group stay: they come from deployments, not from this write.
        let configMembers = configMembers(of: groupID)
        after[groupID] = configMembers + unique.filter { !configMembers.contains($0) }

        if let path = Self.cycle(through: groupID, in: after) { throw .cycle(path) }
        let depth = Self.levelsAbove(groupID, in: after) + Self.levelsBelow(groupID, in: after) - 1
        if depth > Self.maxDepth { throw .tooDeep(groupID, depth: depth) }
        return unique
    }

    /// A path `group → … → group` through `edges`, or nil when `group` cannot reach itself. Depth-first with a
    /// visited set, so an unrelated cycle elsewhere in stored data cannot loop.
    static func cycle(through group: String, in edges: [String: [String]]) -> [String]? {
        var visited: Set<String> = []
        var path: [String] = [group]
        func search(_ current: String) -> Bool {
            for member in edges[current] ?? [] where edges[member] != nil {
                if member == group {
                    path.append(member)
                    return true
                }
                guard visited.insert(member).inserted else { continue }
                path.append(member)
                if search(member) { return true }
                path.removeLast()
            }
            return false
        }
        return search(group) ? path : nil
    }

    /// Levels of groups from `group` down to its deepest nested group, `group` counted (1 when it nests none).
    static func levelsBelow(_ group: String, in edges: [String: [String]]) -> Int {
        var memo: [String: Int] = [:]
        var inProgress: Set<String> = []
        func height(_ current: String) -> Int {
            if let known = memo[current] { return known }
            // A cycle elsewhere in stored data: count the repeated group once and stop.
            guard inProgress.insert(current).inserted else { return 0 }
            let below = (edges[current] ?? []).filter { edges[$0] != nil }.map(height).max() ?? 0
            inProgress.remove(current)
            memo[current] = below + 1
            return below + 1
        }
        return height(group)
    }

    /// Levels of groups from the outermost group containing `group` down to `group`, `group` counted.
    static func levelsAbove(_ group: String, in edges: [String: [String]]) -> Int {
        var parents: [String: [String]] = [:]
        for (parent, members) in edges {
            for member in members where edges[member] != nil { parents[member, default: []].append(parent) }
        }
        var memo: [String: Int] = [:]
        var inProgress: Set<String> = []
        func height(_ current: String) -> Int {
            if let known = memo[current] { return known }
            guard inProgress.insert(current).inserted else { return 0 }
            let above = (parents[current] ?? []).map(height).max() ?? 0
            inProgress.remove(current)
            memo[current] = above + 1
            return above + 1
        }
        return height(group)
    }
}
