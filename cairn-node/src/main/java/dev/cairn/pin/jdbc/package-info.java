/**
 * The pin repository on the metadata database: {@link dev.cairn.pin.jdbc.JdbcPinService}
 * implements {@link dev.cairn.pin.PinService} (what surfaces call) and
 * {@link dev.cairn.pin.PinLifecycle} (what pin workers call) over the {@code pins} and
 * {@code pin_meta} tables of migration V3.
 *
 * <p>Owns the SQL of pin requests and nothing else: jobs are queued and cancelled through the
 * {@link dev.cairn.pin.job.JobQueue} port inside the same transaction as the pin rows. Imports
 * {@code db}, {@code pin}, {@code pin.job} and codecs; never HTTP, stores or the composition root.
 * The SQL is portable to PostgreSQL except where a comment says otherwise.
 */
package dev.cairn.pin.jdbc;
