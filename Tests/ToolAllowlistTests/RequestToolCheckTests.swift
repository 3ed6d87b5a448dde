import GatewayCore
import HTTPTypes
import Testing
import ToolAllowlist

struct RequestToolCheckTests {
    private let check = RequestToolCheck()

    private func decision(_ request: GatewayRequest) async throws -> Bool {
        guard case .proceed = try await check.checkTools(request) else { return false }
        return true
    }

    private func denial(_ request: GatewayRequest) async throws -> GatewayError {
        do {
            _ = try await check.checkTools(request)
        } catch let error as GatewayError {
            return error
        }
        Issue.record("the request was not denied")
        return .internalError("not denied")
    }

    @Test func allowedToolsProceed() async throws {
        let principal = ToolCheckFixtures.principal(key: ["get_weather", "search"])
        #expect(try await decision(ToolCheckFixtures.chat(tools: ["get_weather"], principal: principal)))
        #expect(try await decision(ToolCheckFixtures.chat(tools: ["search", "get_weather"], principal: principal)))
    }

    @Test func aRequestWithoutToolsProceedsWhateverTheList() async throws {
        #expect(try await decision(ToolCheckFixtures.chat(principal: ToolCheckFixtures.principal(key: ["get_weather"]))))
    }

    @Test func noListMeansEveryToolProceeds() async throws {
        #expect(try await decision(ToolCheckFixtures.chat(tools: ["anything"], principal: ToolCheckFixtures.principal())))
        #expect(try await decision(ToolCheckFixtures.chat(tools: ["anything"], principal: .anonymous)))
    }

    @Test func everyDisallowedToolIsNamedOnceSortedWithTheKeyAsSource() async throws {
        let principal = ToolCheckFixtures.principal(key: ["get_weather"], team: ["send_email", "delete_db"])
        let request = ToolCheckFixtures.chat(
            tools: ["send_email", "get_weather", "delete_db"], principal: principal,
            extra: ["functions": [["name": "send_email"]], "tool_choice": ["type": "function", "function": ["name": "delete_db"]]])
        let error = try await denial(request)
        #expect(error.status == .forbidden)
        #expect(error.type == "tool_access_denied")
        #expect(error.code == "tool_access_denied")
        #expect(error.param == "tools")
        #expect(error.message == "Tools 'delete_db', 'send_email' are not in this key's allowed_tools.")
        #expect(error.json["error"]?["type"] == "tool_access_denied")
    }

    @Test func theTeamsListNamesTheTeamAsSource() async throws {
        let request = ToolCheckFixtures.chat(tools: ["get_weather"], principal: ToolCheckFixtures.principal(team: ["search"]))
        let error = try await denial(request)
        #expect(error.message == "Tool 'get_weather' is not in this key's team's allowed_tools.")
    }

    @Test func legacyFunctionsAreChecked() async throws {
        let request = ToolCheckFixtures.chat(principal: ToolCheckFixtures.principal(key: ["a"]), extra: ["functions": [["name": "b"]]])
        #expect(try await denial(request).message.contains("'b'"))
    }

    @Test func aForcedToolOutsideTheListIsDenied() async throws {
        let request = ToolCheckFixtures.chat(
            tools: ["a"], principal: ToolCheckFixtures.principal(key: ["a"]), extra: ["tool_choice": ["type": "function", "function": ["name": "b"]]])
        #expect(try await denial(request).message.contains("'b'"))
    }
}
