package dev.cairn.quota;

import java.util.OptionalLong;

/**
 * An account's storage: bytes of its pinned DAGs and its quota.
 *
 * @param usedBytes bytes of the pinned roots measured so far
 * @param quotaBytes the quota; empty when unlimited
 * @param unmeasuredRoots pinned roots whose DAG size is not known yet (measured by a node that
 *     holds the block store; the CLI only reads sizes already measured): {@code usedBytes} is then
 *     a lower bound
 */
public record Usage(long accountId, String account, long usedBytes, OptionalLong quotaBytes, long unmeasuredRoots) {
    /** Bytes the account may still add: {@link Long#MAX_VALUE} when unlimited, never negative. */
    public long remainingBytes() {
        return quotaBytes.isEmpty() ? Long.MAX_VALUE : Math.max(0, quotaBytes.getAsLong() - usedBytes);
    }
}
