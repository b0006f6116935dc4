package dev.cairn.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.cid.Cid;
import dev.cairn.http.HttpException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which Host values are subdomain requests, and the DNS label a CID takes. Reference labels come
 * from Kubo (the conformance fixtures' CIDv0 / CIDv1 pairs, the spec's example) and, for base36,
 * from Python's big-integer arithmetic, not from Cairn's own encoder.
 */
class SubdomainHostsTest {
    final SubdomainHosts hosts = SubdomainHosts.of(List.of("localhost", "Dweb.Example.net"));

    @Test
    void aCidLabelUnderAConfiguredHostIsASubdomainRequestKeepingThePort() {
        assertThat(hosts.match("bafkqaaa.ipfs.localhost:8080"))
                .isEqualTo(new SubdomainHosts.Subdomain("bafkqaaa", "ipfs", "localhost:8080"));
        assertThat(hosts.match("K51QZI5UQU5D.IPNS.dweb.example.net"))
                .isEqualTo(new SubdomainHosts.Subdomain("K51QZI5UQU5D", "ipns", "dweb.example.net"));
        assertThat(hosts.match("bafkqaaa.ipfs.localhost."))
                .isEqualTo(new SubdomainHosts.Subdomain("bafkqaaa", "ipfs", "localhost"));
    }

    @Test
    void theConfiguredHostItselfIsTheGatewayHost() {
        assertThat(hosts.match("localhost:8080")).isEqualTo(new SubdomainHosts.GatewayHost("localhost:8080"));
        assertThat(hosts.match("DWEB.example.net")).isEqualTo(new SubdomainHosts.GatewayHost("dweb.example.net"));
    }

    @Test
    void anyOtherHostIsThePathGateway() {
        for (String host : new String[] {"127.0.0.1:8080", "[::1]:8080", "example.org", "notlocalhost",
                "bafkqaaa.ipfs.localhost.evil.com", "a.b.ipfs.localhost", "bafkqaaa.ipfx.localhost",
                ".ipfs.localhost", "x.localhost", "", "  "}) {
            assertThat(hosts.match(host)).as(host).isInstanceOf(SubdomainHosts.PathGateway.class);
        }
        assertThat(hosts.match(null)).isInstanceOf(SubdomainHosts.PathGateway.class);
        assertThat(SubdomainHosts.none().match("bafkqaaa.ipfs.localhost"))
                .isInstanceOf(SubdomainHosts.PathGateway.class);
    }

    @Test
    void onlyBareHostNamesCanBeConfigured() {
        for (String bad : new String[] {"http://localhost", "localhost:8080", "*.example.com", "-a.com", "a b", ""}) {
            assertThatThrownBy(() -> SubdomainHosts.of(List.of(bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aCidv0BecomesCidv1Base32AsKuboWritesIt() {
        // Pairs from the conformance fixture subdomain_gateway/fixtures.car (hello-CIDv0, hello-CIDv0to1)
        // and the subdomain gateway spec's example.
        assertThat(SubdomainHosts.dnsLabel(Cid.parse("QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN")))
                .isEqualTo("bafybeiffndsajwhk3lwjewwdxqntmjm4b5wxaaanokonsggenkbw6slwk4");
        assertThat(SubdomainHosts.dnsLabel(Cid.parse("QmbWqxBEKC3P8tqsKc98xmWNzrzDtRLMiMPL8wBuTGsMnR")))
                .isEqualTo("bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi");
        assertThat(SubdomainHosts.dnsLabel(Cid.parse("bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am")))
                .isEqualTo("bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am");
    }

    @Test
    void aCidWhoseBase32ExceedsSixtyThreeCharactersIsWrittenInBase36() {
        // raw + identity over 35 bytes: 64 characters in base32, 60 in base36 (computed with Python)
        Cid cid = Cid.parse("bafkqai3imvwgy3zamzzg63jameqdgnjnmj4xizjanfsgk3tunf2hsicdjfcccii");
        assertThat(SubdomainHosts.dnsLabel(cid)).isEqualTo("knjzobtcb65trtn85iyp30s6f5dfpp6gee5urs74rcf8hu6kpuf0wylbvsip");
    }

    @Test
    void aCidTooLongForAnyLabelIsRefusedWithTheMessageKuboGives() {
        // sha2-512 (hello-CIDv1_TOO_LONG in the conformance fixture)
        Cid cid = Cid.parse("bafkrgqhhyivzstcz3hhswshfjgy6ertgmnqeleynhwt4dlfsthi4hn7zgh4uvlsb5xncykzapi3ocd4lzogukir6ksdy6wzrnz6ohnv4aglcs");
        assertThatThrownBy(() -> SubdomainHosts.dnsLabel(cid)).isInstanceOf(HttpException.class)
                .hasMessageContaining("CID incompatible with DNS label length limit of 63")
                .satisfies(e -> assertThat(((HttpException) e).status()).isEqualTo(400));
    }
}
