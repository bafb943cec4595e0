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
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Opaque, signed pagination cursors (docs/security.md, rule 5). A cursor is base64url (no padding) of
 * {@code version(1) | kidLength(1) | kid | positionLength(2) | position | HMAC-SHA256(32)}, where the position is the
 * item's key as DynamoDB's ExclusiveStartKey wants it. The MAC covers the version, the key id, the position and, not
 * written in the cursor, the caller's tenant and the list's binding (field, parent, filter and sort): a cursor edited,
 * truncated, or replayed in another tenant, field or filter fails verification and is BAD_USER_INPUT on
 * {@code after}. The tenant is never readable or settable by the client; nothing in a cursor is trusted before its
 * MAC is verified (in constant time), and the data layer still checks the position belongs to the query.
 */
public final class CursorCodec {
    static final byte VERSION = 1;
    private static final int MAC_BYTES = 32;
    private static final int MAX_CURSOR_CHARS = 2048;
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final CursorKeys keys;

    public CursorCodec(CursorKeys keys) {
        this.keys = keys;
    }

    /** The cursor of one position in the list {@code binding} of {@code tenant}. */
    public String encode(TenantId tenant, String binding, Map<String, AttributeValue> position) {
        String kid = keys.signingKid();
        byte[] kidBytes = kid.getBytes(StandardCharsets.US_ASCII);
        byte[] payload = positionBytes(position);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(VERSION);
        out.write(kidBytes.length);
        out.writeBytes(kidBytes);
        out.write(payload.length >>> 8);
        out.write(payload.length & 0xff);
        out.writeBytes(payload);
        byte[] signed = out.toByteArray();
        out.writeBytes(mac(keys.secret(kid), tenant, binding, signed));
        return ENCODER.encodeToString(out.toByteArray());
    }

    /** The position a cursor carries, after verifying it; null for a null cursor. */
    public Map<String, AttributeValue> decode(TenantId tenant, String binding, String cursor) {
        if (cursor == null) {
            return null;
        }
        byte[] bytes = strictBase64(cursor);
        if (bytes.length < 4 + MAC_BYTES || bytes[0] != VERSION) {
            throw invalid();
        }
        int kidLength = bytes[1] & 0xff;
        int payloadStart = 2 + kidLength + 2;
        if (payloadStart + MAC_BYTES > bytes.length) {
            throw invalid();
        }
        String kid = new String(bytes, 2, kidLength, StandardCharsets.US_ASCII);
        int payloadLength = ((bytes[2 + kidLength] & 0xff) << 8) | (bytes[3 + kidLength] & 0xff);
        byte[] secret = keys.secret(kid);
        if (secret == null || payloadStart + payloadLength + MAC_BYTES != bytes.length) {
            throw invalid();
        }
        byte[] signed = Arrays.copyOfRange(bytes, 0, payloadStart + payloadLength);
        byte[] given = Arrays.copyOfRange(bytes, payloadStart + payloadLength, bytes.length);
        if (!MessageDigest.isEqual(mac(secret, tenant, binding, signed), given)) {
            throw invalid();
        }
        return readPosition(Arrays.copyOfRange(bytes, payloadStart, payloadStart + payloadLength));
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

    private static byte[] mac(byte[] secret, TenantId tenant, String binding, byte[] signed) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            mac.update(lengthPrefixed("tg-cursor"));
            mac.update(lengthPrefixed(tenant.value()));
            mac.update(lengthPrefixed(binding));
            return mac.doFinal(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
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
