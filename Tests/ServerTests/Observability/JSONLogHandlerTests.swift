import Foundation
import GatewayCore
import GatewayServer
import Logging
import Synchronization
import Testing

/// The JSON-lines log handler and how the log format and level are chosen.
@Suite struct JSONLogHandlerTests {
    /// A logger whose lines are kept as strings.
    static func capturing(label: String = "test") -> (Logger, @Sendable () -> [String]) {
        let lines = Mutex<[String]>([])
        let writer = LogLineWriter { bytes in lines.withLock { $0.append(String(decoding: bytes, as: UTF8.self)) } }
        var logger = Logger(label: label) { label in JSONLogHandler(label: label, writer: writer) }
        logger.logLevel = .debug
        return (logger, { lines.withLock { $0 } })
    }

    /// Parses with Foundation's strict parser, so an escaping mistake fails the test.
    static func object(_ line: String) throws -> [String: Any] {
        let parsed = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try #require(parsed as? [String: Any], "not an object: \(line)")
    }

    @Test func eachRecordIsOneParsableLineWithTheFixedFields() throws {
        let (logger, lines) = Self.capturing(label: "tollgate")
        logger.info("first")
        logger.debug("second")
        logger.trace("filtered out by the level")
        let output = lines()
        #expect(output.count == 2)
        for line in output {
            #expect(line.hasSuffix("\n"))
            #expect(line.dropLast().contains("\n") == false, "one record, one line: \(line)")
        }
        let first = try Self.object(output[0])
        #expect(first["level"] as? String == "info")
        #expect(first["label"] as? String == "tollgate")
        #expect(first["message"] as? String == "first")
        let timestamp = try #require(first["timestamp"] as? String)
        #expect(timestamp.count == 24 && timestamp.hasSuffix("Z"), "\(timestamp)")
        let parsed = try #require(ISO8601Time.seconds(parsing: timestamp))
        #expect(abs(parsed - Date().timeIntervalSince1970) < 60)
    }

    @Test func stringsAreEscaped() throws {
        let (logger, lines) = Self.capturing()
        let nasty = "quote \" backslash \\ newline \n return \r tab \t bell \u{07} nul \u{00} unicode é 日本 🚀 </script>"
        logger.warning("\(nasty)", metadata: ["value": .string(nasty), "key \"odd\"\n": "x"])
        let line = try #require(lines().first)
        #expect(line.filter { $0 == "\n" }.count == 1)
        let object = try Self.object(line)
        #expect(object["message"] as? String == nasty)
        #expect(object["value"] as? String == nasty)
        #expect(object["key \"odd\"\n"] as? String == "x")
    }

    @Test func metadataIsFlattenedAndTyped() throws {
        let (logger, lines) = Self.capturing()
        var withHandlerMetadata = logger
        withHandlerMetadata[metadataKey: "plugin"] = "request-log"
        withHandlerMetadata.info(
            "request",
            metadata: [
                "latency_ms": .stringConvertible(12.5), "tokens": .stringConvertible(42), "streamed": .stringConvertible(true),
                "tags": .array(["a", "b"]), "usage": .dictionary(["prompt": .stringConvertible(3), "model": "gpt"]),
                "message": "collides with the fixed field", "other": .stringConvertible(UUID(uuidString: "00000000-0000-0000-0000-000000000000")!),
            ])
        let object = try Self.object(try #require(lines().first))
        #expect(object["plugin"] as? String == "request-log")
        #expect(object["latency_ms"] as? Double == 12.5)
        #expect(object["tokens"] as? Int == 42)
        #expect(object["streamed"] as? Bool == true)
        #expect(object["tags"] as? [String] == ["a", "b"])
        #expect(object["usage.prompt"] as? Int == 3)
        #expect(object["usage.model"] as? String == "gpt")
        #expect(object["message"] as? String == "request")
        #expect(object["meta_message"] as? String == "collides with the fixed field")
        #expect(object["other"] as? String == "00000000-0000-0000-0000-000000000000")
    }

    @Test func concurrentLinesNeverInterleave() async throws {
        let (logger, lines) = Self.capturing()
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for index in 0..<200 {
                        logger.info("line", metadata: ["task": "\(task)", "index": "\(index)", "pad": .string(String(repeating: "x", count: 300))])
                    }
                }
            }
        }
        let output = lines()
        #expect(output.count == 1600)
        for line in output { _ = try Self.object(line) }
    }

    // MARK: Format and level

    @Test func formatAndLevelPrecedence() throws {
        #expect(try LogSettings.resolve(format: nil, level: nil, environment: [:], litellmSettings: [:]) == LogSettings(format: .text, level: .info))
        #expect(try LogSettings.resolve(format: nil, level: nil, environment: [:], litellmSettings: ["json_logs": true]).format == .json)
        #expect(try LogSettings.resolve(format: nil, level: nil, environment: ["JSON_LOGS": "True"], litellmSettings: [:]).format == .json)
        #expect(
            try LogSettings.resolve(format: "text", level: nil, environment: ["JSON_LOGS": "true"], litellmSettings: ["json_logs": true]).format
                == .text)
        #expect(try LogSettings.resolve(format: "JSON", level: nil, environment: [:], litellmSettings: [:]).format == .json)
        #expect(try LogSettings.resolve(format: nil, level: nil, environment: ["LITELLM_LOG": "DEBUG"], litellmSettings: [:]).level == .debug)
        #expect(try LogSettings.resolve(format: nil, level: nil, environment: ["LITELLM_LOG": "WARN"], litellmSettings: [:]).level == .warning)
        #expect(
            try LogSettings.resolve(
                format: nil, level: nil, environment: ["LITELLM_LOG": "DEBUG", "TOLLGATE_LOG_LEVEL": "error"], litellmSettings: [:]
            )
            .level == .error)
        #expect(
            try LogSettings.resolve(format: nil, level: "trace", environment: ["TOLLGATE_LOG_LEVEL": "error"], litellmSettings: [:]).level == .trace)
        #expect(throws: ConfigError.self) { try LogSettings.resolve(format: "xml", level: nil, environment: [:], litellmSettings: [:]) }
        #expect(throws: ConfigError.self) {
            try LogSettings.resolve(format: nil, level: nil, environment: ["LITELLM_LOG": "loud"], litellmSettings: [:])
        }
    }
}
