public import HTTPTypes

/// The per-request decision trace: which plugins ran at each hook point, what each decided and why, how long each
/// took, and the upstream attempts, for an admin who asks with `x-tollgate-debug: true`.
///
/// It travels in the `x-tollgate-debug` response header as compact JSON, because a header works the same for a
/// complete answer, an error (a rejection is the case one most wants explained) and a stream (the header goes out
/// with the status line: it covers everything up to the first chunk, and the budget commit after a stream's end is
/// not in it). Non-ASCII characters are escaped (`\uXXXX`) so the value is a valid header. A caller who is not an
/// admin (the master key or the `proxy_admin` role) gets nothing: plugin names and failure texts are internals.
///
/// ```json
/// {"hooks":[{"point":"auth","plugin":"master-key-auth","decision":"proceed","at_ms":0.02,"ms":0.01},
///           {"point":"guardrail_pre_call","plugin":"guardrails","decision":"rejected","reason":"...","at_ms":0.1,"ms":0.3}],
///  "attempts":[{"number":1,"deployment":"a-1","model_group":"gpt","at_ms":0.5,"ms":20.1,"status":200}]}
/// ```
public enum DecisionTrace {
    /// The request header that asks for the trace and the response header that carries it.
    public static let header = HTTPField.Name("x-tollgate-debug")!

    /// A reason is cut to this many characters: the header must stay small.
    static let maximumReasonLength = 300

    /// Whether the request asks for the trace (`x-tollgate-debug: true`, any case, or `1`).
    static func isRequested(by request: GatewayRequest) -> Bool {
        guard let value = request.headers[header] else { return false }
        return value == "1" || value.lowercased() == "true"
    }

    /// Sets the response header when the request's recorder has the trace switched on.
    static func write(_ request: GatewayRequest) {
        guard request.recorder.isDebugging else { return }
        request.responseHeaders.set(header, render(request.recorder.timeline))
    }

    /// The timeline as the header's JSON text (the spend log's `decision_trace` too), written member by member: the
    /// spend log writes it on every request.
    public static func text(_ timeline: RequestTimeline) -> [UInt8] {
        var trace = JSONObjectWriter(reservingCapacity: 128 + 160 * (timeline.hooks.count + timeline.attempts.count))
        trace.writeObjects("hooks", timeline.hooks) { run, entry in
            entry.write("point", run.point.rawValue)
            entry.write("plugin", run.pluginID)
            entry.write("decision", run.decision.rawValue)
            if let reason = run.reason { entry.write("reason", String(reason.prefix(maximumReasonLength))) }
            entry.write("at_ms", milliseconds(run.startOffset))
            entry.write("ms", milliseconds(run.duration))
        }
        trace.writeObjects("attempts", timeline.attempts) { attempt, entry in
            entry.write("number", attempt.number)
            entry.write("deployment", attempt.deploymentID)
            entry.write("model_group", attempt.modelGroup)
            entry.write("at_ms", milliseconds(attempt.startOffset))
            entry.write("ms", milliseconds(attempt.duration))
            if let status = attempt.status { entry.write("status", status) }
            if let ttft = attempt.timeToFirstToken { entry.write("ttft_ms", milliseconds(ttft)) }
            if let error = attempt.error { entry.write("error", String(error.prefix(maximumReasonLength))) }
        }
        return trace.finish()
    }

    /// The header value: compact JSON, ASCII only.
    static func render(_ timeline: RequestTimeline) -> String {
        asciiOnly(String(decoding: text(timeline), as: UTF8.self))
    }

    /// Milliseconds with microsecond precision.
    static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return (Double(seconds) * 1000 + Double(attoseconds / 1_000_000_000_000) / 1000).roundedToThousandths
    }

    /// Escapes every character outside printable ASCII as JSON `\uXXXX` (UTF-16, surrogate pairs beyond the BMP).
    /// Outside strings JSON is ASCII already, and the serializer escaped control characters.
    static func asciiOnly(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 > 0x7E }) else { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if scalar.value <= 0x7E {
                output.unicodeScalars.append(scalar)
            } else {
                for unit in String(scalar).utf16 { output += "\\u" + String(unit, radix: 16).leftPadded(to: 4) }
            }
        }
        return output
    }
}

extension Double {
    fileprivate var roundedToThousandths: Double { (self * 1000).rounded() / 1000 }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
