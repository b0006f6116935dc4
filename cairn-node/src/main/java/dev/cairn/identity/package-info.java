/**
 * The node's libp2p identity: one Ed25519 key pair, the peer ID derived from it, and the file that
 * keeps it in {@code CAIRN_HOME}.
 *
 * <p>Formats follow the libp2p peer-id spec so that keys move between Cairn and Kubo unchanged:
 * the public key is the {@code PublicKey} protobuf {@code {Type=1 (Ed25519), Data=<32 bytes>}}, the
 * peer ID is the identity multihash of that protobuf, and the key file holds the {@code PrivateKey}
 * protobuf {@code {Type=1, Data=<32-byte seed || 32-byte public key>}} (what {@code ipfs key export}
 * calls {@code libp2p-protobuf-cleartext}). Crypto comes from the JDK's own Ed25519 provider; no
 * third-party crypto library is needed.
 *
 * <p>Depends on {@code dev.cairn.multiformats}, {@code dev.cairn.cid}, {@code dev.cairn.protobuf}
 * only; never on config, storage or HTTP.
 */
package dev.cairn.identity;
