import GatewayCore

/// `/key/*` management endpoints. (Being written.)
struct KeyRoutes {
    let directory: IdentityDirectory
    var routes: [AdminRoute] { [] }
}
