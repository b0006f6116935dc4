/**
 * Pin requests: the unit users see (a Pinning Service API {@code requestid}). Each belongs to one
 * account and names one CID; many requests may name the same CID, whose blocks are stored once.
 * {@link dev.cairn.pin.PinService} is the port every surface (PSA, Kubo RPC {@code pin/*}, uploads)
 * calls; the job queue in {@code pin.job} moves requests from {@code queued} to {@code pinned}.
 */
package dev.cairn.pin;
