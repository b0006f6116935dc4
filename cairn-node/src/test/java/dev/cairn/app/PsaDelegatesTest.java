package dev.cairn.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.identity.Identity;
import dev.cairn.identity.PeerId;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PsaDelegatesTest {
    @Test
    void theDelegateIsAP2pMultiaddrEndingInThisNodesPeerId() {
        PeerId peer = Identity.generate(new SecureRandom()).peerId();
        assertThat(PsaDelegates.of(peer)).singleElement().satisfies(d -> {
            assertThat(d).matches("/ip4/127\\.0\\.0\\.1/tcp/4001/p2p/12D3KooW[1-9A-HJ-NP-Za-km-z]+");
            assertThat(PeerId.parse(d.substring(d.lastIndexOf('/') + 1))).isEqualTo(peer);
        });
    }
}
