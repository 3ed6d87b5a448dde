import GatewayCore

/// The SQLite schema, one ``Migration`` per version. Never edit a released migration: add a new version.
///
/// Times are `REAL` seconds since 1970 and JSON values are `TEXT`, as in the Postgres store, so both stores hold
/// the same values.
enum SQLiteMigrations {
    /// The bookkeeping table; created before any migration runs.
    static let bookkeeping = """
        CREATE TABLE IF NOT EXISTS tollgate_migrations (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at REAL NOT NULL
        )
        """

    static let all: [Migration] = [
        Migration(
            version: 1, name: "create_keys",
            statements: [
                """
                CREATE TABLE tollgate_keys (
                    key_hash TEXT PRIMARY KEY NOT NULL,
                    key_alias TEXT,
                    user_id TEXT,
                    team_id TEXT,
                    models TEXT NOT NULL DEFAULT '[]',
                    spend REAL NOT NULL DEFAULT 0,
                    max_budget REAL,
                    blocked INTEGER NOT NULL DEFAULT 0,
                    expires_at REAL,
                    created_at REAL NOT NULL,
                    metadata TEXT NOT NULL DEFAULT '{}'
                )
                """,
                "CREATE INDEX tollgate_keys_created_at ON tollgate_keys (created_at)",
            ]
        ),
        Migration(
            version: 2, name: "create_spend_logs",
            statements: [
                """
                CREATE TABLE tollgate_spend_logs (
                    request_id TEXT PRIMARY KEY NOT NULL,
                    call_type TEXT NOT NULL,
                    start_time REAL NOT NULL,
                    end_time REAL NOT NULL,
                    key_hash TEXT,
                    user_id TEXT,
                    team_id TEXT,
                    end_user TEXT,
                    model TEXT NOT NULL,
                    deployment_id TEXT,
                    provider TEXT,
                    prompt_tokens INTEGER NOT NULL DEFAULT 0,
                    completion_tokens INTEGER NOT NULL DEFAULT 0,
                    spend REAL NOT NULL DEFAULT 0,
                    status TEXT NOT NULL,
                    error_code TEXT,
                    metadata TEXT NOT NULL DEFAULT '{}'
                )
                """,
                "CREATE INDEX tollgate_spend_logs_key_hash ON tollgate_spend_logs (key_hash)",
                "CREATE INDEX tollgate_spend_logs_start_time ON tollgate_spend_logs (start_time)",
            ]
        ),
        Migration(
            version: 3, name: "identity",
            statements: [
                // Every LiteLLM key field beyond the core columns, as one JSON document; '{}' reads as default settings.
                "ALTER TABLE tollgate_keys ADD COLUMN settings TEXT NOT NULL DEFAULT '{}'",
                "CREATE INDEX tollgate_keys_team_id ON tollgate_keys (team_id)",
                "CREATE INDEX tollgate_keys_user_id ON tollgate_keys (user_id)",
                """
                CREATE TABLE tollgate_entities (
                    kind TEXT NOT NULL,
                    id TEXT NOT NULL,
                    team_id TEXT,
                    user_id TEXT,
                    organization_id TEXT,
                    document TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    PRIMARY KEY (kind, id)
                )
                """,
                "CREATE INDEX tollgate_entities_team_id ON tollgate_entities (kind, team_id)",
                "CREATE INDEX tollgate_entities_user_id ON tollgate_entities (kind, user_id)",
                "CREATE INDEX tollgate_entities_organization_id ON tollgate_entities (kind, organization_id)",
                """
                CREATE TABLE tollgate_audit_log (
                    id TEXT PRIMARY KEY NOT NULL,
                    timestamp REAL NOT NULL,
                    changed_by TEXT NOT NULL,
                    action TEXT NOT NULL,
                    object_type TEXT NOT NULL,
                    object_id TEXT NOT NULL,
                    before TEXT,
                    after TEXT
                )
                """,
                "CREATE INDEX tollgate_audit_log_object ON tollgate_audit_log (object_type, object_id, timestamp)",
                "CREATE INDEX tollgate_audit_log_timestamp ON tollgate_audit_log (timestamp)",
            ]
        ),
        Migration(
            version: 4, name: "key_alias_index",
            statements: [
                // `/key/generate` and `/key/update` look a key up by alias to keep aliases unique.
                "CREATE INDEX tollgate_keys_key_alias ON tollgate_keys (key_alias)"
            ]
        ),
    ]
}
