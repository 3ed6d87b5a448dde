import GatewayCore

/// The spend log as a table (one row per request) and one request's detail: tokens, cost, latency, deployment,
/// attempts (retries and fallbacks) and the per-plugin decision trace the spend log kept.
struct LogsView {
    struct Row: Equatable {
        var requestID: String
        var time: String
        var model: String
        var key: String
        var team: String
        var user: String
        var tokens: String
        var spend: String
        var latency: String
        var failed: Bool
        var status: String
    }

    var rows: [Row]
    var empty: Bool
    var pager: PagerView
    var filters: Filters

    /// The filter form's values.
    struct Filters: Equatable {
        var apiKey = ""
        var teamID = ""
        var userID = ""
        var model = ""
        var status = ""
        var startDate = ""
        var endDate = ""
        var success = false
        var failure = false
    }

    static func row(_ entry: JSON) -> Row {
        let status = entry["status"]?.stringValue ?? ""
        let prompt = entry["prompt_tokens"]?.intValue ?? 0, completion = entry["completion_tokens"]?.intValue ?? 0
        return Row(
            requestID: entry["call_id"]?.stringValue ?? entry["request_id"]?.stringValue ?? "", time: Formats.time(entry["startTime"]?.stringValue),
            model: entry["model_group"]?.stringValue ?? "", key: String((entry["api_key"]?.stringValue ?? "").prefix(10)),
            team: entry["team_id"]?.stringValue ?? "", user: entry["user"]?.stringValue ?? "", tokens: "\(prompt) / \(completion)",
            spend: Formats.usd(entry["spend"]?.doubleValue ?? 0), latency: Formats.milliseconds(entry["request_duration_ms"]?.doubleValue),
            failed: status != "success", status: status)
    }

    static func make(entries: [JSON], pager: PagerView, query: [String: String]) -> LogsView {
        let status = query["status"] ?? ""
        let filters = Filters(
            apiKey: query["api_key"] ?? "", teamID: query["team_id"] ?? "", userID: query["user_id"] ?? "", model: query["model"] ?? "",
            status: status, startDate: query["start_date"] ?? "", endDate: query["end_date"] ?? "", success: status == "success",
            failure: status == "failure")
        let rows = entries.map(row)
        return LogsView(rows: rows, empty: rows.isEmpty, pager: pager, filters: filters)
    }
}

/// One request of the spend log.
struct LogDetailView {
    struct Field: Equatable {
        var name: String
        var value: String
    }

    var fields: [Field]
    var hooks: [PlaygroundView.Hook]
    var attempts: [PlaygroundView.Attempt]
    var hasTrace: Bool
    /// The failure's message; nil for a success (a Mustache section shows an empty string too).
    var error: String?

    init(_ entry: JSON) {
        func text(_ name: String) -> String { entry[name]?.stringValue ?? "—" }
        let prompt = entry["prompt_tokens"]?.intValue ?? 0, completion = entry["completion_tokens"]?.intValue ?? 0
        fields = [
            Field(name: "Request id", value: text("call_id")), Field(name: "Response id", value: text("response_id")),
            Field(name: "Status", value: text("status") + (entry["error_code"]?.stringValue.map { " (\($0))" } ?? "")),
            Field(name: "Model", value: text("model_group")), Field(name: "Deployment", value: text("model_id")),
            Field(name: "Provider", value: text("custom_llm_provider")), Field(name: "Started", value: Formats.time(entry["startTime"]?.stringValue)),
            Field(name: "Latency", value: Formats.milliseconds(entry["request_duration_ms"]?.doubleValue)),
            Field(name: "Tokens", value: "\(prompt) prompt + \(completion) completion"),
            Field(name: "Cost", value: Formats.usd(entry["spend"]?.doubleValue ?? 0)), Field(name: "Key (hash)", value: text("api_key")),
            Field(name: "Team", value: text("team_id")), Field(name: "User", value: text("user")), Field(name: "Customer", value: text("end_user")),
            Field(name: "Streamed", value: entry["metadata"]?["streamed"]?.boolValue == true ? "yes" : "no"),
        ]
        let trace = entry["metadata"]?["decision_trace"]
        let view = PlaygroundView.make(models: [], chosen: "", prompt: "", reply: nil, error: nil, trace: trace, csrf: "")
        hooks = view.hooks
        attempts = view.attempts
        hasTrace = trace != nil
        error = entry["metadata"]?["error_information"]?["error_message"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
    }
}
