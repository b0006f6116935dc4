/**
 * The {@code cairn} command line: the picocli command tree, global options ({@code --home},
 * {@code --set}), and one error policy for every command.
 *
 * <p>Error policy (like Kubo's): any failure prints exactly one line, {@code Error: <message>}, on
 * stderr and exits non-zero: 2 for usage errors (unknown option or command, bad argument), 1 for
 * everything else. No stack trace unless {@code CAIRN_DEBUG=1}. Commands therefore just throw: a
 * Cairn exception type ({@code ConfigException}, {@code IdentityException}, {@code CodecException},
 * {@link dev.cairn.cli.CliException}, ...) or an {@code IOException}, whose message is shown as is.
 *
 * <p>Adding a command: write a {@code @Command} class with {@code @Mixin HelpOption} and a
 * {@code @ParentCommand CairnCommand root} field, use {@code root.node()} to get the opened node,
 * print to {@code root.out()}, and list it in {@link dev.cairn.cli.CairnCommand}'s
 * {@code subcommands}. Commands talk to services through {@code dev.cairn.app}, never to a store
 * or database class directly.
 */
package dev.cairn.cli;
