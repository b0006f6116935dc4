package dev.cairn.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cairn.identity.Identity;
import dev.cairn.identity.PeerId;
import dev.cairn.multiformats.CodecException;
import dev.cairn.multiformats.Multibase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code cairn id}: the node's identity as {@code ipfs id} prints it (JSON, same field names). */
@Command(name = "id", description = "Show this node's peer ID and public key (JSON, like 'ipfs id').")
final class IdCommand implements Runnable {
    @Mixin
    HelpOption help;

    @ParentCommand
    CairnCommand root;

    @Option(names = "--peerid-base", paramLabel = "BASE", defaultValue = "b58mh",
            description = "Peer ID encoding: b58mh (12D3KooW..., default) or a multibase for the CIDv1 form, e.g. base36 (k51...).")
    String peerIdBase;

    @Override
    public void run() {
        Identity identity = root.node().identity();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ID", format(identity.peerId()));
        out.put("PublicKey", identity.publicKeyBase64());
        out.put("Addresses", List.of()); // no listeners yet: filled in once the libp2p host exists
        out.put("AgentVersion", CairnVersion.agent());
        out.put("Protocols", List.of());
        try {
            root.out().println(Json.pretty(out));
        } catch (JsonProcessingException e) {
            throw new CliException("cannot render JSON: " + e.getOriginalMessage(), e);
        }
        root.out().flush();
    }

    private String format(PeerId id) {
        if (peerIdBase.equals("b58mh")) {
            return id.toString();
        }
        Multibase base;
        try {
            base = peerIdBase.length() == 1 ? Multibase.byPrefix(peerIdBase.charAt(0)) : Multibase.byName(peerIdBase);
        } catch (CodecException e) {
            throw new CliException("unknown --peerid-base '" + peerIdBase + "' (use b58mh or a multibase name such as base36)");
        }
        return id.toCid().toString(base);
    }
}
