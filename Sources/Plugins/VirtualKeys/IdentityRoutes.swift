import GatewayCore

/// `/team/*`, `/user/*`, `/organization/*`, `/project/*`, `/customer/*`, `/access_group/*`, `/audit/*`.
struct IdentityRoutes {
    let directory: IdentityDirectory

    var routes: [AdminRoute] {
        TeamRoutes(directory: directory).routes + UserRoutes(directory: directory).routes
            + OrganizationRoutes(directory: directory).routes + ProjectRoutes(directory: directory).routes
            + CustomerRoutes(directory: directory).routes + BudgetRoutes(directory: directory).routes + AccessGroupRoutes(directory: directory).routes
            + AuditRoutes(directory: directory).routes
    }
}
