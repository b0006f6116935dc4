/**
 * Configuration: where {@code CAIRN_HOME} is, what {@code config.toml} holds, and how settings are
 * layered (built-in default, then the file, then {@code CAIRN_SECTION_KEY} environment variables,
 * then command-line overrides).
 *
 * <p>Each component owns one section record ({@link StoreConfig}, {@link GatewayConfig}, ...) with
 * its named defaults, its {@link Setting} list (key, default, meaning) and a {@code validate()} whose
 * messages name the key. The same {@link Setting} lists drive the parser (unknown keys are errors),
 * the environment mapping, the commented default file and the reference in {@code docs/config.md},
 * so the four cannot drift apart.
 *
 * <p>Must not import storage, HTTP or identity code: components read their section, never the
 * other way round.
 */
package dev.cairn.config;
