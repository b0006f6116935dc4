/**
 * Operator endpoints on the API listener: health, token check, accounts and tokens over HTTP (later
 * metrics). Uses account ports and the HTTP core only.
 */
package dev.cairn.http.admin;
