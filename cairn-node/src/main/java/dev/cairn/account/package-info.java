/**
 * Accounts and their API tokens. Tokens are random secrets shown once and stored hashed, with
 * scopes and an optional expiry; every request authenticates to a {@link dev.cairn.account.Principal}.
 */
package dev.cairn.account;
