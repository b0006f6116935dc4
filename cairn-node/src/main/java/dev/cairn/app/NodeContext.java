package dev.cairn.app;

import dev.cairn.config.CairnConfig;
import dev.cairn.config.CairnHome;
import dev.cairn.config.ConfigLoader;
import dev.cairn.identity.Identity;
import dev.cairn.identity.IdentityFile;
import java.security.SecureRandom;
import java.util.Map;

/**
 * An opened node home: its configuration and identity. Opening a home that does not exist yet
 * initialises it first (directory 0700, commented default config.toml, a new Ed25519 identity), so
 * {@code cairn} works on a fresh machine with no {@code init} step.
 *
 * @param home where the node keeps its files
 * @param config the effective configuration (file, then environment, then overrides)
 * @param identity the node's key pair and peer ID
 */
public record NodeContext(CairnHome home, CairnConfig config, Identity identity) {

    /**
     * Opens (initialising on first use) the node at {@code home}.
     *
     * @param env the process environment, for {@code CAIRN_SECTION_KEY} overrides
     * @param overrides {@code section.key} to value, from {@code --set}
     * @throws dev.cairn.config.ConfigException if the home or configuration is unusable
     * @throws dev.cairn.identity.IdentityException if the identity cannot be read or created
     */
    public static NodeContext open(CairnHome home, Map<String, String> env, Map<String, String> overrides) {
        home.initialize();
        // Configuration is validated before the identity is touched, so a typo fails fast.
        CairnConfig config = ConfigLoader.load(home.dir(), home.configFile(), env, overrides);
        Identity identity = new IdentityFile(home.identityFile()).loadOrCreate(new SecureRandom());
        return new NodeContext(home, config, identity);
    }
}
