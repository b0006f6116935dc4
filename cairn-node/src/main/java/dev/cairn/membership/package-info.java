/**
 * Membership of blocks in pinned DAGs: which blocks belong to which pinned roots (migration V8),
 * so the gateway's {@code pinned} and {@code private} modes can serve any block of a pinned DAG by
 * its own CID with one index probe, and refuse everything else.
 *
 * <p>{@link dev.cairn.membership.DagMembers} names the blocks of a DAG; {@link dev.cairn.membership.LinkLog}
 * remembers the links of the blocks an ingest writes or reads, so the DAG of a root that becomes
 * pinned is known at commit without a second walk over the store (the blocks of that ingest are not
 * readable from the store before it commits). {@link dev.cairn.membership.MembershipIndex} keeps the
 * rows, in the transactions of the pin repository, and answers the gateway.
 */
package dev.cairn.membership;
