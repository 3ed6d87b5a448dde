import GatewayCore

/// The body of `/access_group/new` and `/access_group/update`: LiteLLM's `{access_group, model_names, model_ids}`,
/// or Tollgate's earlier `{access_group_id, access_model_names}` (still accepted).
struct AccessGroupRequest: Decodable {
    var modelNames: [String]?
    var legacyMembers: [String]?
    var modelIDs: [String]?
    var description: String?

    enum CodingKeys: String, CodingKey {
        case modelNames = "model_names", legacyMembers = "access_model_names", modelIDs = "model_ids", description
    }

    /// The members named (LiteLLM's `model_names`, else `access_model_names`); nil when neither is given.
    var members: [String]? { modelNames ?? legacyMembers }

    /// The field the members came from, for error messages.
    var membersField: String { modelNames != nil ? "model_names" : "access_model_names" }

    /// The group's name: the path's `{access_group}`, else the body's or query's `access_group` or `access_group_id`.
    /// - Throws: 400 naming `access_group` when none is given.
    static func groupID(in request: AdminRequest) throws -> String {
        for candidate in [request.parameters["access_group"], request.body["access_group"]?.stringValue, request.query["access_group"]] {
            if let candidate, !candidate.isEmpty { return candidate }
        }
        if let legacy = request.body["access_group_id"]?.stringValue ?? request.query["access_group_id"], !legacy.isEmpty { return legacy }
        throw GatewayError.badRequest("The 'access_group' field is required.", param: "access_group")
    }
}
