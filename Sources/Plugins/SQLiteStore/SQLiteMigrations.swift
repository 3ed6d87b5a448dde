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
        Migration(
            version: 5, name: "spend_counters",
            statements: [
                "ALTER TABLE tollgate_spend_logs ADD COLUMN organization_id TEXT",
                "ALTER TABLE tollgate_spend_logs ADD COLUMN project_id TEXT",
                // The request's `metadata.tags`, a JSON array of strings.
                "ALTER TABLE tollgate_spend_logs ADD COLUMN tags TEXT NOT NULL DEFAULT '[]'",
                // Spend in exact integer SpendUnits (10^-10 USD), what summaries and counters add up.
                "ALTER TABLE tollgate_spend_logs ADD COLUMN spend_units INTEGER NOT NULL DEFAULT 0",
                // SpendUnits.units(spend) for older rows: spend * 1e10 rounded half away from zero, computed without
                // round()'s `x + 0.5`, which can carry a value just under one half up to the next unit.
                """
                UPDATE tollgate_spend_logs
                SET spend_units = CAST(spend * 10000000000.0 AS INTEGER)
                    + (spend * 10000000000.0 - CAST(spend * 10000000000.0 AS INTEGER) >= 0.5)
                WHERE spend > 0
                """,
                // Spend reports filter on key, user, team and start time; key_hash and start_time are indexed since version 2.
                "CREATE INDEX tollgate_spend_logs_user_id ON tollgate_spend_logs (user_id)",
                "CREATE INDEX tollgate_spend_logs_team_id ON tollgate_spend_logs (team_id)",
                """
                CREATE TABLE tollgate_spend_counters (
                    kind TEXT NOT NULL,
                    id TEXT NOT NULL,
                    units INTEGER NOT NULL DEFAULT 0,
                    budget_reset_at REAL,
                    PRIMARY KEY (kind, id)
                )
                """,
                // Counters start as the sum of the rows already logged, per scope those rows can name (older rows have
                // no organization, project or tags), so a counter equals its rows from the first day.
                """
                INSERT INTO tollgate_spend_counters (kind, id, units)
                SELECT 'global', '', total FROM (SELECT SUM(spend_units) AS total FROM tollgate_spend_logs WHERE spend_units > 0)
                WHERE total IS NOT NULL
                UNION ALL
                SELECT 'key', key_hash, SUM(spend_units) FROM tollgate_spend_logs
                WHERE spend_units > 0 AND key_hash IS NOT NULL GROUP BY key_hash
                UNION ALL
                SELECT 'user', user_id, SUM(spend_units) FROM tollgate_spend_logs
                WHERE spend_units > 0 AND user_id IS NOT NULL GROUP BY user_id
                UNION ALL
                SELECT 'team', team_id, SUM(spend_units) FROM tollgate_spend_logs
                WHERE spend_units > 0 AND team_id IS NOT NULL GROUP BY team_id
                UNION ALL
                SELECT 'team_member', team_id || ':' || user_id, SUM(spend_units) FROM tollgate_spend_logs
                WHERE spend_units > 0 AND team_id IS NOT NULL AND user_id IS NOT NULL GROUP BY team_id || ':' || user_id
                UNION ALL
                SELECT 'end_user', end_user, SUM(spend_units) FROM tollgate_spend_logs
                WHERE spend_units > 0 AND end_user IS NOT NULL GROUP BY end_user
                """,
            ]
        ),
        Migration(
            version: 6, name: "policies",
            statements: [
                // One row per version of a named policy. `content` is the JSON of PolicyContent; `shadow` is 0 or 1.
                """
                CREATE TABLE tollgate_policies (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    version_number INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    shadow INTEGER NOT NULL DEFAULT 0,
                    content TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    published_at REAL,
                    production_at REAL,
                    created_by TEXT,
                    updated_by TEXT,
                    UNIQUE (name, version_number)
                )
                """,
                // The database itself holds the invariants the store's transactions keep: at most one production and
                // at most one shadow version per name.
                "CREATE UNIQUE INDEX tollgate_policies_production ON tollgate_policies (name) WHERE status = 'production'",
                "CREATE UNIQUE INDEX tollgate_policies_shadow ON tollgate_policies (name) WHERE shadow",
                // `scope` is the JSON of PolicyAttachment.scopeDocument.
                """
                CREATE TABLE tollgate_policy_attachments (
                    id TEXT PRIMARY KEY NOT NULL,
                    policy_name TEXT NOT NULL,
                    scope TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    created_by TEXT
                )
                """,
                "CREATE INDEX tollgate_policy_attachments_policy_name ON tollgate_policy_attachments (policy_name)",
            ]
        ),
        Migration(
            version: 7, name: "spend_log_response_id",
            statements: [
                // The `id` of the answer the client received (`chatcmpl-…`), so `/spend/logs?request_id=` finds a row
                // by it as LiteLLM does. Not unique: upstreams may repeat ids. Older rows have none.
                "ALTER TABLE tollgate_spend_logs ADD COLUMN response_id TEXT",
                "CREATE INDEX tollgate_spend_logs_response_id ON tollgate_spend_logs (response_id)",
            ]
        ),
    ]
}
