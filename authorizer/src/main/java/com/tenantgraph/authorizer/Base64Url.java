package com.tenantgraph.authorizer;

import java.util.Arrays;

/**
 * Strict, canonical base64url decoding (RFC 4648 §5 without padding, as JWS compact serialization requires).
 *
 * <p>Refused: any character outside {@code [A-Za-z0-9_-]} (so padding {@code =}, {@code +}, {@code /} and
 * whitespace), a length that leaves one dangling character, and non-zero unused bits in the last character. The last
 * rule makes the encoding canonical: every byte string has exactly one accepted spelling, so a token cannot be
 * altered without changing what is signed or parsed. It is equivalent to "decode, re-encode and compare" without the
 * second allocation. The JDK's decoder accepts padding and non-canonical endings, hence this class.
 */
final class Base64Url {

    /** Value of each byte 0..255 in the base64url alphabet, -1 if it is not in it. */
    private static final int[] VALUES = new int[256];

    static {
        Arrays.fill(VALUES, -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = i;
        }
    }

    private Base64Url() {
    }

    /**
     * Decodes {@code in[from, to)}, which holds ASCII bytes of base64url text.
     *
     * @return the decoded bytes, or {@code null} if the text is not strict, canonical base64url or is empty
     */
    static byte[] decode(byte[] in, int from, int to) {
        int length = to - from;
        int remainder = length & 3;
        if (length == 0 || remainder == 1) {
            return null;
        }
        byte[] out = new byte[(length / 4) * 3 + (remainder == 0 ? 0 : remainder - 1)];
        int o = 0;
        int i = from;
        int fullEnd = from + (length - remainder);
        while (i < fullEnd) {
            int a = value(in[i]);
            int b = value(in[i + 1]);
            int c = value(in[i + 2]);
            int d = value(in[i + 3]);
            if ((a | b | c | d) < 0) {
                return null;
            }
            int bits = (a << 18) | (b << 12) | (c << 6) | d;
            out[o++] = (byte) (bits >> 16);
            out[o++] = (byte) (bits >> 8);
            out[o++] = (byte) bits;
            i += 4;
        }
        if (remainder == 2) {
            int a = value(in[i]);
            int b = value(in[i + 1]);
            if ((a | b) < 0 || (b & 0x0f) != 0) {
                return null;
            }
            out[o] = (byte) ((a << 2) | (b >> 4));
        } else if (remainder == 3) {
            int a = value(in[i]);
            int b = value(in[i + 1]);
            int c = value(in[i + 2]);
            if ((a | b | c) < 0 || (c & 0x03) != 0) {
                return null;
            }
            int bits = (a << 12) | (b << 6) | c;
            out[o++] = (byte) (bits >> 10);
            out[o] = (byte) (bits >> 2);
        }
        return out;
    }

    /** Decodes a whole string (used for JWK members, off the request path). */
    static byte[] decode(String text) {
        byte[] ascii = new byte[text.length()];
        for (int i = 0; i < ascii.length; i++) {
            char c = text.charAt(i);
            if (c >= 128) {
                return null;
            }
            ascii[i] = (byte) c;
        }
        return decode(ascii, 0, ascii.length);
    }

    private static int value(byte b) {
        return VALUES[b & 0xff];
    }
}
