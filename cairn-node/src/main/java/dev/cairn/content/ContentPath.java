package dev.cairn.content;

import dev.cairn.cid.Cid;
import dev.cairn.multiformats.CodecException;

/**
 * An IPFS content path as users type it: {@code CID}, {@code CID/sub/path} or
 * {@code /ipfs/CID/sub/path}.
 */
public record ContentPath(Cid root, String remainder) {
    public static ContentPath parse(String text) {
        String s = text.strip();
        if (s.startsWith("/ipfs/")) {
            s = s.substring("/ipfs/".length());
        } else if (s.startsWith("ipfs://")) {
            s = s.substring("ipfs://".length());
        } else if (s.startsWith("/ipns/")) {
            throw new CodecException("IPNS paths are not supported yet: " + text);
        }
        int slash = s.indexOf('/');
        String cid = slash < 0 ? s : s.substring(0, slash);
        String rest = slash < 0 ? "" : s.substring(slash + 1);
        try {
            return new ContentPath(Cid.parse(cid), rest);
        } catch (CodecException e) {
            throw new CodecException("invalid path \"" + text + "\": " + e.getMessage(), e);
        }
    }
}
