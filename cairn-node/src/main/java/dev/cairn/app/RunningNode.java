package dev.cairn.app;

import dev.cairn.account.AccountService;
import dev.cairn.config.CairnConfig;
import dev.cairn.fetch.HttpDagFetcher;
import dev.cairn.config.GatewayConfig;
import dev.cairn.gateway.ContentBackend;
import dev.cairn.gateway.GatewayAddresses;
import dev.cairn.gateway.GatewayLimits;
import dev.cairn.gateway.GatewaySurface;
import dev.cairn.gateway.ReadAccess;
import dev.cairn.gateway.RoutingSurface;
import dev.cairn.gateway.SmallBlockCache;
import dev.cairn.gateway.SubdomainHosts;
import dev.cairn.http.HttpOptions;
import dev.cairn.http.HttpServerHandle;
import dev.cairn.http.HttpSurface;
import dev.cairn.http.admin.AdminSurface;
import dev.cairn.http.kubo.KuboRpcSurface;
import dev.cairn.http.kubo.UploadLimits;
import dev.cairn.http.psa.PsaSurface;
import dev.cairn.quota.QuotaCheckedPins;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The whole node running, as {@code cairn serve} runs it: storage opened, the first start's admin
 * account and token created, background {@link Service}s started, then the API and gateway
 * listeners. {@link #close} undoes it in reverse order: listeners, services, storage.
 *
 * <p>Where the lead wires in new parts: {@link #services} (pin workers, GC scheduler) and
 * {@link #apiSurfaces} (the Pinning Service API first, so that unknown API paths answer in its
 * {@code Failure} format).
 *
 * <p>Crash safety: nothing here needs a clean stop. A {@code kill -9} leaves what the storage and
 * job layers already make recoverable; {@code close} is for a tidy exit (SIGINT/SIGTERM).
 */
public final class RunningNode implements AutoCloseable {
    /** Written on the first start: the bootstrap admin token, owner-only. */
    public static final String ADMIN_TOKEN_FILE = AdminBootstrap.TOKEN_FILE;

    private final LocalNode node;
    private final AccountService accounts;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private HttpServerHandle api;
    private HttpServerHandle gateway;
    private boolean closing;

    private RunningNode(LocalNode node) {
        this.node = node;
        this.accounts = AccountService.over(node.database());
    }

    /**
     * Starts everything; on failure stops what already started and rethrows.
     *
     * @param announce receives the lines a person should see (peer ID, the admin token on the first
     *     start, where each listener listens)
     * @throws dev.cairn.http.ListenException when a listener cannot bind (message names the address)
     */
    public static RunningNode start(NodeContext context, Consumer<String> announce) {
        return start(context, announce, RunningNode::services);
    }

    /** As {@link #start(NodeContext, Consumer)} with the background services made by {@code services}. */
    static RunningNode start(NodeContext context, Consumer<String> announce,
                             BiFunction<LocalNode, AccountService, List<Service>> services) {
        LocalNode local = LocalNode.open(context);
        RunningNode running = new RunningNode(local);
        try {
            running.startAll(announce, services);
            return running;
        } catch (RuntimeException | Error e) {
            try {
                running.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private void startAll(Consumer<String> announce, BiFunction<LocalNode, AccountService, List<Service>> services) {
        CairnConfig config = node.context().config();
        announce.accept("Peer ID: " + node.context().identity().peerId());
        node.admin(announce);
        for (Service service : services.apply(node, accounts)) {
            try {
                service.start();
            } catch (Exception e) {
                throw new IllegalStateException("starting " + service.name() + " failed: " + e.getMessage(), e);
            }
            started.push(() -> service.stop());
        }
        api = HttpServerHandle.start("api", config.api().listen(), new HttpOptions(config.api().maxBodyBytes()),
                accounts::authenticate, apiSurfaces(node, accounts));
        started.push(api);
        announce.accept("API listening on " + api.uri());
        GatewayLimits limits = new GatewayLimits(config.gateway().limits());
        started.push(limits);
        gateway = HttpServerHandle.start("gateway", config.gateway().listen(), HttpOptions.defaults().withGuard(limits),
                accounts::authenticate, gatewaySurfaces(config.gateway()));
        started.push(gateway);
        announce.accept("Gateway listening on " + gateway.uri());
    }

    /** The gateway and, beside it, the delegated routing server naming this gateway as a provider. */
    private List<HttpSurface> gatewaySurfaces(GatewayConfig config) {
        // Small blocks kept in memory until a delete could have removed them (see SmallBlockCache).
        ContentBackend content = new SmallBlockCache(new GatewayContent(node.content()), node.gcBarrier()::deletionEpoch);
        ReadAccess access = GatewayContent.readAccess(node.pins().membership(), accounts::authenticate);
        Supplier<List<String>> addresses = () -> config.announceAddrs().isEmpty()
                ? GatewayAddresses.ofBound(config.listen().host(), gateway.port()) : config.announceAddrs();
        return List.of(new GatewaySurface(content, config.mode(), access, SubdomainHosts.of(config.subdomainHosts())),
                new RoutingSurface(content, config.mode(), access,
                        node.context().identity().peerId().toString(), addresses));
    }

    /**
     * HOOK for the lead: background services started with the node (pin workers, GC scheduler),
     * in start order. They get the opened node (database, blocks, content) and the accounts.
     */
    private static List<Service> services(LocalNode node, AccountService accounts) {
        List<Service> services = new ArrayList<>();
        HttpDagFetcher fetcher = new HttpDagFetcher(node.context().config().fetch());
        // Listed first so it stops last: workers stop (and release their jobs) before it closes.
        services.add(Service.of("fetcher", () -> { }, fetcher::close));
        services.add(node.pinWorkersService(fetcher, new QuotaCheckedPins(node.pins(), node.quotaReservations(),
                node.database())));
        node.gcService(node.livePins()).ifPresent(services::add);
        services.add(node.membershipBackfillService());
        return services;
    }

    /**
     * HOOK for the lead: the surfaces on the API listener. Put the Pinning Service API surface
     * first: the first surface answers requests that match no route.
     */
    private static List<HttpSurface> apiSurfaces(LocalNode node, AccountService accounts) {
        List<HttpSurface> surfaces = new ArrayList<>();
        surfaces.add(new PsaSurface(node.pins(), PsaDelegates.of(node.context().identity().peerId())));
        surfaces.add(new KuboRpcSurface(node.content(), node::pinnerFor, node.pins(),
                node.context().identity(), new NodeKuboStorage(node),
                new UploadLimits(node.context().config().api().maxUploadBytes(), node.quotaReservations())));
        surfaces.add(new AdminSurface(accounts));
        return surfaces;
    }

    public URI apiUri() {
        return api.uri();
    }

    public URI gatewayUri() {
        return gateway.uri();
    }

    public LocalNode local() {
        return node;
    }

    public AccountService accounts() {
        return accounts;
    }

    /** Blocks until {@link #close} finished (from another thread, e.g. a shutdown hook). */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /** Stops listeners, then services, then closes storage. Idempotent; the first failure is rethrown. */
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        RuntimeException failure = null;
        try {
            while (!started.isEmpty()) {
                try {
                    started.pop().close();
                } catch (Exception e) {
                    failure = addFailure(failure, e);
                }
            }
            try {
                node.close();
            } catch (RuntimeException e) {
                failure = addFailure(failure, e);
            }
        } finally {
            closed.countDown();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException addFailure(RuntimeException failure, Exception e) {
        if (failure == null) {
            return e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
        }
        failure.addSuppressed(e);
        return failure;
    }
}
