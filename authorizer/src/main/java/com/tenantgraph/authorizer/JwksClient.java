package com.tenantgraph.authorizer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;

/**
 * Fetches the JWKS document with the JDK's {@link HttpURLConnection}: no extra client library, nothing started at
 * init beyond what one GET needs (cheaper cold start than {@code java.net.http.HttpClient}, which starts a selector
 * thread).
 *
 * <p>Rules: redirects are never followed (a 3xx is a failure); only 200 is accepted; the body is capped at
 * {@code maxBytes} (by Content-Length when announced, and while reading in any case); connect and read timeouts are
 * short, and the whole read must finish within connect + read timeout so a server that drips bytes cannot hold the
 * authorizer. The URL was checked at config time (https, or http to loopback only).
 */
final class JwksClient {

    private final URI url;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final int maxBytes;

    JwksClient(URI url, Duration connectTimeout, Duration readTimeout, int maxBytes) {
        this.url = url;
        this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
        this.readTimeoutMillis = Math.toIntExact(readTimeout.toMillis());
        this.maxBytes = maxBytes;
    }

    /** The longest one fetch can take: connect timeout + read timeout. */
    Duration timeBound() {
        return Duration.ofMillis((long) connectTimeoutMillis + readTimeoutMillis);
    }

    /** Returns the response body of a 200 answer. */
    byte[] fetch() throws IOException {
        long deadline = System.nanoTime() + timeBound().toNanos();
        HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
        try {
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setConnectTimeout(connectTimeoutMillis);
            connection.setReadTimeout(readTimeoutMillis);
            connection.setRequestProperty("Accept", "application/json");
            int status = connection.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new IOException("JWKS endpoint answered HTTP " + status + " (redirects are not followed)");
            }
            long announced = connection.getContentLengthLong();
            if (announced > maxBytes) {
                throw new IOException("JWKS response announces " + announced + " bytes, more than " + maxBytes);
            }
            try (InputStream body = connection.getInputStream()) {
                return readCapped(body, deadline);
            }
        } finally {
            connection.disconnect();
        }
    }

    private byte[] readCapped(InputStream body, long deadline) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, 8192));
        byte[] buffer = new byte[8192];
        int total = 0;
        int read;
        while ((read = body.read(buffer)) != -1) {
            total += read;
            if (total > maxBytes) {
                throw new IOException("JWKS response is larger than " + maxBytes + " bytes");
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("JWKS response took longer than the connect + read timeouts");
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }
}
