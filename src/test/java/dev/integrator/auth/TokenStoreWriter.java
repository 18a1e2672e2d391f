package dev.integrator.auth;

import java.nio.file.Path;

/**
 * Saves refresh tokens {@code rt-1}, {@code rt-2} ... into a file token store as fast as it can, printing each number
 * once its save returned, until it is killed: the process a crash test kills mid-save.
 */
public final class TokenStoreWriter {

    private TokenStoreWriter() {
    }

    public static void main(String[] args) {
        FileTokenStore store = new FileTokenStore(Path.of(args[0]));
        for (long n = 1; ; n++) {
            store.save("acme", new TokenStore.Stored("sha256:seed", "rt-" + n + "-" + "x".repeat(4000)));
            System.out.println(n);
            System.out.flush();
        }
    }
}
