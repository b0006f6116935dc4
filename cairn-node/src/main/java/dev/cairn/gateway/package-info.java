/**
 * The HTTP gateway ({@code /ipfs/...}) on the gateway listener: the trustless responses
 * ({@code format=raw|car} with dag-scope, entity-bytes, car-dups), which other nodes and the
 * fetcher pull from; the path gateway's deserialized UnixFS responses (files, ranges, directories,
 * listings, symlinks), {@code format=tar} and the codec formats; the subdomain gateway
 * ({@code {cid}.ipfs.{host}} on {@code gateway.subdomain-hosts}, {@link dev.cairn.gateway.SubdomainHosts});
 * the access modes ({@code gateway.mode}); the delegated routing server beside it
 * ({@link dev.cairn.gateway.RoutingSurface}, {@code /routing/v1/providers/{cid}}); and the listener's
 * overload limits ({@link dev.cairn.gateway.GatewayLimits}). For the commonest request, a whole
 * small file, {@link dev.cairn.gateway.SmallFileRoute} answers without the router and
 * {@link dev.cairn.gateway.SmallBlockCache} without the store, both exactly as the routes would.
 * Reads through the {@link dev.cairn.gateway.ContentBackend} and
 * {@link dev.cairn.gateway.ReadAccess} ports; never imports a store, the database or the
 * composition root.
 */
package dev.cairn.gateway;
