/**
 * Wire types of the IPFS Pinning Service API v1.0.0 ({@code Pin}, {@code PinStatus},
 * {@code PinResults}, {@code Failure}) and their explicit converters to and from the pin domain
 * ({@code dev.cairn.pin}). Shared by the server routes in {@code http.psa} and any Java client.
 *
 * <p>Output is strict: {@code NON_NULL}, no field the spec does not define, string-only
 * {@code meta}/{@code info}, {@code created} as {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}. Input is
 * validated field by field from a JSON tree (not data-bound), so a number where a string belongs is
 * a 400 naming the field rather than a silent coercion. Unknown fields in a request body are
 * ignored (the spec's {@code Pin} schema does not forbid them, and newer clients may send more).
 *
 * <p>Imports the pin domain, codecs and Jackson only; never HTTP frameworks, stores or the database.
 */
package dev.cairn.http.psa.wire;
