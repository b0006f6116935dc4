import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N slow HTTP/1.1 clients against one URL, each on its own connection with a small receive
 * buffer, reading at a fixed rate (a mobile client on a big file). Samples the resident memory
 * (VmRSS, summed) of the server processes once a second and prints one JSON line at the end.
 *
 * <p>Run with the JDK's source launcher (no build): {@code java bench/SlowClients.java HOST PORT
 * PATH CLIENTS BYTES_PER_SECOND SECONDS PID [PID...]}.
 */
public final class SlowClients {
    static final AtomicInteger ok = new AtomicInteger();
    static final AtomicInteger refused = new AtomicInteger();
    static final AtomicInteger failed = new AtomicInteger();
    static final AtomicLong bytes = new AtomicLong();
    static final ConcurrentLinkedQueue<Socket> sockets = new ConcurrentLinkedQueue<>();
    static final java.util.Map<String, AtomicInteger> reasons = new java.util.concurrent.ConcurrentHashMap<>();
    static volatile boolean stop;

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        String path = args[2];
        int clients = Integer.parseInt(args[3]);
        int rate = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);
        List<Long> pids = new ArrayList<>();
        for (int i = 6; i < args.length; i++) {
            pids.add(Long.parseLong(args[i]));
        }
        long before = rss(pids);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            threads.add(Thread.ofVirtual().start(() -> client(host, port, path, rate)));
        }
        long max = before;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            Thread.sleep(1000);
            max = Math.max(max, rss(pids));
        }
        long atEnd = rss(pids);
        stop = true;
        for (Socket s : sockets) {
            s.close();
        }
        for (Thread t : threads) {
            t.join(5000);
        }
        reasons.forEach((reason, n) -> System.err.println("  failure x" + n + ": " + reason));
        System.out.printf("{\"clients\":%d,\"streaming\":%d,\"refused\":%d,\"failed\":%d,\"bytes_read\":%d,"
                        + "\"rss_before_mib\":%.1f,\"rss_max_mib\":%.1f,\"rss_end_mib\":%.1f}%n",
                clients, ok.get(), refused.get(), failed.get(), bytes.get(), before / 1024.0, max / 1024.0,
                atEnd / 1024.0);
    }

    static void client(String host, int port, String path, int rate) {
        try (Socket s = new Socket()) {
            sockets.add(s);
            s.setReceiveBufferSize(16 * 1024);
            s.connect(new InetSocketAddress(host, port), 30_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder();
            while (head.length() < 16384 && !head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed in the head");
                }
                head.append((char) b);
            }
            if (head.toString().startsWith("HTTP/1.1 429")) {
                refused.incrementAndGet();
                return;
            }
            if (!head.toString().startsWith("HTTP/1.1 200")) {
                throw new IOException(head.toString().lines().findFirst().orElse("?"));
            }
            ok.incrementAndGet();
            long length = head.toString().lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                    .mapToLong(l -> Long.parseLong(l.substring(15).strip())).findFirst().orElse(-1);
            long got = 0;
            int chunk = Math.max(1, rate / 10);
            byte[] buf = new byte[chunk];
            while (!stop) {
                int n = in.read(buf, 0, chunk);
                if (n < 0) {
                    if (got != length) { // a clean end before the whole body is a cut-off too
                        throw new IOException("the server ended the response after " + got + " bytes");
                    }
                    break;
                }
                got += n;
                bytes.addAndGet(n);
                Thread.sleep(100);
            }
        } catch (IOException | InterruptedException e) {
            if (!stop) {
                failed.incrementAndGet();
                reasons.computeIfAbsent(e.getClass().getSimpleName() + ": " + e.getMessage(),
                        k -> new AtomicInteger()).incrementAndGet();
            }
        }
    }

    /** Summed VmRSS of the processes, in KiB. */
    static long rss(List<Long> pids) {
        long total = 0;
        for (long pid : pids) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        total += Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException e) {
                // the process ended: counts as 0
            }
        }
        return total;
    }
}
