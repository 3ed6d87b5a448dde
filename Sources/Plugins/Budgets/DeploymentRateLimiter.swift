import GatewayCore

/// Requests and tokens per deployment in the current minute, against the deployment's `rpm` and `tpm`
/// (`litellm_params.rpm`/`tpm`), so routing skips deployments whose minute is used up.
///
/// Requests are counted when the call to a deployment ends (``BudgetEnforcer/record(_:outcome:)``), so calls
/// that are in flight at once may pass a deployment's `rpm` by their number, as LiteLLM's usage-based counting does.
struct DeploymentRateLimiter: Sendable {
    private var windows: [String: MinuteWindow] = [:]

    /// Whether the deployment has requests and tokens left this minute.
    func hasCapacity(_ deployment: Deployment, at now: Double) -> Bool {
        let window = windows[deployment.id] ?? MinuteWindow()
        if let rpm = deployment.rpm, window.requests(at: now) >= rpm { return false }
        if let tpm = deployment.tpm, window.tokens(at: now) >= tpm { return false }
        return true
    }

    mutating func addRequest(_ deployment: Deployment, at now: Double) {
        guard deployment.rpm != nil || deployment.tpm != nil else { return }
        windows[deployment.id, default: MinuteWindow()].addRequest(at: now)
    }

    mutating func addTokens(_ tokens: Int, to deployment: Deployment, at now: Double) {
        guard deployment.tpm != nil, tokens > 0 else { return }
        windows[deployment.id, default: MinuteWindow()].addTokens(tokens, at: now)
    }

    /// Drops deployments with nothing counted this minute.
    mutating func prune(at now: Double) {
        windows = windows.filter { !$0.value.isIdle(at: now) }
    }
}
