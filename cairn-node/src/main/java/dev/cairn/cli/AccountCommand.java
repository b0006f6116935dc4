package dev.cairn.cli;

import dev.cairn.account.Account;
import dev.cairn.account.UnknownAccountException;
import dev.cairn.app.AccountsHandle;
import dev.cairn.quota.Usage;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cairn account create|list|set-quota}: works whether or not {@code cairn serve} runs on this home. */
@Command(name = "account", description = "Manage accounts (each owns its pins and tokens).",
        subcommands = {AccountCommand.Create.class, AccountCommand.ListAccounts.class, AccountCommand.SetQuota.class})
final class AccountCommand implements Runnable {
    @Mixin
    HelpOption help;

    @ParentCommand
    CairnCommand root;

    @Override
    public void run() {
        picocli.CommandLine cmd = root.spec.commandLine().getSubcommands().get("account");
        cmd.usage(root.out());
    }

    @Command(name = "create", description = "Create an account. Names: 1-64 characters of a-z, 0-9, '.', '_', '-'.")
    static final class Create implements Runnable {
        @Mixin
        HelpOption help;

        @ParentCommand
        AccountCommand parent;

        @Parameters(index = "0", paramLabel = "NAME", description = "The account name.")
        String name;

        @Option(names = "--quota", paramLabel = "SIZE", description = "Most bytes of pinned DAGs the account may keep,"
                + " e.g. 10GiB or 500MB, or 'unlimited' (default: api.default-quota-bytes, 0 = unlimited).")
        String quota;

        @Override
        public void run() {
            CairnCommand root = parent.root;
            OptionalLong bytes;
            if (quota != null) {
                bytes = ByteSize.parse(quota, "--quota");
            } else {
                long fallback = root.node().config().api().defaultQuotaBytes();
                bytes = fallback == 0 ? OptionalLong.empty() : OptionalLong.of(fallback);
            }
            try (AccountsHandle handle = AccountsHandle.open(root.node())) {
                Account account;
                try {
                    account = handle.accounts().create(name);
                } catch (IllegalArgumentException e) {
                    throw new CliException(e.getMessage(), e);
                }
                if (bytes.isPresent()) {
                    handle.quotas().setQuota(account.name(), bytes);
                }
                root.out().println("Created account '" + account.name() + "' (quota: " + ByteSize.human(bytes)
                        + "). Give it a token with: cairn token create --account " + account.name());
            }
            root.out().flush();
        }
    }

    /** Bytes used, and how many pinned roots the server has not measured yet (then a lower bound). */
    private static String used(Usage u) {
        String bytes = ProgressBar.human(u.usedBytes());
        return u.unmeasuredRoots() == 0 ? bytes
                : bytes + " + " + u.unmeasuredRoots() + " root(s) not measured yet (measured by 'cairn serve')";
    }

    @Command(name = "set-quota", description = "Set an account's storage quota (bytes of pinned DAGs it may keep).")
    static final class SetQuota implements Runnable {
        @Mixin
        HelpOption help;

        @ParentCommand
        AccountCommand parent;

        @Parameters(index = "0", paramLabel = "NAME", description = "The account name.")
        String name;

        @Parameters(index = "1", paramLabel = "SIZE", description = "e.g. 10GiB, 500MB, 1048576, or 'unlimited'.")
        String size;

        @Override
        public void run() {
            CairnCommand root = parent.root;
            OptionalLong bytes = ByteSize.parse(size, "SIZE");
            try (AccountsHandle handle = AccountsHandle.open(root.node())) {
                try {
                    handle.quotas().setQuota(name, bytes);
                } catch (UnknownAccountException e) {
                    throw new CliException(e.getMessage(), e);
                }
            }
            root.out().println("Quota of account '" + name + "': " + ByteSize.human(bytes)
                    + (bytes.isPresent() ? " (" + bytes.getAsLong() + " bytes)" : ""));
            root.out().flush();
        }
    }

    @Command(name = "list", description = "List accounts, oldest first, with their quota and the bytes of their pinned DAGs.")
    static final class ListAccounts implements Runnable {
        @Mixin
        HelpOption help;

        @ParentCommand
        AccountCommand parent;

        @Override
        public void run() {
            CairnCommand root = parent.root;
            List<Account> accounts;
            Map<Long, Usage> usage = new HashMap<>();
            try (AccountsHandle handle = AccountsHandle.open(root.node())) {
                accounts = handle.accounts().list();
                handle.quotas().all().forEach(u -> usage.put(u.accountId(), u));
            }
            int width = Math.max(4, accounts.stream().mapToInt(a -> a.name().length()).max().orElse(0));
            String row = "%-" + width + "s  %-24s  %-10s  %s%n";
            root.out().printf(row, "NAME", "CREATED", "QUOTA", "USED");
            for (Account a : accounts) {
                Usage u = usage.get(a.id());
                root.out().printf(row, a.name(), DateTimeFormatter.ISO_INSTANT.format(a.created()),
                        u == null ? "unlimited" : ByteSize.human(u.quotaBytes()), u == null ? "-" : used(u));
            }
            root.out().flush();
        }
    }
}
