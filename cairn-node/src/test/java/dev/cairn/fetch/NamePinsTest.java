package dev.cairn.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolver.LookupPolicy;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class NamePinsTest {
    private static final LookupPolicy ANY = LookupPolicy.of(LookupPolicy.IPV4 | LookupPolicy.IPV6);

    /** A DNS server under an attacker's control: answers whatever it is told to, TTL zero. */
    private static final class RebindingDns implements InetAddressResolver {
        final AtomicReference<List<InetAddress>> answer = new AtomicReference<>();

        @Override
        public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
            if (!host.equals("rebind.example")) {
                throw new UnknownHostException(host);
            }
            return answer.get().stream();
        }

        @Override
        public String lookupByAddress(byte[] addr) throws UnknownHostException {
            throw new UnknownHostException();
        }
    }

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @Test
    void aNameReboundAfterTheCheckStillResolvesToTheCheckedAddressForTheConnect() throws Exception {
        RebindingDns dns = new RebindingDns();
        AtomicLong now = new AtomicLong();
        AtomicReference<NamePins> self = new AtomicReference<>();
        // The JVM lookup goes through the installed resolver (no cache in this test).
        NamePins pins = new NamePins(dns, host -> self.get().resolver().lookupByName(host, ANY).toList(), now::get);
        self.set(pins);
        dns.answer.set(List.of(ip("93.184.215.14")));

        List<InetAddress> checked = pins.resolveForConnect("rebind.example");
        dns.answer.set(List.of(ip("10.0.0.1")));

        assertThat(checked).containsExactly(ip("93.184.215.14"));
        assertThat(pins.resolver().lookupByName("rebind.example", ANY)).containsExactly(ip("93.184.215.14"));
        assertThat(pins.resolver().lookupByName("REBIND.example.", ANY)).containsExactly(ip("93.184.215.14"));

        now.addAndGet(NamePins.PIN_NANOS + 1);
        assertThat(pins.resolver().lookupByName("rebind.example", ANY)).as("after the pin expires, DNS again")
                .containsExactly(ip("10.0.0.1"));
    }

    @Test
    void whatTheJvmCacheStillHoldsIsReturnedForCheckingToo() throws Exception {
        RebindingDns dns = new RebindingDns();
        dns.answer.set(List.of(ip("93.184.215.14")));
        NamePins pins = new NamePins(dns, host -> List.of(ip("10.9.9.9")), System::nanoTime);

        assertThat(pins.resolveForConnect("rebind.example")).containsExactly(ip("93.184.215.14"), ip("10.9.9.9"));
    }

    @Test
    void pinnedAnswersFollowTheAskedAddressFamily() throws Exception {
        RebindingDns dns = new RebindingDns();
        dns.answer.set(List.of(ip("2606:4700::1111"), ip("1.1.1.1")));
        NamePins pins = new NamePins(dns, host -> List.of(), System::nanoTime);
        pins.resolveForConnect("rebind.example");

        assertThat(pins.resolver().lookupByName("rebind.example", LookupPolicy.of(LookupPolicy.IPV4)))
                .containsExactly(ip("1.1.1.1"));
        assertThat(pins.resolver().lookupByName("rebind.example",
                LookupPolicy.of(LookupPolicy.IPV4 | LookupPolicy.IPV6 | LookupPolicy.IPV4_FIRST)))
                .containsExactly(ip("1.1.1.1"), ip("2606:4700::1111"));
        assertThatThrownBy(() -> pins.resolveForConnect("other.example")).isInstanceOf(UnknownHostException.class);
    }

    @Test
    void theResolverIsInstalledInThisJvmAndLeavesOtherNamesAlone() throws Exception {
        assertThat(InetAddress.getAllByName("localhost")).isNotEmpty();

        assertThat(NamePins.GLOBAL.installed()).as("META-INF/services registers the provider").isTrue();
        assertThat(HostResolver.SYSTEM.resolve("localhost")).allMatch(InetAddress::isLoopbackAddress);
    }
}
