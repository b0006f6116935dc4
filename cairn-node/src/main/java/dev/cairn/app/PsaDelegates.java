package dev.cairn.app;

import dev.cairn.identity.PeerId;
import java.util.List;

/**
 * The {@code delegates} of every PSA {@code PinStatus}: multiaddrs of this node ending in
 * {@code /p2p/<peer id>}. Kubo parses each with {@code AddrInfoFromP2pAddr} and aborts
 * {@code pin remote add} on one that does not parse, then dials them best-effort (a failed dial is
 * only logged). Until the libp2p host (cairn-p2p) listens and announces its addresses, the node
 * advertises the default swarm port on loopback under its real peer ID: well-formed, honest about
 * who we are, and harmless when nothing answers. Replace with the host's announced addresses when
 * it exists.
 */
final class PsaDelegates {
    /** The swarm port ARCHITECTURE.md assigns to libp2p. */
    static final int DEFAULT_SWARM_PORT = 4001;

    private PsaDelegates() {}

    static List<String> of(PeerId peerId) {
        return List.of("/ip4/127.0.0.1/tcp/" + DEFAULT_SWARM_PORT + "/p2p/" + peerId);
    }
}
