package dev.cairn.cli;

import dev.cairn.config.ConfigSchema;
import dev.cairn.config.ConfigValues;
import dev.cairn.config.Setting;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cairn config}: the effective configuration after file, environment and {@code --set},
 * as TOML, each value annotated with where it came from.
 */
@Command(name = "config", description = "Show the effective configuration and where each value comes from.")
final class ConfigCommand implements Runnable {
    @Mixin
    HelpOption help;

    @ParentCommand
    CairnCommand root;

    @Override
    public void run() {
        ConfigValues values = root.node().config().values();
        PrintWriter out = root.out();
        out.println("# " + root.node().home().configFile());
        String section = null;
        for (Setting s : ConfigSchema.SETTINGS) {
            if (!s.section().equals(section)) {
                section = s.section();
                out.println();
                out.println("[" + section + "]");
            }
            ConfigValues.Entry e = values.entries().get(s.name());
            out.println(s.key() + " = " + Setting.toToml(e.value()) + "  # " + e.origin());
        }
        out.flush();
    }
}
