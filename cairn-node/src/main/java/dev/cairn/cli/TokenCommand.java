package dev.cairn.cli;

import dev.cairn.account.IssuedToken;
import dev.cairn.account.Scope;
import dev.cairn.account.TokenInfo;
import dev.cairn.app.AccountsHandle;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cairn token create|list|revoke}: works whether or not {@code cairn serve} runs on this home. */
@Command(name = "token", description = "Manage API tokens (secrets shown once, stored hashed).",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand implements Runnable {
    @Mixin
    HelpOption help;

    @ParentCommand
    CairnCommand root;

    @Override
    public void run() {
        root.spec.commandLine().getSubcommands().get("token").usage(root.out());
    }

    private static final Pattern RELATIVE = Pattern.compile("(\\d{1,6})([hdw])");

    /** {@code 30d}, {@code 12h}, {@code 2w}, or an RFC 3339 instant ({@code 2027-01-01T00:00:00Z}). */
    static Instant parseExpiry(String text, Instant now) {
        Matcher m = RELATIVE.matcher(text.strip());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
            if (d.isZero()) {
                throw new CliException("--expires must be in the future, got '" + text + "'");
            }
            return now.plus(d);
        }
        try {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text.strip(), Instant::from);
        } catch (DateTimeParseException e) {
            throw new CliException("--expires must be a duration (12h, 30d, 2w) or a time such as"
                    + " 2027-01-01T00:00:00Z, got '" + text + "'");
        }
    }

    static Set<Scope> parseScopes(String text) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String s : text.split(",")) {
            if (!s.isBlank()) {
                try {
                    scopes.add(Scope.fromWire(s));
                } catch (IllegalArgumentException e) {
                    throw new CliException("--scopes: " + e.getMessage());
                }
            }
        }
        if (scopes.isEmpty()) {
            throw new CliException("--scopes needs at least one of read, pin, upload, gateway, admin");
        }
        return scopes;
    }

    static String scopes(Set<Scope> scopes) {
        return EnumSet.copyOf(scopes).stream().map(Scope::wire).collect(Collectors.joining(","));
    }

    @Command(name = "create", description = {
        "Issue a token for an account and print its secret (only this once) on standard output;"
                + " details go to standard error, so TOKEN=$(cairn token create --account NAME) works."})
    static final class Create implements Runnable {
        @Mixin
        HelpOption help;

        @ParentCommand
        TokenCommand parent;

        @Option(names = "--account", required = true, paramLabel = "NAME", description = "The account the token acts as.")
        String account;

        @Option(names = "--scopes", paramLabel = "LIST", defaultValue = "read,pin",
                description = "Comma-separated: read, pin, upload, gateway, admin (admin implies all). Default: ${DEFAULT-VALUE}.")
        String scopes;

        @Option(names = "--expires", paramLabel = "WHEN",
                description = "Expiry: a duration (12h, 30d, 2w) or a time (2027-01-01T00:00:00Z). Default: never.")
        String expires;

        @Option(names = "--label", paramLabel = "TEXT", description = "A note shown in 'cairn token list' (e.g. the device).")
        String label;

        @Override
        public void run() {
            CairnCommand root = parent.root;
            Set<Scope> scopeSet = parseScopes(scopes);
            Instant expiry = expires == null ? null : parseExpiry(expires, Instant.now());
            IssuedToken token;
            try (AccountsHandle handle = AccountsHandle.open(root.node())) {
                token = handle.accounts().issue(account, scopeSet, expiry, label);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage(), e);
            }
            root.err().println("Token " + token.info().id() + " for account '" + account + "' (scopes "
                    + scopes(token.info().scopes()) + ", expires "
                    + (expiry == null ? "never" : DateTimeFormatter.ISO_INSTANT.format(expiry))
                    + "). It is shown only this once:");
            root.err().flush();
            root.out().println(token.secret());
            root.out().flush();
        }
    }

    @Command(name = "list", description = "List tokens (never their secrets), oldest first.")
    static final class ListTokens implements Runnable {
        @Mixin
        HelpOption help;

        @ParentCommand
        TokenCommand parent;

        @Option(names = "--account", paramLabel = "NAME", description = "Only this account's tokens.")
        String account;

        @Override
        public void run() {
            CairnCommand root = parent.root;
            List<TokenInfo> tokens;
            try (AccountsHandle handle = AccountsHandle.open(root.node())) {
                if (account != null && handle.accounts().find(account).isEmpty()) {
                    throw new CliException("no account named '" + account + "'");
                }
                tokens = handle.accounts().tokens(account);
            }
            Instant now = Instant.now();
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"ID", "ACCOUNT", "SCOPES", "STATUS", "CREATED", "EXPIRES", "LAST USED", "LABEL"});
            for (TokenInfo t : tokens) {
                String status = t.revoked() != null ? "revoked" : t.activeAt(now) ? "active" : "expired";
                rows.add(new String[] {Long.toString(t.id()), t.account(), scopes(t.scopes()), status, time(t.created()),
                    t.expires() == null ? "never" : time(t.expires()), t.lastUsed() == null ? "-" : time(t.lastUsed()),
                    t.label() == null ? "" : t.label()});
            }
            int[] widths = new int[rows.get(0).length];
            for (String[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < row.length; i++) {
                    line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
                }
                root.out().println(line.toString().stripTrailing());
            }
            root.out().flush();
        }

        private static String time(Instant t) {
            return DateTimeFormatter.ISO_INSTANT.format(t);
        }
    }

    @Command(name = "revoke", description = "Revoke a token at once (running servers refuse it from the next request).")
    static final class Revoke implements Runnable {
        @Mixin
        HelpOption help;

        @ParentCommand
        TokenCommand parent;

        @Parameters(index = "0", paramLabel = "ID", description = "The token id shown by 'cairn token list'.")
        long id;

        @Override
        public void run() {
            CairnCommand root = parent.root;
            boolean revoked;
            try (AccountsHandle handle = AccountsHandle.open(root.node())) {
                revoked = handle.accounts().revoke(id);
            }
            if (!revoked) {
                throw new CliException("no active token with id " + id);
            }
            root.out().println("Revoked token " + id);
            root.out().flush();
        }
    }
}
