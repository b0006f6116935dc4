package dev.cairn.cli;

import dev.cairn.account.Account;
import dev.cairn.app.AccountsHandle;
import java.time.format.DateTimeFormatter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cairn account create|list}: works whether or not {@code cairn serve} runs on this home. */
@Command(name = "account", description = "Manage accounts (each owns its pins and tokens).",
        subcommands = {AccountCommand.Create.class, AccountCommand.ListAccounts.class})
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

        @Override
        public void run() {
            CairnCommand root = parent.root;
            try (AccountsHandle handle = AccountsHandle.open(root.node())) {
                Account account;
                try {
                    account = handle.accounts().create(name);
                } catch (IllegalArgumentException e) {
                    throw new CliException(e.getMessage(), e);
                }
                root.out().println("Created account '" + account.name() + "'. Give it a token with: cairn token create"
                        + " --account " + account.name());
            }
            root.out().flush();
        }
    }

    @Command(name = "list", description = "List accounts, oldest first.")
    static final class ListAccounts implements Runnable {
        @Mixin
        HelpOption help;

        @ParentCommand
        AccountCommand parent;

        @Override
        public void run() {
            CairnCommand root = parent.root;
            List<Account> accounts;
            try (AccountsHandle handle = AccountsHandle.open(root.node())) {
                accounts = handle.accounts().list();
            }
            int width = Math.max(4, accounts.stream().mapToInt(a -> a.name().length()).max().orElse(0));
            root.out().printf("%-" + width + "s  %s%n", "NAME", "CREATED");
            for (Account a : accounts) {
                root.out().printf("%-" + width + "s  %s%n", a.name(), DateTimeFormatter.ISO_INSTANT.format(a.created()));
            }
            root.out().flush();
        }
    }
}
