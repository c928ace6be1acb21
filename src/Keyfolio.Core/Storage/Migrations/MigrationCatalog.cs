namespace Keyfolio.Core.Storage.Migrations;

/// <summary>
/// Every schema change in order. A released migration never changes: a new need is a new migration at the end,
/// and its test starts from every earlier version.
/// </summary>
internal static class MigrationCatalog
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "vault header, credential envelopes and audit entries", """
            CREATE TABLE vault_header (
                id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
                header {binary} NOT NULL,
                revision BIGINT NOT NULL
            );
            CREATE TABLE credentials (
                id VARCHAR(128) NOT NULL PRIMARY KEY,
                exchange VARCHAR(128) NOT NULL,
                envelope {binary} NOT NULL
            );
            CREATE TABLE audit_entries (
                sequence BIGINT NOT NULL PRIMARY KEY,
                recorded_at BIGINT NOT NULL,
                actor VARCHAR(512) NOT NULL,
                action VARCHAR(64) NOT NULL,
                connection_id VARCHAR(512),
                key_fingerprint VARCHAR(512),
                endpoint VARCHAR(512),
                outcome VARCHAR(512),
                duration_us BIGINT,
                mac {binary} NOT NULL
            );
            CREATE INDEX ix_audit_entries_connection ON audit_entries (connection_id, sequence);
            """),
        new(2, "connections, balance snapshots and settings", """
            CREATE TABLE connections (
                id VARCHAR(64) NOT NULL PRIMARY KEY,
                label VARCHAR(100) NOT NULL,
                label_key VARCHAR(100) NOT NULL,
                exchange VARCHAR(20) NOT NULL,
                region VARCHAR(20),
                environment VARCHAR(20) NOT NULL,
                custom_base_url VARCHAR(500),
                api_key_last4 VARCHAR(8) NOT NULL,
                key_fingerprint VARCHAR(32) NOT NULL,
                permissions VARCHAR(200),
                key_facts TEXT,
                withdrawal_allowed INTEGER NOT NULL,
                sync_interval_seconds INTEGER,
                created_at BIGINT NOT NULL,
                key_replaced_at BIGINT,
                removed_at BIGINT,
                last_checked_at BIGINT,
                last_check_diagnosis TEXT,
                last_sync_at BIGINT,
                last_sync_diagnosis TEXT,
                last_success_at BIGINT,
                last_manual_refresh_at BIGINT
            );
            CREATE UNIQUE INDEX ux_connections_active_label ON connections (label_key) WHERE removed_at IS NULL;
            CREATE INDEX ix_connections_fingerprint ON connections (key_fingerprint);
            CREATE TABLE snapshots (
                id {identity},
                connection_id VARCHAR(64) NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
                taken_at BIGINT NOT NULL,
                complete INTEGER NOT NULL,
                wallets TEXT NOT NULL,
                holding_count INTEGER NOT NULL,
                total_usd VARCHAR(64),
                unpriced_count INTEGER NOT NULL
            );
            CREATE INDEX ix_snapshots_connection_time ON snapshots (connection_id, taken_at);
            CREATE TABLE snapshot_holdings (
                snapshot_id BIGINT NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
                wallet VARCHAR(20) NOT NULL,
                asset VARCHAR(64) NOT NULL,
                exchange_asset VARCHAR(64) NOT NULL,
                free_amount VARCHAR(64) NOT NULL,
                locked_amount VARCHAR(64) NOT NULL,
                total_amount VARCHAR(64) NOT NULL,
                usd_price VARCHAR(64),
                PRIMARY KEY (snapshot_id, wallet, exchange_asset)
            );
            CREATE TABLE settings (
                name VARCHAR(100) NOT NULL PRIMARY KEY,
                value TEXT NOT NULL,
                updated_at BIGINT NOT NULL
            );
            """),
        new(3, "labels compared normalised (case, compatibility forms, spaces, look-alike letters)", string.Empty, Connections.LabelKeyMigration.RecomputeAsync),
        new(4, "sub-accounts: the ones a master key lists, the person's choice to include each, and holdings per sub-account", """
            CREATE TABLE sub_accounts (
                connection_id VARCHAR(64) NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
                sub_account VARCHAR(200) NOT NULL,
                note VARCHAR(200),
                frozen INTEGER NOT NULL,
                included INTEGER NOT NULL,
                listed INTEGER NOT NULL,
                first_listed_at BIGINT NOT NULL,
                PRIMARY KEY (connection_id, sub_account)
            );
            CREATE TABLE sub_account_lists (
                connection_id VARCHAR(64) NOT NULL PRIMARY KEY REFERENCES connections (id) ON DELETE CASCADE,
                listed_at BIGINT NOT NULL,
                diagnosis TEXT
            );
            CREATE TABLE snapshot_holdings_v4 (
                snapshot_id BIGINT NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
                sub_account VARCHAR(200) NOT NULL DEFAULT '',
                wallet VARCHAR(20) NOT NULL,
                asset VARCHAR(64) NOT NULL,
                exchange_asset VARCHAR(64) NOT NULL,
                free_amount VARCHAR(64) NOT NULL,
                locked_amount VARCHAR(64) NOT NULL,
                total_amount VARCHAR(64) NOT NULL,
                usd_price VARCHAR(64),
                PRIMARY KEY (snapshot_id, sub_account, wallet, exchange_asset)
            );
            INSERT INTO snapshot_holdings_v4 (snapshot_id, sub_account, wallet, asset, exchange_asset, free_amount, locked_amount, total_amount, usd_price)
                SELECT snapshot_id, '', wallet, asset, exchange_asset, free_amount, locked_amount, total_amount, usd_price FROM snapshot_holdings;
            DROP TABLE snapshot_holdings;
            ALTER TABLE snapshot_holdings_v4 RENAME TO snapshot_holdings;
            """),
        new(5, "alerts: the queue, the conditions already alerted on, and each channel's deliveries", """
            CREATE TABLE alerts (
                id {identity},
                type VARCHAR(40) NOT NULL,
                severity VARCHAR(20) NOT NULL,
                connection_id VARCHAR(64),
                connection_label VARCHAR(100),
                exchange VARCHAR(20),
                message_en TEXT NOT NULL,
                message_zh TEXT NOT NULL,
                fix_en TEXT NOT NULL,
                fix_zh TEXT NOT NULL,
                raised_at BIGINT NOT NULL,
                read_at BIGINT
            );
            CREATE INDEX ix_alerts_raised ON alerts (raised_at);
            CREATE TABLE alert_marks (
                subject VARCHAR(64) NOT NULL,
                mark VARCHAR(200) NOT NULL,
                since BIGINT NOT NULL,
                PRIMARY KEY (subject, mark)
            );
            CREATE TABLE alert_deliveries (
                alert_id BIGINT NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
                channel VARCHAR(40) NOT NULL,
                attempts INTEGER NOT NULL,
                next_attempt_at BIGINT,
                delivered_at BIGINT,
                last_outcome VARCHAR(200),
                PRIMARY KEY (alert_id, channel)
            );
            """),
        new(6, "texts stored whole (catalog, key and arguments) beside their English and Chinese, and texts recorded in those two languages recovered where one text matches", """
            ALTER TABLE alerts ADD COLUMN message TEXT;
            ALTER TABLE alerts ADD COLUMN fix TEXT;
            """, RecordedTextMigration.RecoverAsync),
        new(7, "several servers on one database: which one refreshes a connection, and which one sends an alert, until when", """
            CREATE TABLE sync_leases (
                connection_id VARCHAR(64) NOT NULL PRIMARY KEY REFERENCES connections (id) ON DELETE CASCADE,
                holder VARCHAR(100) NOT NULL,
                expires_at BIGINT NOT NULL
            );
            ALTER TABLE alert_deliveries ADD COLUMN claimed_by VARCHAR(100);
            ALTER TABLE alert_deliveries ADD COLUMN claimed_until BIGINT;
            """),
        new(8, "exchange nonces per API key fingerprint, shared by every server on the database, and the key that makes the fingerprints", """
            CREATE TABLE exchange_nonce_key (
                id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
                name_key {binary} NOT NULL
            );
            CREATE TABLE exchange_nonces (
                exchange VARCHAR(20) NOT NULL,
                key_fingerprint VARCHAR(64) NOT NULL,
                last_nonce BIGINT NOT NULL,
                PRIMARY KEY (exchange, key_fingerprint)
            );
            """),
        new(9, "the live servers that send from one shared egress address, so they split its per-IP rate limits", """
            CREATE TABLE egress_nodes (
                holder VARCHAR(100) NOT NULL PRIMARY KEY,
                shared_address VARCHAR(100) NOT NULL,
                last_seen_at BIGINT NOT NULL
            );
            """),
    ];

    public static int LatestVersion => All[^1].Version;
}
