/**
 * Retrieval of DAGs from other nodes, every block verified against its CID before it is kept:
 * trustless-gateway HTTP sources (the request's HTTP origins, configured upstream gateways,
 * providers found through delegated routing), with the outbound address policy. Depends on the
 * block ports and cairn-core, never on a store implementation or the pin domain.
 */
package dev.cairn.fetch;
