/**
 * The IPFS Pinning Service API (v1.0.0, {@code /pins}) mounted on the HTTP core: routes, wire
 * types and the {@code Failure} error format ({@link dev.cairn.http.psa.PsaErrors}). Calls
 * {@code dev.cairn.pin.PinService}; never a repository or database class.
 */
package dev.cairn.http.psa;
