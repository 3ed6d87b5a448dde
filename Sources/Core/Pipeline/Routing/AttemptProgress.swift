/// What the attempt loop has done so far for one request: the counts behind the routing headers and
/// ``CallOutcome/attempts``, and the deployments already called.
struct AttemptProgress: Sendable {
    /// Calls made to deployments.
    var attempts = 0
    /// Calls beyond the first within a group's `order` level.
    var retries = 0
    /// First calls in a later level or a fallback group.
    var fallbacks = 0
    /// Ids of the deployments called, to prefer others on the next attempt.
    var tried: Set<String> = []
    /// The deployment and group of the latest attempt.
    var lastDeployment: Deployment?
    var lastGroup: String?

    /// Notes a call about to be made; `firstInLevel` says whether it opens a level (or group).
    mutating func begin(_ deployment: Deployment, group: String, firstInLevel: Bool) {
        if !firstInLevel {
            retries += 1
        } else if attempts > 0 {
            fallbacks += 1
        }
        attempts += 1
        tried.insert(deployment.id)
        lastDeployment = deployment
        lastGroup = group
    }

    /// Writes the routing headers.
    func write(to headers: ResponseHeaders) {
        if let lastDeployment {
            headers.set(RoutingHeaders.modelID, lastDeployment.id)
            if let region = lastDeployment.extraParams["region_name"]?.stringValue { headers.set(RoutingHeaders.modelRegion, region) }
        }
        if let lastGroup { headers.set(RoutingHeaders.modelGroup, lastGroup) }
        headers.set(RoutingHeaders.attemptedRetries, String(retries))
        headers.set(RoutingHeaders.attemptedFallbacks, String(fallbacks))
    }
}
