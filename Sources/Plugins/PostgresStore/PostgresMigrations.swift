import GatewayCore

/// The Postgres schema, one ``Migration`` per version, one SQL statement per string (the extended query protocol
/// runs one statement at a time). Never edit a released migration: add a new version.
///
/// It mirrors the SQLite schema: times are `DOUBLE PRECISION` seconds since 1970 (as the store protocols carry
/// them) and JSON values are `TEXT`, so a stored value reads back byte for byte and both stores pass one contract
/// suite. Ordering columns that break ties use `COLLATE "C"` (byte order, as SQLite compares).
enum PostgresMigrations {
    /// The bookkeeping table; created, under the migration lock, before any migration runs.
    static let bookkeeping = """
        CREATE TABLE IF NOT EXISTS tollgate_migrations (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at DOUBLE PRECISION NOT NULL
        )
        """

    /// The key of the transaction-scoped advisory lock every migration transaction takes first, so gateway
    /// instances starting together apply each migration once. ("tollgate" in ASCII.)
    static let advisoryLockKey: Int64 = 0x746F_6C6C_6761_7465

    static let all: [Migration] = [
        Migration(
            version: 1, name: "create_keys",
            statements: [
                """
                CREATE TABLE tollgate_keys (
                    key_hash TEXT PRIMARY KEY,
                    key_alias TEXT,
                    user_id TEXT,
                    team_id TEXT,
                    models TEXT NOT NULL DEFAULT '[]',
                    spend DOUBLE PRECISION NOT NULL DEFAULT 0,
                    max_budget DOUBLE PRECISION,
                    blocked BOOLEAN NOT NULL DEFAULT FALSE,
                    expires_at DOUBLE PRECISION,
                    created_at DOUBLE PRECISION NOT NULL,
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
                    request_id TEXT PRIMARY KEY,
                    call_type TEXT NOT NULL,
                    start_time DOUBLE PRECISION NOT NULL,
                    end_time DOUBLE PRECISION NOT NULL,
                    key_hash TEXT,
                    user_id TEXT,
                    team_id TEXT,
                    end_user TEXT,
                    model TEXT NOT NULL,
                    deployment_id TEXT,
                    provider TEXT,
                    prompt_tokens BIGINT NOT NULL DEFAULT 0,
                    completion_tokens BIGINT NOT NULL DEFAULT 0,
                    spend DOUBLE PRECISION NOT NULL DEFAULT 0,
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
                // Ids are "C"-collated so the primary key's order is the byte order lists use (as SQLite's).
                """
                CREATE TABLE tollgate_entities (
                    kind TEXT NOT NULL,
                    id TEXT COLLATE "C" NOT NULL,
                    team_id TEXT,
                    user_id TEXT,
                    organization_id TEXT,
                    document TEXT NOT NULL,
                    created_at DOUBLE PRECISION NOT NULL,
                    updated_at DOUBLE PRECISION NOT NULL,
                    PRIMARY KEY (kind, id)
                )
                """,
                "CREATE INDEX tollgate_entities_team_id ON tollgate_entities (kind, team_id)",
                "CREATE INDEX tollgate_entities_user_id ON tollgate_entities (kind, user_id)",
                "CREATE INDEX tollgate_entities_organization_id ON tollgate_entities (kind, organization_id)",
                """
                CREATE TABLE tollgate_audit_log (
                    id TEXT COLLATE "C" PRIMARY KEY,
                    timestamp DOUBLE PRECISION NOT NULL,
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
                "ALTER TABLE tollgate_spend_logs ADD COLUMN spend_units BIGINT NOT NULL DEFAULT 0",
                // SpendUnits.units(spend) for older rows: spend * 1e10 rounded half away from zero, as Swift rounds
                // (round() on a double rounds half to even).
                """
                UPDATE tollgate_spend_logs
                SET spend_units = (floor(spend * 10000000000::DOUBLE PRECISION)
                    + CASE WHEN spend * 10000000000::DOUBLE PRECISION - floor(spend * 10000000000::DOUBLE PRECISION) >= 0.5
                        THEN 1 ELSE 0 END)::BIGINT
                WHERE spend > 0
                """,
                // Spend reports filter on key, user, team and start time; key_hash and start_time are indexed since version 2.
                "CREATE INDEX tollgate_spend_logs_user_id ON tollgate_spend_logs (user_id)",
                "CREATE INDEX tollgate_spend_logs_team_id ON tollgate_spend_logs (team_id)",
                // Ids are "C"-collated so counters list in byte order (as SQLite's).
                """
                CREATE TABLE tollgate_spend_counters (
                    kind TEXT NOT NULL,
                    id TEXT COLLATE "C" NOT NULL,
                    units BIGINT NOT NULL DEFAULT 0,
                    budget_reset_at DOUBLE PRECISION,
                    PRIMARY KEY (kind, id)
                )
                """,
                // Counters start as the sum of the rows already logged, per scope those rows can name (older rows have
                // no organization, project or tags), so a counter equals its rows from the first day.
                """
                INSERT INTO tollgate_spend_counters (kind, id, units)
                SELECT 'global', '', total FROM (SELECT SUM(spend_units)::BIGINT AS total FROM tollgate_spend_logs WHERE spend_units > 0) AS t
                WHERE total IS NOT NULL
                UNION ALL
                SELECT 'key', key_hash, SUM(spend_units)::BIGINT FROM tollgate_spend_logs
                WHERE spend_units > 0 AND key_hash IS NOT NULL GROUP BY key_hash
                UNION ALL
                SELECT 'user', user_id, SUM(spend_units)::BIGINT FROM tollgate_spend_logs
                WHERE spend_units > 0 AND user_id IS NOT NULL GROUP BY user_id
                UNION ALL
                SELECT 'team', team_id, SUM(spend_units)::BIGINT FROM tollgate_spend_logs
                WHERE spend_units > 0 AND team_id IS NOT NULL GROUP BY team_id
                UNION ALL
                SELECT 'team_member', team_id || ':' || user_id, SUM(spend_units)::BIGINT FROM tollgate_spend_logs
                WHERE spend_units > 0 AND team_id IS NOT NULL AND user_id IS NOT NULL GROUP BY team_id || ':' || user_id
                UNION ALL
                SELECT 'end_user', end_user, SUM(spend_units)::BIGINT FROM tollgate_spend_logs
                WHERE spend_units > 0 AND end_user IS NOT NULL GROUP BY end_user
                """,
            ]
        ),
        Migration(
            version: 6, name: "policies",
            statements: [
                // One row per version of a named policy. `content` is the JSON of PolicyContent. Names and ids are
                // "C"-collated so lists order them by bytes (as SQLite's).
                """
                CREATE TABLE tollgate_policies (
                    id TEXT COLLATE "C" PRIMARY KEY,
                    name TEXT COLLATE "C" NOT NULL,
                    version_number INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    shadow BOOLEAN NOT NULL DEFAULT FALSE,
                    content TEXT NOT NULL,
                    created_at DOUBLE PRECISION NOT NULL,
                    updated_at DOUBLE PRECISION NOT NULL,
                    published_at DOUBLE PRECISION,
                    production_at DOUBLE PRECISION,
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
                    id TEXT COLLATE "C" PRIMARY KEY,
                    policy_name TEXT COLLATE "C" NOT NULL,
                    scope TEXT NOT NULL,
                    created_at DOUBLE PRECISION NOT NULL,
                    created_by TEXT
                )
                """,
                "CREATE INDEX tollgate_policy_attachments_policy_name ON tollgate_policy_attachments (policy_name)",
            ]
        ),
        Migration(
            version: 7, name: "shared_limits",
            statements: [
                // One lease per scope and instance on the scope's max_budget (SharedLimitStore): it holds
                // granted - spent while expires_at is ahead. spent grows with the instance's spend-log rows, in their
                // transaction.
                """
                CREATE TABLE tollgate_budget_leases (
                    kind TEXT COLLATE "C" NOT NULL,
                    id TEXT COLLATE "C" NOT NULL,
                    instance_id TEXT COLLATE "C" NOT NULL,
                    granted BIGINT NOT NULL DEFAULT 0,
                    spent BIGINT NOT NULL DEFAULT 0,
                    expires_at DOUBLE PRECISION NOT NULL,
                    PRIMARY KEY (kind, id, instance_id)
                )
                """,
                // Requests leased and tokens counted per scope, minute window and instance.
                """
                CREATE TABLE tollgate_rate_windows (
                    kind TEXT COLLATE "C" NOT NULL,
                    id TEXT COLLATE "C" NOT NULL,
                    window_start DOUBLE PRECISION NOT NULL,
                    instance_id TEXT COLLATE "C" NOT NULL,
                    requests BIGINT NOT NULL DEFAULT 0,
                    tokens BIGINT NOT NULL DEFAULT 0,
                    PRIMARY KEY (kind, id, window_start, instance_id)
                )
                """,
            ]
        ),
        Migration(
            version: 8, name: "deployment_cooldowns",
            statements: [
                // The latest cooldown end announced per deployment (seconds since 1970), read by an instance when it
                // starts listening: cooldowns announced before that would otherwise never reach it.
                """
                CREATE TABLE tollgate_deployment_cooldowns (
                    deployment_id TEXT COLLATE "C" PRIMARY KEY,
                    until DOUBLE PRECISION NOT NULL
                )
                """
            ]
        ),
        Migration(
            version: 9, name: "spend_log_response_id",
            statements: [
                // The `id` of the answer the client received (`chatcmpl-…`), so `/spend/logs?request_id=` finds a row
                // by it as LiteLLM does. Not unique: upstreams may repeat ids. Older rows have none.
                "ALTER TABLE tollgate_spend_logs ADD COLUMN response_id TEXT",
                "CREATE INDEX tollgate_spend_logs_response_id ON tollgate_spend_logs (response_id)",
            ]
        ),
    ]
}
