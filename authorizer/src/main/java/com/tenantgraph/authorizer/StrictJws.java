package com.tenantgraph.authorizer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The rules about a token's form that run before nimbus-jose-jwt, or that refuse what it would accept. Each one is
 * here because nimbus alone lets such a token through, or because it refuses it in a way that does not say why
 * (then the rule only names the reason, and nimbus refuses the token too):
 * <ul>
 *   <li>three parts, never five (a JWE): nimbus refuses both otherwise, this names {@code jwe_not_accepted};</li>
 *   <li>each part strict, canonical base64url: nimbus's decoder is lenient (see {@link Base64Url});</li>
 *   <li>header and payload strict JSON without duplicate members anywhere: nimbus's parser refuses duplicates only at
 *       the top level, and reads invalid UTF-8 (see {@link StrictJson});</li>
 *   <li>the JOSE header: {@code alg} exactly "RS256" (nimbus's key selector refuses other algorithms too, but with
 *       the same answer as for an unknown key); no {@code crit} (nimbus accepts {@code "crit":["b64"]}); no
 *       {@code b64} (nimbus accepts {@code "b64":true}); no {@code jku}, {@code jwk}, {@code x5u}, {@code x5c} (nimbus
 *       ignores them when the key comes from a JWK source, so it accepts such a token); no {@code enc} or
 *       {@code zip}; a {@code kid} of 1 to {@value #MAX_KID_LENGTH} characters (without one, nimbus tries every key
 *       of the pool).</li>
 * </ul>
 */
final class StrictJws {

    static final int MAX_KID_LENGTH = 256;

    /** Header members that would let the token choose its own key: keys come from the pool's JWKS only. */
    private static final List<String> EMBEDDED_KEY_MEMBERS = List.of("jku", "jwk", "x5u", "x5c");
    /** Members of a JWE header; a JWS carrying them is a confused or hostile token. */
    private static final List<String> JWE_MEMBERS = List.of("enc", "zip");
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private StrictJws() {
    }

    /**
     * The three base64url segments of a compact JWS, each one checked to be strict and canonical, as ranges of the
     * token's bytes: each is decoded from there, and only the header is ever made a string.
     *
     * @param token     the token's Latin-1 bytes (the bytes its cache key is the hash of)
     * @param firstDot  the index of the dot after the header
     * @param secondDot the index of the dot after the payload
     * @param header    the header segment as sent
     */
    record Segments(byte[] token, int firstDot, int secondDot, String header) {

        /** The decoded header: its spelling is canonical, so the JDK's decoder reads exactly what nimbus will. */
        byte[] headerJson() {
            return decode(0, firstDot);
        }

        byte[] payloadJson() {
            return decode(firstDot + 1, secondDot);
        }

        /** What the signature signs: the ASCII bytes of {@code header.payload}, exactly as sent. */
        byte[] signingInput() {
            return Arrays.copyOf(token, secondDot);
        }

        /** The signature segment as sent. */
        String signatureText() {
            return new String(token, secondDot + 1, token.length - secondDot - 1, StandardCharsets.ISO_8859_1);
        }

        /** The signature's bytes. */
        byte[] signature() {
            return decode(secondDot + 1, token.length);
        }

        /** The JDK's strict decoder on a range, into an array of exactly the decoded length. */
        private byte[] decode(int from, int to) {
            return DECODER.decode(ByteBuffer.wrap(token, from, to - from)).array();
        }
    }

    /** @param token the token's Latin-1 bytes (a character beyond Latin-1 is a '?', which no rule accepts) */
    static Segments split(byte[] token) throws TokenRejectedException {
        int firstDot = indexOfDot(token, 0);
        int secondDot = firstDot < 0 ? -1 : indexOfDot(token, firstDot + 1);
        if (secondDot < 0 || indexOfDot(token, secondDot + 1) >= 0) {
            throw new TokenRejectedException(
                    dots(token) == 4 ? RejectReason.JWE_NOT_ACCEPTED : RejectReason.NOT_COMPACT_JWS);
        }
        if (!Base64Url.isCanonical(token, 0, firstDot)
                || !Base64Url.isCanonical(token, firstDot + 1, secondDot)
                || !Base64Url.isCanonical(token, secondDot + 1, token.length)) {
            throw new TokenRejectedException(RejectReason.BAD_BASE64URL);
        }
        return new Segments(token, firstDot, secondDot, new String(token, 0, firstDot, StandardCharsets.ISO_8859_1));
    }

    /**
     * Parses strict JSON whose top-level value is an object, without duplicate members at any depth (nimbus's parser
     * with our checks, see {@link StrictJson}).
     */
    static Map<String, Object> parseStrictJson(byte[] json) throws TokenRejectedException {
        try {
            return StrictJson.parseObject(json);
        } catch (StrictJson.JsonException e) {
            throw new TokenRejectedException(e.duplicateMember() ? RejectReason.DUPLICATE_MEMBER : RejectReason.BAD_JSON);
        }
    }

    /**
     * Applies the JOSE header rules to the header as nimbus parsed it, in the order of the rule table.
     *
     * @return the header's {@code kid}
     */
    static String checkHeader(Map<String, Object> header) throws TokenRejectedException {
        if (!"RS256".equals(header.get("alg"))) {
            throw new TokenRejectedException(RejectReason.ALG_NOT_ALLOWED);
        }
        if (header.containsKey("crit")) {
            throw new TokenRejectedException(RejectReason.CRIT_NOT_ALLOWED);
        }
        if (header.containsKey("b64")) {
            throw new TokenRejectedException(RejectReason.B64_NOT_ALLOWED);
        }
        if (containsAny(header, EMBEDDED_KEY_MEMBERS)) {
            throw new TokenRejectedException(RejectReason.EMBEDDED_KEY_NOT_ALLOWED);
        }
        if (containsAny(header, JWE_MEMBERS)) {
            throw new TokenRejectedException(RejectReason.JWE_HEADER_NOT_ACCEPTED);
        }
        if (!(header.get("kid") instanceof String kid) || kid.isEmpty() || kid.length() > MAX_KID_LENGTH) {
            throw new TokenRejectedException(RejectReason.MISSING_KID);
        }
        return kid;
    }

    private static boolean containsAny(Map<String, Object> header, List<String> members) {
        for (String member : members) {
            if (header.containsKey(member)) {
                return true;
            }
        }
        return false;
    }

    private static int indexOfDot(byte[] token, int from) {
        for (int i = from; i < token.length; i++) {
            if (token[i] == '.') {
                return i;
            }
        }
        return -1;
    }

    private static int dots(byte[] token) {
        int dots = 0;
        for (int i = indexOfDot(token, 0); i >= 0; i = indexOfDot(token, i + 1)) {
            dots++;
        }
        return dots;
    }
}
