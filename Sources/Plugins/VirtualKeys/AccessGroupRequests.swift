import GatewayCore

/// The body of `/access_group/new` and `/access_group/update`.
struct AccessGroupRequest: Decodable {
    var members: [String]?
    var description: String?

    enum CodingKeys: String, CodingKey { case members = "access_model_names", description }
}
