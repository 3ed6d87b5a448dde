public import GatewayCore

extension SpendLogPlugin {
    /// The `config` object of `spend-log` in plugins.json.
    ///
    /// | key | type | default |
    /// | --- | --- | --- |
    /// | `flush_interval_seconds` | number > 0: how often rows are written and the journal fsync'd | `1` |
    /// | `batch_size` | integer > 0: rows per store write; a full batch is written at once | `500` |
    /// | `max_buffered` | integer ≥ `batch_size`: rows kept in memory; past it rows wait in the journal only | `10000` |
    /// | `write_timeout_seconds` | number > 0: how long one store write may take | `5` |
    /// | `journal` | boolean: keep rows in an append-only journal until stored | `true` |
    /// | `journal_dir` | string: the journal's folder, relative to the working directory | next to the SQLite file (`tollgate.db.spend-journal`); `tollgate-spend-journal-<database>-<host>-<port>` for Postgres |
    public struct Configuration: PluginConfiguration {
        public static let keys: Set<String> = [
            "flush_interval_seconds", "batch_size", "max_buffered", "write_timeout_seconds", "journal", "journal_dir",
        ]
        public var flushIntervalSeconds: Double
        public var batchSize: Int
        public var maxBuffered: Int
        public var writeTimeoutSeconds: Double
        public var journal: Bool
        /// nil: the store's ``SpendLogStore/spendJournalDirectory``.
        public var journalDirectory: String?

        enum CodingKeys: String, CodingKey {
            case flushIntervalSeconds = "flush_interval_seconds"
            case batchSize = "batch_size"
            case maxBuffered = "max_buffered"
            case writeTimeoutSeconds = "write_timeout_seconds"
            case journal
            case journalDirectory = "journal_dir"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            flushIntervalSeconds = try container.decodeIfPresent(Double.self, forKey: .flushIntervalSeconds) ?? 1
            batchSize = try container.decodeIfPresent(Int.self, forKey: .batchSize) ?? 500
            writeTimeoutSeconds = try container.decodeIfPresent(Double.self, forKey: .writeTimeoutSeconds) ?? 5
            maxBuffered = try container.decodeIfPresent(Int.self, forKey: .maxBuffered) ?? max(10_000, batchSize)
            journal = try container.decodeIfPresent(Bool.self, forKey: .journal) ?? true
            journalDirectory = try container.decodeIfPresent(String.self, forKey: .journalDirectory)
            try InputRange.settingSeconds(writeTimeoutSeconds, key: "write_timeout_seconds")
            try InputRange.settingSeconds(flushIntervalSeconds, key: "flush_interval_seconds")
            guard batchSize > 0 else { throw ConfigError("config key 'config.batch_size' must be positive") }
            guard maxBuffered >= batchSize else { throw ConfigError("config key 'config.max_buffered' must be at least batch_size") }
            guard journalDirectory?.isEmpty != true else { throw ConfigError("config key 'config.journal_dir' must not be empty") }
        }
    }
}
