/**
 * The metadata database: connection handling and versioned schema migrations.
 *
 * <p>Owns the one embedded SQLite database ({@code <home>/cairn.db}) that the block index, pins,
 * accounts and jobs share, and the migration files under {@code db/migration/} in resources.
 * Repositories get connections through {@link dev.cairn.db.Database} and never open their own.
 *
 * <p>SQL written here and in repositories stays portable to PostgreSQL (the scale-out database):
 * {@code BIGINT}, {@code TEXT}, {@code BYTEA}, {@code ON CONFLICT ... DO NOTHING}, no SQLite-only
 * functions in schema files. Imports nothing from stores, services or HTTP.
 */
package dev.cairn.db;
