/**
 * The HTTP gateway ({@code /ipfs/...}) on the gateway listener: the trustless responses
 * ({@code format=raw|car} with dag-scope, entity-bytes, car-dups), which other nodes and the
 * fetcher pull from; the path gateway's deserialized UnixFS responses (files, ranges, directories,
 * listings, symlinks), {@code format=tar} and the codec formats; the subdomain gateway
 * ({@code {cid}.ipfs.{host}} on {@code gateway.subdomain-hosts}, {@link dev.cairn.gateway.SubdomainHosts});
 * and the access modes ({@code gateway.mode}). Reads through the {@link dev.cairn.gateway.ContentBackend} and
 * {@link dev.cairn.gateway.ReadAccess} ports; never imports a store, the database or the
 * composition root.
 */
package dev.cairn.gateway;
