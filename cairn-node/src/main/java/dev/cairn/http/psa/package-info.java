/**
 * The IPFS Pinning Service API (v1.0.0, {@code /pins}) mounted on the HTTP core:
 * {@link dev.cairn.http.psa.PsaSurface} (the route table), the {@code GET /pins} query parser, and
 * the {@code Failure} error format ({@link dev.cairn.http.psa.PsaErrors}, the one place mapping
 * exception types to statuses for this surface). Wire types and converters live in
 * {@code http.psa.wire}.
 *
 * <p>Calls {@code dev.cairn.pin.PinService}; never a repository or database class.
 */
package dev.cairn.http.psa;
