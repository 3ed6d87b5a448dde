import Foundation
import GatewayCore

extension ModelRoutes {
    /// `GET /v2/model/info`: `/model/info`'s deployments in pages, as LiteLLM's v2 (`page` from 1, `size` 1 to 500,
    /// default 50; `search` matches the public name; `modelId`, `teamId` filter). Answers `data`, `total_count`,
    /// `current_page`, `total_pages` and `size`.
    func pagedInfo(_ request: AdminRequest) async throws -> JSON {
        let page = try Self.positiveInteger(request.query["page"], name: "page", default: 1, max: 1_000_000)
        let size = try Self.positiveInteger(request.query["size"], name: "size", default: 50, max: 500)
        var deployments = visibleDeployments(to: request.principal)
        if let search = request.query["search"], !search.isEmpty {
            deployments = deployments.filter { $0.modelName.localizedCaseInsensitiveContains(search) }
        }
        if let id = request.query["modelId"] ?? request.query["model_id"] { deployments = deployments.filter { $0.id == id } }
        if let teamID = request.query["teamId"] ?? request.query["team_id"] { deployments = deployments.filter { $0.teamID == teamID } }
        let pages = (deployments.count + size - 1) / size
        let start = min(deployments.count, (page - 1) * size)
        let views = deployments[start..<min(deployments.count, start + size)].map {
            DeploymentView.json($0, isDatabaseModel: !manager.models.isConfigModel(id: $0.id))
        }
        return [
            "data": .array(Array(views)), "total_count": .int(deployments.count), "current_page": .int(page), "total_pages": .int(pages),
            "size": .int(size),
        ]
    }

    /// `GET /model_group/info` (optional `model_group`): one entry per public model name the caller may use, as
    /// LiteLLM's: `model_group`, `providers`, `max_input_tokens`, `max_output_tokens`, the costs per token, `mode`,
    /// summed `tpm`/`rpm`, and the `supports_*` flags a deployment's `model_info` declares.
    func groupInfo(_ request: AdminRequest) async throws -> JSON {
        var groups: [String: [Deployment]] = [:]
        var order: [String] = []
        for deployment in visibleDeployments(to: request.principal) {
            if groups[deployment.modelName] == nil { order.append(deployment.modelName) }
            groups[deployment.modelName, default: []].append(deployment)
        }
        if let wanted = request.query["model_group"] {
            guard groups[wanted] != nil else {
                throw GatewayError.notFound("The model group '\(wanted)' does not exist.", param: "model_group", code: "model_not_found")
            }
            order = [wanted]
        }
        return ["data": .array(order.map { Self.summary(name: $0, deployments: groups[$0] ?? [], prices: manager.prices) })]
    }

    private static let capabilityFlags = [
        "supports_function_calling", "supports_parallel_function_calling", "supports_vision", "supports_reasoning",
        "supports_web_search", "supports_url_context", "supports_response_schema", "supports_prompt_caching",
    ]

    private static func summary(name: String, deployments: [Deployment], prices: PriceTable) -> JSON {
        var entry: JSON = [
            "model_group": .string(name),
            "providers": .array(Array(Set(deployments.map(\.provider))).sorted().map { .string($0) }),
            "mode": deployments.lazy.compactMap { $0.modelInfo["mode"] }.first ?? "chat",
            "supported_openai_params": [],
        ]
        // The group's figures are what every deployment of it offers: the smallest limits, the highest costs.
        let windows = deployments.compactMap(\.contextWindow)
        entry["max_input_tokens"] = windows.min().map { .int($0) } ?? .null
        let outputs = deployments.compactMap { $0.outputLimit(prices: prices) }
        entry["max_output_tokens"] = outputs.min().map { .int($0) } ?? .null
        entry["input_cost_per_token"] = deployments.map(\.inputCostPerToken).max().map { .double($0) } ?? .null
        entry["output_cost_per_token"] = deployments.map(\.outputCostPerToken).max().map { .double($0) } ?? .null
        entry["tpm"] = sum(deployments.map(\.tpm))
        entry["rpm"] = sum(deployments.map(\.rpm))
        for flag in capabilityFlags {
            entry[flag] = .bool(deployments.contains { $0.modelInfo[flag]?.boolValue == true })
        }
        return entry
    }

    /// The sum of the limits when every deployment has one (a deployment without a limit makes the group's
    /// unlimited: null); saturating, since each is a configured integer.
    private static func sum(_ limits: [Int?]) -> JSON {
        var total = 0
        for limit in limits {
            guard let limit else { return .null }
            let (next, overflow) = total.addingReportingOverflow(limit)
            total = overflow ? .max : next
        }
        return limits.isEmpty ? .null : .int(total)
    }

    /// A query parameter that must be a whole number from 1 to `max`. - Throws: 400 naming it.
    private static func positiveInteger(_ text: String?, name: String, default value: Int, max: Int) throws -> Int {
        guard let text else { return value }
        guard let number = Int(text), (1...max).contains(number) else {
            throw GatewayError.badRequest("Invalid request: \(name) must be a whole number from 1 to \(max).", param: name)
        }
        return number
    }
}
