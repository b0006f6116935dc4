package dev.cairn.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HttpMultiaddrTest {
    @Test
    void httpAndHttpsMultiaddrsBecomeBaseUrls() {
        assertThat(HttpMultiaddr.toUrl("/ip4/1.2.3.4/tcp/8080/http")).contains(URI.create("http://1.2.3.4:8080"));
        assertThat(HttpMultiaddr.toUrl("/ip6/2001:db8::1/tcp/443/https")).contains(URI.create("https://[2001:db8::1]:443"));
        assertThat(HttpMultiaddr.toUrl("/dns4/gw.example.com/tcp/443/tls/http")).contains(URI.create("https://gw.example.com:443"));
        assertThat(HttpMultiaddr.toUrl("/dns/gw.example.com/tcp/80/http")).contains(URI.create("http://gw.example.com:80"));
        assertThat(HttpMultiaddr.toUrl("/dns6/gw.example.com/tcp/443/https/p2p/12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo"))
                .contains(URI.create("https://gw.example.com:443"));
    }

    @Test
    void everythingElseIsIgnoredNotAnError() {
        for (String s : new String[] {
            "/ip4/1.2.3.4/tcp/4001", "/ip4/1.2.3.4/udp/4001/quic-v1", "/ip4/1.2.3.4/tcp/4001/p2p/12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo",
            "/ip4/1.2.3.4/tcp/0/http", "/ip4/1.2.3.4/tcp/65536/http", "/ip4/1.2.3.400/tcp/80/http", "/ip4/1.2.3.4/tcp/080/http",
            "/dns4/a_b.example/tcp/80/http", "/dns4/x@evil.example/tcp/80/http", "/dns4/evil.example#/tcp/80/http",
            "/ip6/not-an-ip/tcp/80/http", "/dns4/gw.example/tcp/443/tls/sni/gw.example/http",
            "/dns4/gw.example/tcp/443/https/http-path/foo", "/ip4/1.2.3.4/tcp/80/http/", "ip4/1.2.3.4/tcp/80/http",
            "http://1.2.3.4/", "", "/", "//", "/dns4//tcp/80/http", "/dns4/1.2.3.4/tcp/80/http"}) {
            assertThat(HttpMultiaddr.toUrl(s)).as(s).isEmpty();
        }
        assertThat(HttpMultiaddr.toUrl(null)).isEmpty();
    }

    @Test
    void randomTextNeverThrowsAndAnythingAcceptedIsAPlainHttpBaseUrl() {
        Random random = new Random(7);
        String[] parts = {"/", "ip4", "ip6", "dns4", "tcp", "http", "https", "tls", "p2p", "1.2.3.4", "::1", "80",
            "a.b", "@", ":", "?", "#", "%2F", "..", "x"};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                s.append(parts[random.nextInt(parts.length)]);
            }
            Optional<URI> url = HttpMultiaddr.toUrl(s.toString());
            url.ifPresent(u -> {
                assertThat(u.getScheme()).isIn("http", "https");
                assertThat(u.getHost()).isNotNull();
                assertThat(u.getRawPath()).isEmpty();
                assertThat(u.getRawUserInfo()).isNull();
                assertThat(u.getRawQuery()).isNull();
            });
        }
    }
}
