import GatewayCore

/// The playground's answer: the reply, its usage, or the error, and the decision trace (which plugins ran at which
/// hook, what each decided, and the upstream attempts) from the `x-tollgate-debug` header's JSON.
struct PlaygroundView {
    struct Choice: Equatable {
        var name: String
        var selected: Bool
    }

    struct Hook: Equatable {
        var point: String
        var plugin: String
        var decision: String
        var reason: String
        var milliseconds: String
    }

    struct Attempt: Equatable {
        var number: Int
        var deployment: String
        var status: String
        var milliseconds: String
        var error: String
    }

    var choices: [Choice]
    var prompt: String
    var answer: String?
    var usage: String?
    var error: String?
    var hooks: [Hook]
    var attempts: [Attempt]
    var hasTrace: Bool
    var csrf: String

    /// - Parameters:
    ///   - reply: the chat completion (nil after an error).
    ///   - trace: the decision trace's JSON (nil when the key may not see it: only admins get one).
    static func make(
        models: [String], chosen: String, prompt: String, reply: JSON?, error: String?, trace: JSON?, csrf: String
    ) -> PlaygroundView {
        let message = reply?["choices"]?[0]?["message"]?["content"]?.stringValue
        let usage = reply?["usage"].map { usage in
            "\(usage["prompt_tokens"]?.intValue ?? 0) prompt + \(usage["completion_tokens"]?.intValue ?? 0) completion tokens"
        }
        let hooks = (trace?["hooks"]?.arrayValue ?? []).map {
            Hook(
                point: $0["point"]?.stringValue ?? "", plugin: $0["plugin"]?.stringValue ?? "", decision: $0["decision"]?.stringValue ?? "",
                reason: $0["reason"]?.stringValue ?? "", milliseconds: Formats.milliseconds($0["ms"]?.doubleValue))
        }
        let attempts = (trace?["attempts"]?.arrayValue ?? []).map {
            Attempt(
                number: $0["number"]?.intValue ?? 0, deployment: $0["deployment"]?.stringValue ?? "",
                status: $0["status"]?.intValue.map(String.init) ?? "—",
                milliseconds: Formats.milliseconds($0["ms"]?.doubleValue), error: $0["error"]?.stringValue ?? "")
        }
        return PlaygroundView(
            choices: models.map { Choice(name: $0, selected: $0 == chosen) }, prompt: prompt, answer: reply == nil ? nil : (message ?? ""),
            usage: usage, error: error, hooks: hooks, attempts: attempts, hasTrace: trace != nil, csrf: csrf)
    }
}
