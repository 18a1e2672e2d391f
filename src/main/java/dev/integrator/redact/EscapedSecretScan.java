package dev.integrator.redact;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Finds secrets in raw JSON bytes as a parser would read them: escapes ({@code \n}, {@code \/}, four-digit unicode
 * escapes, surrogate pairs) are decoded on the way, so a secret written with escapes is found and a body that merely
 * holds escapes is not. One pass, allocating only for unicode escapes; each secret is matched by Knuth-Morris-Pratt
 * over the decoded UTF-8 bytes. It may find a secret that spans two strings ({@code "a","b"}), which only costs a walk
 * that masks nothing; it never misses one inside a string.
 */
final class EscapedSecretScan {

    private final byte[][] secrets;
    /** Per secret, KMP's table: the length of the longest proper prefix that is also a suffix of its first i+1 bytes. */
    private final int[][] borders;

    EscapedSecretScan(List<String> secrets) {
        this.secrets = secrets.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        this.borders = new int[this.secrets.length][];
        for (int k = 0; k < this.secrets.length; k++) {
            borders[k] = borders(this.secrets[k]);
        }
    }

    boolean foundIn(byte[] json) {
        if (secrets.length == 0) {
            return false;
        }
        int[] matched = new int[secrets.length];
        int i = 0;
        while (i < json.length) {
            boolean found;
            if (json[i] != '\\' || i + 1 == json.length) {
                found = step(matched, json[i]);
                i++;
            } else if (json[i + 1] != 'u' || hex(json, i + 2) < 0) {
                found = step(matched, unescaped(json[i + 1]));
                i += 2;
            } else {
                String unit = unicode(json, i);
                found = step(matched, unit.getBytes(StandardCharsets.UTF_8));
                i += 6 * unit.length();
            }
            if (found) {
                return true;
            }
        }
        return false;
    }

    private boolean step(int[] matched, byte[] bytes) {
        for (byte b : bytes) {
            if (step(matched, b)) {
                return true;
            }
        }
        return false;
    }

    /** Advances every secret's match by one decoded byte; true when one is complete. */
    private boolean step(int[] matched, byte b) {
        for (int k = 0; k < secrets.length; k++) {
            byte[] secret = secrets[k];
            int m = matched[k];
            while (m > 0 && secret[m] != b) {
                m = borders[k][m - 1];
            }
            if (secret[m] == b) {
                m++;
            }
            if (m == secret.length) {
                return true;
            }
            matched[k] = m;
        }
        return false;
    }

    /** The character of the unicode escape at {@code at}, joined by the next escape when they form a surrogate pair. */
    private static String unicode(byte[] json, int at) {
        char unit = (char) hex(json, at + 2);
        int next = at + 7 < json.length && json[at + 6] == '\\' && json[at + 7] == 'u' ? hex(json, at + 8) : -1;
        return Character.isHighSurrogate(unit) && next >= 0 && Character.isLowSurrogate((char) next)
                ? new String(new char[] {unit, (char) next}) : String.valueOf(unit);
    }

    private static byte unescaped(byte escaped) {
        return switch (escaped) {
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            default -> escaped; // \" \\ \/
        };
    }

    /** The four hex digits at {@code at} as a UTF-16 unit, or -1 when they are not there. */
    private static int hex(byte[] json, int at) {
        if (at + 4 > json.length) {
            return -1;
        }
        int unit = 0;
        for (int j = at; j < at + 4; j++) {
            int digit = Character.digit(json[j], 16);
            if (digit < 0) {
                return -1;
            }
            unit = unit * 16 + digit;
        }
        return unit;
    }

    private static int[] borders(byte[] secret) {
        int[] borders = new int[secret.length];
        for (int i = 1, k = 0; i < secret.length; i++) {
            while (k > 0 && secret[i] != secret[k]) {
                k = borders[k - 1];
            }
            if (secret[i] == secret[k]) {
                k++;
            }
            borders[i] = k;
        }
        return borders;
    }
}
