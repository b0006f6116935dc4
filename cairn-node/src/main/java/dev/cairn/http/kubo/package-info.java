/**
 * The Kubo RPC upload API ({@code POST /api/v0/...}) on the API port, so that clients written for
 * Kubo, Infura and Filebase ({@code kubo-rpc-client}, {@code curl -F}) work unchanged: uploads,
 * reads and pins, every one scoped to the caller's account. {@link dev.cairn.http.kubo.KuboRpcSurface}
 * declares the routes; {@link dev.cairn.http.kubo.KuboErrors} is the one error mapping;
 * {@link dev.cairn.http.kubo.MultipartReader} streams {@code multipart/form-data} bodies.
 */
package dev.cairn.http.kubo;
