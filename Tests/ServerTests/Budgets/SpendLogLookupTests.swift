import Foundation
import GatewayCore
import GatewayTesting
import SQLiteStore
import Testing

/// `/spend/logs?request_id=` with the completion's `id` (plain, streamed, `/v1/messages`) as well as the gateway's
/// request id, the stored `response_id` column, and LiteLLM's `metadata.error_information` on failure rows; on both
/// stores.
struct SpendLogLookupTests {
    /// One answered request: the id its client saw in the body and the gateway's request id.
    struct Answered {
        var completionID: String
        var requestID: String
    }

    @Test(arguments: KeyBackend.available)
    func completionIDsFindTheirRows(_ backend: KeyBackend) async throws {
        try await BudgetGateway.run(backend) { gateway in
            let key = try await gateway.generateKey()
            let other = try await gateway.generateKey()
            var answered: [Answered] = []

            let plain = try await gateway.chat(key.secret)
            answered.append(try Self.answered(plain, id: plain.json?["id"]?.stringValue))
            #expect(answered[0].completionID.hasPrefix("chatcmpl-"))

            let streamed = try await gateway.post(
                "/v1/chat/completions", GatewayFixture.chat(BudgetGateway.pricedModel, stream: true), key: key.secret)
            answered.append(try Self.answered(streamed, id: Self.firstChunkID(streamed.body)))

            // `/v1/messages` in front of an OpenAI upstream: the client sees `msg_` + the upstream's id, and that is what is stored.
            let messages: JSON = ["model": "gpt-test", "max_tokens": 16, "messages": [["role": "user", "content": "hi"]]]
            let translated = try await gateway.post("/v1/messages", messages, key: key.secret)
            answered.append(try Self.answered(translated, id: translated.json?["id"]?.stringValue))
            #expect(answered[2].completionID.hasPrefix("msg_chatcmpl-"))
            var anthropic = messages
            anthropic["model"] = "claude-test"
            let native = try await gateway.post("/v1/messages", anthropic, key: key.secret)
            answered.append(try Self.answered(native, id: native.json?["id"]?.stringValue))
            #expect(Set(answered.map(\.completionID)).count == 4, "the test upstream gives each answer its own id")

            try await gateway.waitForRows(keyHash: key.hash, count: 4)
            for answer in answered {
                for id in [answer.completionID, answer.requestID] {
                    let rows = try #require(try await gateway.get("/spend/logs?request_id=\(id)").json?.arrayValue, "a list for \(id)")
                    #expect(rows.count == 1, "\(id): \(rows)")
                    #expect(rows.first?["request_id"]?.stringValue == answer.completionID, "LiteLLM's request_id is the completion id")
                    #expect(rows.first?["call_id"]?.stringValue == answer.requestID)
                    #expect(rows.first?["response_id"]?.stringValue == answer.completionID)
                    #expect(rows.first?["status"] == "success")
                }
                // Stored in its own column, not only rendered.
                #expect(try await Self.storedResponseID(gateway, requestID: answer.requestID) == answer.completionID)
                // Another key sees nothing, whichever id it asks with; an admin filter still applies.
                #expect(try await gateway.get("/spend/logs?request_id=\(answer.completionID)", key: other.secret).json == [])
                #expect(try await gateway.get("/spend/logs?request_id=\(answer.completionID)&api_key=\(other.hash)").json == [])
            }
            #expect(try await gateway.get("/spend/logs?request_id=\(answered[0].completionID)", key: key.secret).json?.arrayValue?.count == 1)
            #expect(try await gateway.get("/spend/logs?request_id=chatcmpl-unknown").json == [])
            let tooLong = try await gateway.get("/spend/logs?request_id=\(String(repeating: "x", count: 257))")
            #expect(tooLong.status == 400)
            #expect(tooLong.error?["param"] == "request_id")
            let paged = try #require(try await gateway.get("/spend/logs/ui?request_id=\(answered[1].completionID)").json)
            #expect(paged["total"] == 1)
            #expect(paged["data"]?[0]?["call_id"]?.stringValue == answered[1].requestID)
        }
    }

