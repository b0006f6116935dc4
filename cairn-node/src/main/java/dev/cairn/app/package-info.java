/**
 * The composition root: the one place that knows which implementations run. It turns a home
 * directory, the environment and command-line overrides into a ready node (config, identity, and,
 * as they land, the block store, pin service and HTTP servers) for the CLI to use.
 *
 * <p>Everything else depends on ports and config sections, never on this package.
 */
package dev.cairn.app;
