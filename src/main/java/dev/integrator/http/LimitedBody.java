package dev.integrator.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hc.core5.http.HttpEntity;

/** Reads a response body but gives up once it passes {@code maxBytes}, before reading what is beyond. */
final class LimitedBody {

    static final class TooLarge extends IOException {
        TooLarge(long maxBytes) {
            super("response body exceeds the limit of " + maxBytes + " bytes");
        }
    }

    private static final byte[] EMPTY = new byte[0];

    private LimitedBody() {
    }

    static byte[] read(HttpEntity entity, long maxBytes) throws IOException {
        if (entity == null) {
            return EMPTY;
        }
        long declared = entity.getContentLength();
        if (declared > maxBytes) {
            throw new TooLarge(maxBytes);
        }
        InputStream in = entity.getContent();
        if (in == null) {
            return EMPTY;
        }
        if (declared >= 0) {
            // Content-Length known and within the limit: one array of that size, no copies.
            byte[] body = in.readNBytes((int) declared);
            if (body.length < declared) {
                throw new IOException("response body ended after " + body.length + " of " + declared + " bytes");
            }
            return body;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] chunk = new byte[8192];
        for (int n; (n = in.read(chunk)) != -1; ) {
            if (out.size() + (long) n > maxBytes) {
                throw new TooLarge(maxBytes);
            }
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }
}
