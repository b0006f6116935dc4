package dev.cairn.identity;

/**
 * The libp2p {@code KeyType} enum values (peer-id spec). Cairn generates and loads only
 * {@link #ED25519}; the others are named so that errors can say what was found.
 */
enum KeyType {
    RSA(0),
    ED25519(1),
    SECP256K1(2),
    ECDSA(3);

    final int code;

    KeyType(int code) {
        this.code = code;
    }

    static String nameOf(long code) {
        for (KeyType t : values()) {
            if (t.code == code) {
                return t.name();
            }
        }
        return "unknown key type " + code;
    }
}
