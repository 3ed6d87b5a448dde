public import Logging

/// A swift-log handler that writes one JSON object per line (`tollgate serve --log-format json`, LiteLLM's
/// `json_logs: true`), for log shippers that parse lines without a grok pattern.
///
/// ```
/// {"timestamp":"2026-03-01T12:00:00.123Z","level":"info","label":"tollgate","message":"request","plugin":"request-log","latency_ms":12.5}
/// ```
///
/// Metadata is flattened into the top-level object: nested dictionaries become dotted keys (`a.b`), numbers and
/// booleans given as `.stringConvertible` stay JSON numbers and booleans, and a key that would overwrite one of
/// the four fixed fields is written as `meta_<key>`. Each line is built by hand into one byte buffer and written
/// with one call (``LogLineWriter``), so lines from many threads never interleave and no `JSONEncoder` or date
/// formatter runs per line.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level = .info
    private let label: String
    private let writer: LogLineWriter

    /// - Parameters:
    ///   - label: the logger's label, written as `label`.
    ///   - writer: where lines go (standard output unless a test captures them).
    public init(label: String, writer: LogLineWriter = .standardOutput, metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.writer = writer
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        // Most lines (the request log's) carry only their own metadata: no merge then.
        var merged = event.metadata ?? [:]
        let provided = metadataProvider?.get() ?? [:]
        if !metadata.isEmpty || !provided.isEmpty {
            merged = metadata.merging(provided) { _, new in new }.merging(event.metadata ?? [:]) { _, new in new }
        }
        writer.write(Self.line(level: event.level, label: label, message: event.message.description, metadata: merged, now: LogTimestamp.now()))
    }

    /// One line, newline included.
    static func line(level: Logger.Level, label: String, message: String, metadata: Logger.Metadata, now: String) -> [UInt8] {
        var out = JSONLineBuilder()
        out.field("timestamp", string: now)
        out.field("level", string: level.rawValue)
        out.field("label", string: label)
        out.field("message", string: message)
        for key in metadata.keys.sorted() {
            guard let value = metadata[key] else { continue }
            out.flatten(Self.fixedFields.contains(key) ? "meta_" + key : key, value)
        }
        return out.finish()
    }

    static let fixedFields: Set<String> = ["timestamp", "level", "label", "message"]
}
