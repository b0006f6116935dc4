package dev.cairn.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressPolicyTest {
    private static String kind(String literal) throws Exception {
        return AddressPolicy.kind(InetAddress.getByName(literal));
    }

    @Test
    void nonPublicAddressesAreNamedByWhatTheyAre() throws Exception {
        assertThat(kind("127.0.0.1")).isEqualTo("a loopback address");
        assertThat(kind("127.8.9.10")).isEqualTo("a loopback address");
        assertThat(kind("::1")).isEqualTo("a loopback address");
        assertThat(kind("0.0.0.0")).isEqualTo("an unspecified address");
        assertThat(kind("::")).isEqualTo("an unspecified address");
        for (String p : new String[] {"10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1", "100.64.0.1", "fc00::1", "fd12:3456::1"}) {
            assertThat(kind(p)).as(p).isEqualTo("a private address");
        }
        assertThat(kind("169.254.169.254")).isEqualTo("a link-local address");
        assertThat(kind("fe80::1")).isEqualTo("a link-local address");
        assertThat(kind("224.0.0.1")).isEqualTo("a multicast address");
        assertThat(kind("ff02::1")).isEqualTo("a multicast address");
        assertThat(kind("255.255.255.255")).isEqualTo("a reserved address");
        assertThat(kind("::ffff:10.0.0.1")).as("IPv4-mapped").isEqualTo("a private address");
        assertThat(kind("64:ff9b::a9fe:a9fe")).as("NAT64 of 169.254.169.254").isEqualTo("a link-local address");
    }

    @Test
    void publicAddressesPass() throws Exception {
        for (String p : new String[] {"1.1.1.1", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "64:ff9b::808:808"}) {
            assertThat(kind(p)).as(p).isNull();
        }
    }

    @Test
    void theOverrideAllowsEverything() throws Exception {
        assertThat(new AddressPolicy(true).refusal(InetAddress.getByName("127.0.0.1"))).isEmpty();
        assertThat(new AddressPolicy(false).refusal(InetAddress.getByName("127.0.0.1"))).contains("a loopback address");
    }
}
