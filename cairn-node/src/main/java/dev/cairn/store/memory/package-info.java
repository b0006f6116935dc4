/**
 * A block store held in memory: for tests, and for {@code --only-hash} imports that compute CIDs
 * without keeping data. Same contract as every {@link dev.cairn.store.BlockStore}, minus
 * durability and the database commit hook.
 */
package dev.cairn.store.memory;
