/// A parsed Prometheus text exposition (a `/metrics` scrape), for tests that check what was counted.
///
/// ```swift
/// let scrape = PrometheusScrape(try await gateway.get("/metrics").body)
/// #expect(scrape.value("tollgate_requests_total", ["model": "gpt-test", "status": "200"]) == 3)
/// ```
public struct PrometheusScrape: Sendable {
    /// One sample line: a metric name, its labels and its value.
    public struct Sample: Sendable, Equatable {
        public var name: String
        public var labels: [String: String]
        public var value: Double
    }

    public let samples: [Sample]

    /// Parses the text; comment lines (`# TYPE`, `# HELP`) and lines that do not parse are skipped.
    public init(_ text: String) {
        samples = text.split(separator: "\n").compactMap { Self.parse(Substring($0)) }
    }

    /// The sum of the samples named `name` whose labels include every pair of `labels` (other labels may differ),
    /// or nil when no sample matches.
    public func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        let matching = samples(name, labels)
        return matching.isEmpty ? nil : matching.reduce(0) { $0 + $1.value }
    }

    /// The samples named `name` whose labels include every pair of `labels`.
    public func samples(_ name: String, _ labels: [String: String] = [:]) -> [Sample] {
        samples.filter { sample in sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value } }
    }

    private static func parse(_ line: Substring) -> Sample? {
        guard !line.hasPrefix("#"), let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
            return nil
        }
        let series = line[..<space]
        guard let open = series.firstIndex(of: "{") else { return Sample(name: String(series), labels: [:], value: value) }
        guard series.last == "}" else { return nil }
        let body = series[series.index(after: open)..<series.index(before: series.endIndex)]
        guard let labels = parseLabels(body) else { return nil }
        return Sample(name: String(series[..<open]), labels: labels, value: value)
    }

    /// `a="x",b="y \"quoted\""`, with the format's escapes (`\\`, `\"`, `\n`).
    private static func parseLabels(_ text: Substring) -> [String: String]? {
        var labels: [String: String] = [:]
        var rest = text
        while !rest.isEmpty {
            guard let equals = rest.firstIndex(of: "=") else { return nil }
            let name = String(rest[..<equals])
            rest = rest[rest.index(after: equals)...]
            guard rest.first == "\"" else { return nil }
            rest = rest.dropFirst()
            var value = ""
            var escaped = false
            while let character = rest.first {
                rest = rest.dropFirst()
                if escaped {
                    value.append(character == "n" ? "\n" : character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    break
                } else {
                    value.append(character)
                }
            }
            labels[name] = value
            if rest.first == "," { rest = rest.dropFirst() }
        }
        return labels
    }
}
