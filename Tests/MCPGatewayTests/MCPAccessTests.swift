import GatewayCore
import Testing

@testable import MCPGateway

/// Which servers and tools a key may use: LiteLLM's object_permission at key and team level, and allowed_tools.
struct MCPAccessTests {
    static let weather = MCPServerDefinition(id: "w-1", name: "weather", transport: .http, url: "https://w/mcp")
    static let notes = MCPServerDefinition(id: "n-1", name: "notes", transport: .http, url: "https://n/mcp")

    func principal(key: JSON = [:], team: JSON = [:], role: Principal.Role = .user) -> Principal {
        var principal = Principal(subject: "k", role: role)
        principal.metadata = key
        principal.teamMetadata = team
        return principal
    }

    @Test func serversListedAtBothLevelsMustBeInBoth() {
        let access = MCPAccess(
            principal: principal(
                key: ["object_permission": ["mcp_servers": ["weather", "notes"]]], team: ["object_permission": ["mcp_servers": ["w-1"]]]))
        #expect(access.refusal(for: Self.weather) == nil)
        #expect(access.refusal(for: Self.notes)?.reason == "mcp_servers")
        #expect(access.refusal(for: Self.notes)?.message.contains("team") == true)
        #expect(MCPAccess(principal: principal()).refusal(for: Self.notes) == nil)
    }

    @Test func toolPermissionsAndAllowedTools() {
        let access = MCPAccess(
            principal: principal(key: [
                "object_permission": ["mcp_tool_permissions": ["weather": ["forecast", "echo"]]], "allowed_tools": ["weather-forecast"],
            ]))
        #expect(access.refusal(for: Self.weather, tool: "forecast") == nil)
        #expect(access.refusal(for: Self.weather, tool: "leak")?.reason == "mcp_tool_permissions")
        #expect(access.refusal(for: Self.weather, tool: "echo")?.reason == "allowed_tools")
        // The team's allowed_tools apply when the key names none.
        let team = MCPAccess(principal: principal(team: ["allowed_tools": ["read_note"]]))
        #expect(team.refusal(for: Self.notes, tool: "read_note") == nil)
        #expect(team.refusal(for: Self.notes, tool: "pid")?.message.contains("team's allowed_tools") == true)
    }

    @Test func aPermissionThatCannotBeReadRefusesRatherThanAllows() {
        let bareString = MCPAccess(principal: principal(key: ["object_permission": ["mcp_servers": "weather"]]))
        #expect(bareString.refusal(for: Self.weather)?.reason == "object_permission_invalid")
        let mixedList = MCPAccess(principal: principal(team: ["object_permission": ["mcp_tool_permissions": ["weather": ["forecast", 3]]]]))
        #expect(mixedList.refusal(for: Self.weather, tool: "forecast")?.reason == "object_permission_invalid")
        let notAnObject = MCPAccess(principal: principal(key: ["object_permission": ["weather"]]))
        #expect(notAnObject.refusal(for: Self.notes)?.reason == "object_permission_invalid")
    }

    @Test func adminsUseEverythingTheServerExposes() {
        var limited = Self.weather
        limited.disallowedTools = ["leak"]
        let admin = MCPAccess(principal: principal(key: ["allowed_tools": ["x"]], role: .admin))
        #expect(admin.refusal(for: limited, tool: "forecast") == nil)
        #expect(admin.refusal(for: limited, tool: "leak")?.reason == "server_tools")
    }
}