    @Test(arguments: KeyBackend.available)
    func failureRowsCarryLiteLLMErrorInformation(_ backend: KeyBackend) async throws {
        try await BudgetGateway.run(backend) { gateway in
            let key = try await gateway.generateKey()
            let upstreamFailure = try await gateway.chat(key.secret, model: "openai-status-500")
            #expect(upstreamFailure.status >= 500)
            let broke = try await gateway.generateKey(["max_budget": 0])
            let refused = try await gateway.chat(broke.secret)
            #expect(refused.status == 400)
            #expect(refused.error?["code"] == "budget_exceeded")

            let failed = try await Self.row(gateway, upstreamFailure)
            #expect(failed["status"] == "failure")
            #expect(failed["response_id"] == .null)
            #expect(failed["request_id"] == failed["call_id"], "no completion id: the gateway's request id")
            let info = try #require(failed["metadata"]?["error_information"], "\(failed)")
            #expect(info["error_code"]?.stringValue == String(upstreamFailure.status))
            #expect(info["error_class"]?.stringValue == SpendLogLookupTests.expectedClass(status: upstreamFailure.status))
            #expect(info["llm_provider"] == "openai")
            #expect(info["error_message"] == upstreamFailure.error?["message"])
            #expect(info["traceback"] == "")

            let refusal = try await Self.row(gateway, refused)
            #expect(refusal["status"] == "failure")
            let refusalInfo = try #require(refusal["metadata"]?["error_information"], "\(refusal)")
            #expect(refusalInfo["error_code"] == "400")
            #expect(refusalInfo["error_class"] == "BudgetExceededError")
            #expect(refusalInfo["llm_provider"] == .null, "refused before routing")
            #expect(refusalInfo["error_message"] == refused.error?["message"])

            // A success carries none.
            let fine = try await Self.row(gateway, try await gateway.chat(key.secret))
            #expect(fine["status"] == "success")
            #expect(fine["metadata"]?["error_information"] == nil)
        }
    }

    // MARK: Helpers

    static func answered(_ reply: TestEndpoint.Reply, id: String?) throws -> Answered {
        #expect(reply.status == 200, "\(reply.body)")
        return Answered(completionID: try #require(id, "\(reply.body)"), requestID: try #require(reply.header("x-request-id")))
    }

    /// The `id` of the first `data:` chunk of a streamed body.
    static func firstChunkID(_ body: String) -> String? {
        for line in body.split(separator: "\n") where line.hasPrefix("data: {") {
            return (try? JSONParser.parse(String(line.dropFirst(6))))?["id"]?.stringValue
        }
        return nil
    }

    /// The row of a reply, by its `x-request-id`, once written.
    static func row(_ gateway: BudgetGateway, _ reply: TestEndpoint.Reply) async throws -> JSON {
        let id = try #require(reply.header("x-request-id"))
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if let row = try await gateway.get("/spend/logs?request_id=\(id)").json?[0] { return row }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestFailure("no spend-log row for \(id)")
    }

    /// The `response_id` column of a row, read from the database itself.
    static func storedResponseID(_ gateway: BudgetGateway, requestID: String) async throws -> String? {
        switch gateway.backend {
        case .sqlite:
            return try await SQLiteGatewayStore(path: try #require(gateway.sqlitePath)).spendLog(requestID: requestID)?.responseID
        case .postgres:
            // The id is the gateway's own (hex and dashes): safe inside the literal.
            #expect(requestID.allSatisfy { $0.isHexDigit || $0 == "-" })
            let text = try await Psql.run(
                "SELECT response_id FROM tollgate_spend_logs WHERE request_id = '\(requestID)'", url: try #require(gateway.postgresURL))
            return text.isEmpty ? nil : text
        }
    }

    /// LiteLLM's exception class for the status the gateway answered an upstream 500 with.
    static func expectedClass(status: Int) -> String {
        switch status {
        case 500: "InternalServerError"
        case 503: "ServiceUnavailableError"
        case 504: "Timeout"
        default: "APIError"
        }
    }
}
