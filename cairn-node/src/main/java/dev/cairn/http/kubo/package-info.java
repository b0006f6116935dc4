/**
 * The Kubo RPC upload API ({@code POST /api/v0/...}) on the API port, so that clients written for
 * Kubo, Infura and Filebase ({@code kubo-rpc-client}, {@code curl -F}) work unchanged: uploads,
 * reads and pins, every one scoped to the caller's account. {@link dev.cairn.http.kubo.KuboRpcSurface}
 * declares the routes; {@link dev.cairn.http.kubo.KuboErrors} is the one error mapping;
 * {@link dev.cairn.http.kubo.MultipartReader} streams {@code multipart/form-data} bodies. Each
 * further command group has its own class ({@code KuboFiles}, {@code KuboRefs}, {@code KuboBlocks},
 * {@code KuboDagNodes}, {@code KuboPinUpdates}, {@code KuboRepoStat}), routed by
 * {@code KuboCommandRoutes}, which also answers unknown commands and non-POST methods as
 * go-ipfs-cmds does (plain-text 404 and 405).
 *
 * <p>Multi-tenancy. Pins, {@code pin/ls}, {@code pin/update} and {@code pin/verify} see the caller's
 * own pin requests only. Blocks are shared: reads ({@code cat}, {@code get}, {@code dag/get},
 * {@code refs}, ...) answer for any stored block, as the gateway in {@code public} mode does, and
 * {@code block/rm} removes a block only when no live pin of any account reaches it (the caller may
 * learn that someone pins it, never whom), through {@link dev.cairn.gc.BlockRemover} so that an
 * upload in flight never loses a block it relies on. {@code repo/stat} reports the node's store as a
 * whole and shows the repository path to admin tokens only. The node's storage reaches this package
 * through {@link dev.cairn.http.kubo.KuboStorage}, never the store itself.
 */
package dev.cairn.http.kubo;
