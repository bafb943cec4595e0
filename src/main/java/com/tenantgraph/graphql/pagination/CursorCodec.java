package com.tenantgraph.graphql.pagination;

import com.tenantgraph.errors.ApiException;
import com.tenantgraph.tenancy.TenantId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Opaque, authenticated and encrypted pagination cursors (docs/security.md, rule 5). A cursor is base64url (no
 * padding) of {@code version(1) | kidLength(1) | kid | tag(16) | encrypted position}. The position (the item's key as
 * DynamoDB's ExclusiveStartKey wants it) is sealed with SIV, deterministic authenticated encryption (Rogaway and
 * Shrimpton's construction, as in RFC 5297, with HMAC-SHA256 in place of CMAC): the tag is HMAC-SHA256, truncated to
 * 128 bits, over the caller's tenant, the list's binding (field, parent, filter and sort), the version, the key id and
 * the position; the position is encrypted with AES-256-CTR using the tag as its counter block. So a client reads
 * nothing in a cursor but its version and key id: not the key layout, not the tenant, not the ids.
 *
 * <p>Deterministic on purpose: the same position of the same list always gives the same cursor, and there is no
 * nonce to repeat. (AES-GCM with random nonces would be safe for only about 2^32 cursors per key, and a busy API
 * signs a cursor for every edge of every page.) Both sub-keys are derived from the configured secret with HMAC
 * under distinct labels. A cursor edited, truncated, or replayed in another tenant, field or filter fails the
 * constant-time tag comparison and is BAD_USER_INPUT on {@code after}; nothing decrypted is parsed before the tag is
 * verified, and the data layer still checks the position belongs to the query.
 */
public final class CursorCodec {
    static final byte VERSION = 2;
    private static final int TAG_BYTES = 16;
    private static final int MAX_CURSOR_CHARS = 2048;
    private static final String HMAC = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final CursorKeys keys;
    private final Map<String, SubKeys> derived = new ConcurrentHashMap<>();

    public CursorCodec(CursorKeys keys) {
        this.keys = keys;
    }

    /** The cursor of one position in the list {@code binding} of {@code tenant}. */
    public String encode(TenantId tenant, String binding, Map<String, AttributeValue> position) {
        String kid = keys.signingKid();
        SubKeys key = subKeys(kid);
        byte[] header = header(kid);
        byte[] plain = positionBytes(position);
        byte[] tag = tag(key, tenant, binding, header, plain);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        out.writeBytes(tag);
        out.writeBytes(ctr(key, tag, plain));
        return ENCODER.encodeToString(out.toByteArray());
    }

    /** The position a cursor carries, after verifying it; null for a null cursor. */
    public Map<String, AttributeValue> decode(TenantId tenant, String binding, String cursor) {
        if (cursor == null) {
            return null;
        }
        byte[] bytes = strictBase64(cursor);
        if (bytes.length < 2 || bytes[0] != VERSION) {
            throw invalid();
        }
        int headerLength = 2 + (bytes[1] & 0xff);
        if (headerLength + TAG_BYTES > bytes.length) {
            throw invalid();
        }
        String kid = new String(bytes, 2, headerLength - 2, StandardCharsets.US_ASCII);
        if (keys.secret(kid) == null) {
            throw invalid();
        }
        SubKeys key = subKeys(kid);
        byte[] header = Arrays.copyOfRange(bytes, 0, headerLength);
        byte[] given = Arrays.copyOfRange(bytes, headerLength, headerLength + TAG_BYTES);
        byte[] plain = ctr(key, given, Arrays.copyOfRange(bytes, headerLength + TAG_BYTES, bytes.length));
        if (!MessageDigest.isEqual(tag(key, tenant, binding, header, plain), given)) {
            throw invalid();
        }
        return readPosition(plain);
    }

    private static byte[] header(String kid) {
        byte[] kidBytes = kid.getBytes(StandardCharsets.US_ASCII);
        byte[] header = new byte[2 + kidBytes.length];
        header[0] = VERSION;
        header[1] = (byte) kidBytes.length;
        System.arraycopy(kidBytes, 0, header, 2, kidBytes.length);
        return header;
    }

    private static byte[] strictBase64(String cursor) {
        if (cursor.isEmpty() || cursor.length() > MAX_CURSOR_CHARS) {
            throw invalid();
        }
        try {
            byte[] bytes = DECODER.decode(cursor);
            if (!ENCODER.encodeToString(bytes).equals(cursor)) {
                throw invalid();
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    /** The MAC key and the encryption key of one configured secret, derived once per key id. */
    private record SubKeys(byte[] mac, SecretKeySpec encryption) {
    }

    private SubKeys subKeys(String kid) {
        return derived.computeIfAbsent(kid, id -> {
            byte[] secret = keys.secret(id);
            return new SubKeys(hmac(secret, "tenantgraph cursor tag"),
                    new SecretKeySpec(hmac(secret, "tenantgraph cursor encryption"), "AES"));
        });
    }

    private static byte[] tag(SubKeys key, TenantId tenant, String binding, byte[] header, byte[] plain) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key.mac(), HMAC));
            mac.update(lengthPrefixed("tg-cursor"));
            mac.update(lengthPrefixed(tenant.value()));
            mac.update(lengthPrefixed(binding));
            mac.update(header);
            return Arrays.copyOf(mac.doFinal(plain), TAG_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(HMAC + " is unavailable", e);
        }
    }

    /** AES-256-CTR with the tag as the initial counter block: encrypts and decrypts alike. */
    private static byte[] ctr(SubKeys key, byte[] tag, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.encryption(), new IvParameterSpec(tag));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR is unavailable", e);
        }
    }

    private static byte[] hmac(byte[] secret, String label) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret, HMAC));
            return mac.doFinal(label.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(HMAC + " is unavailable", e);
        }
    }

    private static byte[] lengthPrefixed(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[bytes.length + 4];
        out[0] = (byte) (bytes.length >>> 24);
        out[1] = (byte) (bytes.length >>> 16);
        out[2] = (byte) (bytes.length >>> 8);
        out[3] = (byte) bytes.length;
        System.arraycopy(bytes, 0, out, 4, bytes.length);
        return out;
    }

    private static byte[] positionBytes(Map<String, AttributeValue> position) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Map<String, AttributeValue> sorted = new TreeMap<>(position);
            out.writeByte(sorted.size());
            for (Map.Entry<String, AttributeValue> attribute : sorted.entrySet()) {
                out.writeUTF(attribute.getKey());
                out.writeUTF(attribute.getValue().s());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Map<String, AttributeValue> readPosition(byte[] payload) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            int count = in.readUnsignedByte();
            Map<String, AttributeValue> position = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                position.put(in.readUTF(), AttributeValue.fromS(in.readUTF()));
            }
            if (in.available() != 0) {
                throw invalid();
            }
            return position;
        } catch (IOException e) {
            throw invalid();
        }
    }

    private static ApiException invalid() {
        return ApiException.badInput("after", "Invalid cursor: use a cursor from this same list, unchanged");
    }
}
