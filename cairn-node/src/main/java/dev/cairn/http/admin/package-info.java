/**
 * Operator endpoints on the API listener (health, token check; later metrics, accounts and
 * tokens over HTTP). Uses account ports and the HTTP core only.
 */
package dev.cairn.http.admin;
