package dev.cairn.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import org.junit.jupiter.api.Test;

class DelegatedRoutingTest {
    @Test
    void onlyPeersOfferingTheGatewayProtocolOnAnHttpAddressAreKept() throws Exception {
        String json = """
                {"Providers":[
                  {"Schema":"peer","ID":"12D3KooWA","Addrs":["/ip4/1.2.3.4/tcp/4001"],"Protocols":["transport-bitswap"]},
                  {"Schema":"peer","ID":"12D3KooWB","Addrs":["/ip4/1.2.3.4/tcp/4001","/dns4/b.example/tcp/443/https"],
                   "Protocols":["transport-bitswap","transport-ipfs-gateway-http"]},
                  {"Schema":"peer","ID":"12D3KooWC","Addrs":["/ip4/5.6.7.8/udp/4001/quic-v1"],"Protocols":["transport-ipfs-gateway-http"]},
                  {"Schema":"peer","ID":"12D3KooWD","Addrs":["/dns4/b.example/tcp/443/https"],"Protocols":["transport-ipfs-gateway-http"]},
                  {"Schema":"unknown"}, 42
                ]}""";

        assertThat(DelegatedRouting.parse(new ObjectMapper().readTree(json)))
                .containsExactly(new DelegatedRouting.Provider("12D3KooWB", URI.create("https://b.example:443")));
    }

    @Test
    void missingOrNullProvidersMeanNone() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(DelegatedRouting.parse(json.readTree("{\"Providers\":null}"))).isEmpty();
        assertThat(DelegatedRouting.parse(json.readTree("{}"))).isEmpty();
        assertThat(DelegatedRouting.parse(json.readTree("[]"))).isEmpty();
    }
}
