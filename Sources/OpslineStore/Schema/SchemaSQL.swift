/// The SQL that keeps track of applied migrations.
enum SchemaSQL {
    static let createMigrationsTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    integer     PRIMARY KEY,
            name       text        NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """

    static let appliedVersions = "SELECT version FROM schema_migrations"

    static let recordMigration = "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)"

    static let migrationsTableExists =
        "SELECT to_regclass('schema_migrations') IS NOT NULL AS present"

    static let currentVersion = "SELECT coalesce(max(version), 0) AS version FROM schema_migrations"
}
