package dev.cairn.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;

/** Process entry point of {@code cairn} (started by the {@code ./cairn} launcher). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Charset charset = System.out.charset();
        PrintWriter out = new PrintWriter(System.out, false, charset);
        PrintWriter err = new PrintWriter(System.err, false, System.err.charset());
        int code = Cli.run(args, System.getenv(), Path.of(System.getProperty("user.home")), out, err);
        System.exit(code);
    }
}
