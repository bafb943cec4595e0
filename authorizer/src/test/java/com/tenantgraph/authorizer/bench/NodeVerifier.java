package com.tenantgraph.authorizer.bench;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.tenantgraph.authorizer.TestJson;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The other side of the comparison: aws-jwt-verify (Node) verifying the same tokens, in {@code authorizer/bench-node/}
 * ({@code bench.mjs}, with the library pinned by {@code package-lock.json}). Writes the tokens, the JWKS and the
 * expected pool and client to a temporary directory, starts {@code node bench.mjs DIR --serve} and runs one Node round
 * per {@link #round()} call, so the Java and Node rounds alternate and share the machine's noise of the moment.
 * Runs {@code npm ci} there first if the library is not installed. {@code -Dbench.keepDir} keeps the directory, to run
 * {@code node bench.mjs DIR} on its own on the same tokens.
 */
final class NodeVerifier implements AutoCloseable {

    /**
     * One Node round: tokens per second through {@code verifySync} and through {@code await verify()}, and raw
     * {@code node:crypto} RS256 verifies per second of the same tokens' signing inputs (Node's floor, as (c) is ours).
     */
    record Round(double sync, double async, double raw) {
    }

    private final Path dir;
    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final int tokens;
    private final Map<String, Object> ready;

    /**
     * @param tokens    the valid tokens, each of which must be accepted
     * @param negatives name to token; every one must be refused (proves the claim checks run)
     */
    NodeVerifier(Path benchNodeDir, List<String> tokens, Map<String, String> negatives, String jwks,
                 String userPoolId, String clientId, String issuer, String tenantClaim) throws IOException {
        installIfMissing(benchNodeDir);
        this.tokens = tokens.size();
        this.dir = Files.createTempDirectory("authorizer-bench-");
        Files.write(dir.resolve("tokens.txt"), tokens, StandardCharsets.US_ASCII);
        Files.write(dir.resolve("negatives.txt"), negatives.entrySet().stream()
                .map(e -> e.getKey() + "\t" + e.getValue()).toList(), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("jwks.json"), jwks);
        Files.writeString(dir.resolve("config.json"), TestJson.write(Map.of(
                "userPoolId", userPoolId, "clientId", clientId, "issuer", issuer, "tenantClaim", tenantClaim)));
        this.process = new ProcessBuilder("node", "bench.mjs", dir.toString(), "--serve")
                .directory(benchNodeDir.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
        this.ready = readLine();
        if (!Boolean.TRUE.equals(ready.get("ready"))) {
            throw new IllegalStateException("bench.mjs did not start: " + ready);
        }
        Object refused = ready.get("refused");
        if (!(refused instanceof Map<?, ?> map) || !map.keySet().equals(negatives.keySet())) {
            throw new IllegalStateException("bench.mjs did not refuse every negative token: " + refused);
        }
    }

    /** {@code authorizer/bench-node}, found from where this class was compiled to (authorizer/target/test-classes). */
    static Path defaultDir() {
        String configured = System.getProperty("bench.nodeDir");
        if (configured != null) {
            return Path.of(configured);
        }
        try {
            Path classes = Path.of(NodeVerifier.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return classes.getParent().getParent().resolve("bench-node");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What bench.mjs reported at start: node, openssl and aws-jwt-verify versions, and why it refused each negative. */
    Map<String, Object> about() {
        return ready;
    }

    Round round() throws IOException {
        in.write("round\n");
        in.flush();
        Map<String, Object> result = readLine();
        if (result.containsKey("error")) {
            throw new IllegalStateException("bench.mjs: " + result.get("error"));
        }
        long accepted = ((Number) result.get("accepted")).longValue();
        if (accepted != 2L * tokens) {
            throw new IllegalStateException("bench.mjs accepted " + accepted + " of " + 2L * tokens + " verifications");
        }
        return new Round(number(result, "sync"), number(result, "async"), number(result, "raw"));
    }

    private static double number(Map<String, Object> result, String name) {
        return ((Number) result.get(name)).doubleValue();
    }

    private Map<String, Object> readLine() throws IOException {
        String line = out.readLine();
        if (line == null) {
            throw new IllegalStateException("bench.mjs ended early; its error output is above");
        }
        try {
            return JSONObjectUtils.parse(line);
        } catch (ParseException e) {
            throw new IllegalStateException("bench.mjs printed something other than JSON: " + line, e);
        }
    }

    private static void installIfMissing(Path benchNodeDir) throws IOException {
        if (Files.isRegularFile(benchNodeDir.resolve("node_modules/aws-jwt-verify/package.json"))) {
            return;
        }
        System.out.println("Installing aws-jwt-verify from " + benchNodeDir.resolve("package-lock.json") + " (npm ci)...");
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(benchNodeDir.toFile()).inheritIO().start();
        try {
            if (npm.waitFor() != 0) {
                throw new IllegalStateException("npm ci in " + benchNodeDir + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            in.close(); // bench.mjs ends at the end of its input
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                if (System.getProperty("bench.keepDir") == null) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } else {
                System.out.println("kept " + dir);
            }
            }
        }
    }
}
