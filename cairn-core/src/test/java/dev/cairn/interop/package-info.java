/**
 * Test-scope bridges to independent IPFS implementations (the JS stack pinned in the repository's
 * {@code interop/} folder), so Cairn's tests compare against values Cairn did not compute.
 *
 * <p>Owns: running the Node scripts of {@code interop/} ({@link dev.cairn.interop.UnixfsReference},
 * {@link dev.cairn.interop.CarInspect}, {@link dev.cairn.interop.UnixfsCat}) and the minimal JSON
 * they exchange. Must not import production codecs to <em>compute</em> expected values: an oracle
 * that shares our code cannot catch our bugs. Requires {@code node} on the PATH (or
 * {@code CAIRN_NODE}) and {@code npm ci --prefix interop}.
 */
package dev.cairn.interop;
