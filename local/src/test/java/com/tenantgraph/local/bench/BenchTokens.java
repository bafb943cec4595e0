package com.tenantgraph.local.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * A user pool for the load run: an RSA-2048 key, its JWKS served on loopback (the authorizer's JWKS_URL_OVERRIDE),
 * and Cognito-shaped ID tokens signed with it, so the local API Gateway runs the real TOKEN authorizer on every
 * request. Closing it stops the JWKS server.
 */
final class BenchTokens implements AutoCloseable {
    static final String ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_benchPool";
    static final String CLIENT_ID = "bench-client";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final KeyPair keys;
    private final HttpServer jwks;

    BenchTokens() throws GeneralSecurityException, IOException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        byte[] document = ("{\"keys\":[{\"kty\":\"RSA\",\"alg\":\"RS256\",\"use\":\"sig\",\"kid\":\"bench\",\"n\":\""
                + B64.encodeToString(unsigned(key.getModulus())) + "\",\"e\":\""
                + B64.encodeToString(unsigned(key.getPublicExponent())) + "\"}]}").getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jwks.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, document.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(document);
            }
        });
        jwks.start();
    }

    /** The authorizer's environment for this pool. */
    Map<String, String> authorizerEnvironment() {
        return Map.of("USER_POOL_ISSUER", ISSUER, "ALLOWED_CLIENT_IDS", CLIENT_ID,
                "JWKS_URL_OVERRIDE", "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json");
    }

    /** A valid ID token of {@code user} in {@code tenant}, valid for an hour. */
    String idToken(String tenant, String user) {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"kid\":\"bench\",\"typ\":\"JWT\"}";
        String payload = "{\"sub\":\"" + user + "\",\"iss\":\"" + ISSUER + "\",\"aud\":\"" + CLIENT_ID
                + "\",\"token_use\":\"id\",\"custom:tenantId\":\"" + tenant + "\",\"email\":\"" + user
                + "@bench.test\",\"cognito:username\":\"" + user + "\",\"auth_time\":" + (now - 60) + ",\"iat\":"
                + (now - 60) + ",\"exp\":" + (now + 3600) + ",\"jti\":\"" + System.nanoTime() + "\"}";
        String signingInput = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(keys.getPrivate());
            signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    @Override
    public void close() {
        jwks.stop(0);
    }
}
