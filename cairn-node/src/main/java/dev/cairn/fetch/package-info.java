/**
 * Retrieval of DAGs from other nodes, every block verified against its CID before it is kept:
 * trustless-gateway HTTP sources (the request's HTTP origins, configured upstream gateways,
 * providers found through delegated routing), with the outbound address policy. Depends on the
 * block ports, cairn-core and its own config section ({@code [fetch]}), never on a store
 * implementation or the pin domain.
 *
 * <p>Layout: {@link dev.cairn.fetch.DagFetcher} is the port; {@link dev.cairn.fetch.HttpDagFetcher}
 * the implementation, one {@code FetchSession} per call (CAR stream, then raw blocks for the gaps),
 * {@code DagFrontier} (what is known and missing of the DAG), {@code SourceList}/{@code Source}
 * (who is asked, who was dropped and why), {@code Watchdog} (inactivity and per-source idle
 * timeouts), {@code AddressPolicy} and {@code NamePins} (no private addresses, no DNS rebinding),
 * {@link dev.cairn.fetch.HttpMultiaddr} (origins as URLs), {@code DelegatedRouting} (providers).
 */
package dev.cairn.fetch;
