import GatewayCore

/// `/team/*`, `/user/*`, `/organization/*`, `/project/*`, `/customer/*`, `/access_group/*`, `/audit/*`. (Being written.)
struct IdentityRoutes {
    let directory: IdentityDirectory
    var routes: [AdminRoute] { [] }
}
