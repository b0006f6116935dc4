/**
 * The HTTP gateway ({@code /ipfs/...}) on the gateway listener. For now the trustless responses
 * only ({@code format=raw|car}), which other nodes and the fetcher pull from. Reads through the
 * {@link dev.cairn.gateway.ContentBackend} port; never imports a store, the database or the
 * composition root.
 */
package dev.cairn.gateway;
