import AdminUI
import Alerts
import Budgets
public import GatewayCore
import Guardrails
import HTTPCallback
import JWTAuth
import MCPGateway
import MasterKeyAuth
import ModelManagement
import OTelTracing
import Policies
import PostgresStore
import PrometheusMetrics
import RequestLog
import Routing
import SQLiteStore
import SpendLog
import ToolAllowlist
import VirtualKeys

/// The plugins built into the `tollgate` binary. A third party passes these plus its own to
/// ``Tollgate/main(plugins:)``.
public enum BuiltinPlugins {
    public static let all: [any Plugin.Type] = [
        SQLiteStorePlugin.self,
        PostgresStorePlugin.self,
        MasterKeyAuthPlugin.self,
        JWTAuthPlugin.self,
        VirtualKeysPlugin.self,
        ModelManagementPlugin.self,
        SpendLogPlugin.self,
        BudgetsPlugin.self,
        RoutingPlugin.self,
        ToolAllowlistPlugin.self,
        PoliciesPlugin.self,
        GuardrailsPlugin.self,
        PrometheusPlugin.self,
        RequestLogPlugin.self,
        HTTPCallbackPlugin.self,
        AlertsPlugin.self,
        OTelTracingPlugin.self,
        MCPGatewayPlugin.self,
        AdminUIPlugin.self,
    ]
}
