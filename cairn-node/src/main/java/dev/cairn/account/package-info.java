/**
 * Accounts and their API tokens. Tokens are random secrets shown once and stored hashed (SHA-256),
 * with scopes and an optional expiry; every request authenticates to a
 * {@link dev.cairn.account.Principal} through {@link dev.cairn.account.AccountService#authenticate}.
 *
 * <p>Imports the metadata database port ({@code dev.cairn.db}) and codecs only; never HTTP, the
 * CLI or the composition root. The first start's admin account and token come from
 * {@link dev.cairn.account.AccountService#bootstrapAdmin}.
 */
package dev.cairn.account;
