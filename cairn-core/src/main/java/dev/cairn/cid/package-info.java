/**
 * Content identifiers (CIDv0 and CIDv1): parsing from text or bytes, formatting in any multibase,
 * v0 to v1 conversion ({@link dev.cairn.cid.Cid}), and which CIDs Cairn agrees to store, fetch or
 * serve ({@link dev.cairn.cid.CidPolicy}). Depends only on {@code dev.cairn.multiformats}.
 */
package dev.cairn.cid;
