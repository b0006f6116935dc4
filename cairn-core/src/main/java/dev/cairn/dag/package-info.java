/**
 * Walking IPLD DAGs: links of a block by codec ({@link dev.cairn.dag.Links}), a depth-first
 * pre-order walk over a {@link dev.cairn.block.BlockSource} ({@link dev.cairn.dag.DagWalker}) and
 * streaming CARv1 export of a DAG ({@link dev.cairn.dag.DagExport}).
 *
 * <p>The walk order is the one the trustless gateway conformance suite demands: path blocks first,
 * then pre-order DFS following each block's links in order, every block once. Identity CIDs are
 * never emitted (their bytes are the CID), but their links are followed.
 *
 * <p>Depends on {@code block}, {@code cid}, {@code dagpb}, {@code dagcbor} and {@code car}.
 */
package dev.cairn.dag;
