import GatewayCore

/// Where a call's progress notifications go: the client's own notification, already carrying its own token.
typealias MCPProgressSink = @Sendable (JSON) -> Void

/// The progress tokens of the calls in flight on one upstream connection, a value type each upstream keeps.
///
/// Several clients share one upstream session, and each picks its own `progressToken` (two may pick `1`). So a call
/// whose client asked for progress goes upstream with a token of the connection's own (`tollgate-<n>`); the
/// server's `notifications/progress` for that token is handed to the call's sink with the client's token put back.
/// A client token is never forwarded as it came: a call without a sink has it removed, so no client can choose a
/// token that routes another client's progress to itself. A notification for a token not in flight is dropped.
struct MCPProgressRelay: Sendable {
    private struct Route {
        var clientToken: JSON
        var sink: MCPProgressSink
    }

    private var routes: [String: Route] = [:]
    private var nextToken = 1

    /// The calls whose progress is being relayed.
    var count: Int { routes.count }

    /// The params to send upstream for a call, and the upstream token to ``remove(_:)`` when the call ends (nil when
    /// the client asked for no progress or no sink takes it).
    mutating func register(_ params: JSON?, sink: MCPProgressSink?) -> (params: JSON?, token: String?) {
        guard var params, let meta = params["_meta"]?.objectValue, let clientToken = meta["progressToken"] else { return (params, nil) }
        var upstreamMeta = meta
        guard let sink, clientToken.stringValue != nil || clientToken.intValue != nil else {
            upstreamMeta["progressToken"] = nil
            params["_meta"] = .object(upstreamMeta)
            return (params, nil)
        }
        let token = "tollgate-\(nextToken)"
        nextToken &+= 1
        routes[token] = Route(clientToken: clientToken, sink: sink)
        upstreamMeta["progressToken"] = .string(token)
        params["_meta"] = .object(upstreamMeta)
        return (params, token)
    }

    /// Forgets a call's token (its answer came, it failed or it was cancelled).
    mutating func remove(_ token: String?) {
        if let token { routes[token] = nil }
    }

    /// Hands an upstream `notifications/progress` to its call's sink, with the client's token.
    /// - Returns: whether the message was a progress notification of a call in flight.
    @discardableResult
    func relay(_ message: JSON) -> Bool {
        guard message["method"]?.stringValue == "notifications/progress", let token = message["params"]?["progressToken"]?.stringValue,
            let route = routes[token], message["params"]?["progress"]?.doubleValue != nil
        else { return false }
        var forwarded = message
        forwarded["params"]?["progressToken"] = route.clientToken
        forwarded["id"] = nil
        route.sink(forwarded)
        return true
    }
}
