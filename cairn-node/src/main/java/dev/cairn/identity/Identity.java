package dev.cairn.identity;

import dev.cairn.multiformats.CodecException;
import dev.cairn.protobuf.ProtoReader;
import dev.cairn.protobuf.ProtoWriter;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * A node identity: an Ed25519 key pair plus the libp2p encodings derived from it.
 *
 * <p>Immutable. The JDK keeps the private key; this class keeps the raw 32-byte public key because
 * every libp2p encoding needs it and the JDK exposes it only inside an X.509 structure.
 */
public final class Identity {
    private static final int SEED_LENGTH = 32;
    private static final int PUBLIC_KEY_LENGTH = 32;
    /** X.509 SubjectPublicKeyInfo prefix of every Ed25519 key (RFC 8410): the raw key follows. */
    private static final byte[] X509_ED25519_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
    };

    private final PrivateKey privateKey;
    private final byte[] seed;
    private final byte[] rawPublicKey;
    private final PeerId peerId;

    private Identity(PrivateKey privateKey, byte[] seed, byte[] rawPublicKey) {
        this.privateKey = privateKey;
        this.seed = seed;
        this.rawPublicKey = rawPublicKey;
        this.peerId = PeerId.fromPublicKey(publicKeyProtobuf());
    }

    /** A fresh identity from the given randomness (use {@code new SecureRandom()} in production). */
    public static Identity generate(SecureRandom random) {
        byte[] seed = new byte[SEED_LENGTH];
        random.nextBytes(seed);
        return fromSeed(seed);
    }

    /**
     * The identity whose RFC 8032 private key (the 32-byte seed) is {@code seed}.
     *
     * <p>The JDK has no public "seed to public key" call, but its Ed25519 generator takes exactly
     * 32 bytes from the supplied randomness as the private key; feeding it the seed makes the
     * generator derive the matching public key for us.
     */
    public static Identity fromSeed(byte[] seed) {
        if (seed.length != SEED_LENGTH) {
            throw new IdentityException("an Ed25519 seed is 32 bytes, got " + seed.length);
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new FixedBytesRandom(seed));
            KeyPair pair = generator.generateKeyPair();
            byte[] actualSeed = ((EdECPrivateKey) pair.getPrivate()).getBytes()
                    .orElseThrow(() -> new IdentityException("the JDK did not expose the Ed25519 seed"));
            if (!Arrays.equals(actualSeed, seed)) {
                throw new IdentityException("the JDK Ed25519 generator did not use the given seed");
            }
            return new Identity(pair.getPrivate(), seed.clone(), rawPublicKey(pair));
        } catch (GeneralSecurityException e) {
            throw new IdentityException("Ed25519 is not available in this JDK: " + e.getMessage(), e);
        }
    }

    /**
     * Decodes a libp2p {@code PrivateKey} protobuf holding an Ed25519 key: {@code Data} is the seed
     * followed by the public key (64 bytes), or the legacy 96-byte form with the public key twice.
     * The stored public key must match the one derived from the seed.
     *
     * @throws IdentityException if the bytes are not such a key
     */
    public static Identity fromPrivateKeyProtobuf(byte[] protobuf) {
        long type = -1;
        byte[] data = null;
        try {
            ProtoReader reader = new ProtoReader(protobuf);
            while (reader.next()) {
                switch (reader.field()) {
                    case 1 -> {
                        reader.expect(ProtoReader.VARINT);
                        type = reader.uint64();
                    }
                    case 2 -> {
                        reader.expect(ProtoReader.LEN);
                        data = reader.bytes();
                    }
                    default -> reader.skip();
                }
            }
        } catch (CodecException e) {
            throw new IdentityException("malformed private key protobuf: " + e.getMessage(), e);
        }
        if (type != KeyType.ED25519.code) {
            throw new IdentityException(type < 0 ? "private key has no key type"
                    : "only Ed25519 keys are supported, found " + KeyType.nameOf(type));
        }
        if (data == null || (data.length != 64 && data.length != 96)) {
            throw new IdentityException("an Ed25519 private key is 64 (or legacy 96) bytes, got "
                    + (data == null ? "none" : data.length));
        }
        byte[] stored = Arrays.copyOfRange(data, SEED_LENGTH, SEED_LENGTH + PUBLIC_KEY_LENGTH);
        if (data.length == 96 && !Arrays.equals(stored, Arrays.copyOfRange(data, 64, 96))) {
            throw new IdentityException("legacy 96-byte Ed25519 key has two different public keys");
        }
        Identity identity = fromSeed(Arrays.copyOf(data, SEED_LENGTH));
        if (!Arrays.equals(stored, identity.rawPublicKey)) {
            throw new IdentityException("stored Ed25519 public key does not match its private key");
        }
        return identity;
    }

    /** The libp2p {@code PrivateKey} protobuf: {@code {Type=Ed25519, Data=seed || public key}}. */
    public byte[] privateKeyProtobuf() {
        byte[] data = new byte[SEED_LENGTH + PUBLIC_KEY_LENGTH];
        System.arraycopy(seed, 0, data, 0, SEED_LENGTH);
        System.arraycopy(rawPublicKey, 0, data, SEED_LENGTH, PUBLIC_KEY_LENGTH);
        return new ProtoWriter(68).uint64(1, KeyType.ED25519.code).bytes(2, data).toByteArray();
    }

    /** The libp2p {@code PublicKey} protobuf: {@code {Type=Ed25519, Data=<32-byte key>}}. */
    public byte[] publicKeyProtobuf() {
        return new ProtoWriter(36).uint64(1, KeyType.ED25519.code).bytes(2, rawPublicKey).toByteArray();
    }

    /** The public key protobuf in standard base64, as {@code ipfs id} prints it ({@code CAESI...}). */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKeyProtobuf());
    }

    /** The raw 32-byte Ed25519 public key. */
    public byte[] rawPublicKey() {
        return rawPublicKey.clone();
    }

    public PeerId peerId() {
        return peerId;
    }

    /** An Ed25519 signature (RFC 8032, deterministic) over {@code message}. */
    public byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IdentityException("Ed25519 signing failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "Identity[" + peerId + "]"; // never the key material
    }

    private static byte[] rawPublicKey(KeyPair pair) {
        byte[] x509 = pair.getPublic().getEncoded();
        if (x509.length != X509_ED25519_PREFIX.length + PUBLIC_KEY_LENGTH
                || !Arrays.equals(x509, 0, X509_ED25519_PREFIX.length, X509_ED25519_PREFIX, 0,
                        X509_ED25519_PREFIX.length)) {
            throw new IdentityException("unexpected Ed25519 public key encoding from the JDK");
        }
        return Arrays.copyOfRange(x509, X509_ED25519_PREFIX.length, x509.length);
    }

    /** Hands out a fixed byte string once; see {@link #fromSeed}. */
    private static final class FixedBytesRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] bytes;
        private boolean used;

        FixedBytesRandom(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            if (used || out.length != bytes.length) {
                throw new IllegalStateException("Ed25519 generator asked for unexpected randomness");
            }
            used = true;
            System.arraycopy(bytes, 0, out, 0, out.length);
        }
    }
}
