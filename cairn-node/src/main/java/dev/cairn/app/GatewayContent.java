package dev.cairn.app;

import dev.cairn.cid.Cid;
import dev.cairn.content.ContentService;
import dev.cairn.gateway.ContentBackend;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/** The gateway's content port over the node's content service. */
final class GatewayContent implements ContentBackend {
    private final ContentService content;

    GatewayContent(ContentService content) {
        this.content = content;
    }

    @Override
    public Optional<byte[]> block(Cid cid) {
        return content.block(cid);
    }

    @Override
    public void writeCar(Cid root, OutputStream out) throws IOException {
        content.exportCar(root, out);
    }
}
