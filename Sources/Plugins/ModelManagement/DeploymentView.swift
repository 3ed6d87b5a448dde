import GatewayCore

/// A deployment as `/model/info` shows it (LiteLLM's shape): `model_name`, `litellm_params` with every credential
/// masked, `model_info` with `id` and `db_model` (false for config.yaml models).
enum DeploymentView {
    static func json(_ deployment: Deployment, isDatabaseModel: Bool) -> JSON {
        var params = deployment.extraParams
        params["model"] = .string("\(deployment.provider)/\(deployment.upstreamModel)")
        if let apiBase = deployment.apiBase { params["api_base"] = .string(apiBase) }
        if deployment.apiKey != nil { params["api_key"] = .string(SecretParams.mask) }
        params["timeout"] = .double(deployment.timeout)
        if let rpm = deployment.rpm { params["rpm"] = .int(rpm) }
        if let tpm = deployment.tpm { params["tpm"] = .int(tpm) }
        if let order = deployment.order { params["order"] = .int(order) }
        params["weight"] = .double(deployment.weight)
        var info = deployment.modelInfo.objectValue ?? [:]
        info["id"] = .string(deployment.id)
        info["db_model"] = .bool(isDatabaseModel)
        info["input_cost_per_token"] = .double(deployment.inputCostPerToken)
        info["output_cost_per_token"] = .double(deployment.outputCostPerToken)
        if let price = deployment.cacheReadCostPerToken { info["cache_read_input_token_cost"] = .double(price) }
        if let price = deployment.cacheWriteCostPerToken { info["cache_creation_input_token_cost"] = .double(price) }
        if let price = deployment.reasoningCostPerToken { info["output_cost_per_reasoning_token"] = .double(price) }
        if let price = deployment.costPerQuery { info["input_cost_per_query"] = .double(price) }
        info["pricing"] = .string(deployment.pricing.rawValue)
        if let window = deployment.contextWindow { info["max_tokens"] = .int(window) }
        return ["model_name": .string(deployment.modelName), "litellm_params": .object(SecretParams.masked(params)), "model_info": .object(info)]
    }
}
