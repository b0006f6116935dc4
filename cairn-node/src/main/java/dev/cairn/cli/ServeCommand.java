package dev.cairn.cli;

import dev.cairn.app.RunningNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code cairn serve}: runs the node until SIGINT/SIGTERM. */
@Command(name = "serve",
        description = {
            "Run the node: the API (Pinning Service API, admin) on api.listen (default 127.0.0.1:5001),"
                    + " the gateway (/ipfs/{cid}?format=raw|car) on gateway.listen (default 127.0.0.1:8080),"
                    + " and the background workers.",
            "On the first start it creates the account 'admin' with an admin token, prints the token once"
                    + " and saves it in <home>/admin.token (mode 0600).",
            "Runs until interrupted (Ctrl-C, SIGTERM), then stops cleanly. Use --set api.listen=HOST:PORT"
                    + " (port 0 = any free port) to move a listener."
        })
final class ServeCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    @ParentCommand
    CairnCommand root;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = root.out();
        RunningNode node = RunningNode.start(root.node(), line -> {
            out.println(line);
            out.flush();
        });
        Thread hook = new Thread(() -> {
            out.println("Stopping...");
            out.flush();
            node.close();
            out.println("Stopped.");
            out.flush();
        }, "cairn-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("Ready. Press Ctrl-C to stop.");
        out.flush();
        node.awaitClosed();
        return 0;
    }
}
