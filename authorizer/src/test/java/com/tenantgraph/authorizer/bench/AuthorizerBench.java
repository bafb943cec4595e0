package com.tenantgraph.authorizer.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import com.tenantgraph.authorizer.AuthorizerConfig;
import com.tenantgraph.authorizer.JwksServer;
import com.tenantgraph.authorizer.LogSink;
import com.tenantgraph.authorizer.TestKeys;
import com.tenantgraph.authorizer.TestTokens;
import com.tenantgraph.authorizer.TokenAuthorizerHandler;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Tokens verified per second on one thread, after warm-up, as medians of several rounds:
 * <ol>
 *   <li>(a) fresh, distinct, valid tokens through the whole handler (header checks, SHA-256 for the cache lookup,
 *       parsing, RS256 verify, claims, cache insert, policy, one JSON log line);</li>
 *   <li>(b) the same token again and again (served by the verified-token cache);</li>
 *   <li>(c) the JDK's raw {@code SHA256withRSA} verify of the same signing input with the same RSA-2048 key.</li>
 * </ol>
 * Also the cold start: in a fresh JVM (see {@link ColdStart}), the time from process start to the first answered
 * token, next to a bare JVM start.
 *
 * <p>Run from the repository root:
 * {@code mvn -q -pl authorizer test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=com.tenantgraph.authorizer.bench.AuthorizerBench}
 */
public final class AuthorizerBench {

    private static final String METHOD_ARN = "arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/POST/graphql";
    private static final int DISTINCT_TOKENS = Integer.getInteger("bench.tokens", 4000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 9);
    private static final int WARMUP_ROUNDS = Integer.getInteger("bench.warmup", 4);
    private static final int REPEATS_PER_ROUND = 200_000;
    private static final int COLD_STARTS = 5;

    /** Consumes what the handler returns and logs, so the JIT cannot drop the work. */
    private static long sink;

    private AuthorizerBench() {
    }

    public static void main(String[] args) throws Exception {
        try (JwksServer jwks = new JwksServer()) {
            jwks.serve(TestKeys.jwks(TestKeys.rsaJwk(TestKeys.POOL, TestKeys.POOL_KID)));
            AuthorizerConfig config = AuthorizerConfig.fromEnvironment(Map.of(
                    "USER_POOL_ISSUER", jwks.issuer(),
                    "ALLOWED_CLIENT_IDS", TestTokens.CLIENT_ID));
            LogSink logSink = line -> sink += line.length();
            TestTokens tokens = new TestTokens(jwks.issuer(), Clock.systemUTC());

            String first = tokens.idToken().claim("jti", "first").build();
            long t0 = System.nanoTime();
            TokenAuthorizerHandler coldHandler = new TokenAuthorizerHandler(config, logSink, Clock.systemUTC());
            long t1 = System.nanoTime();
            consume(coldHandler.handleRequest(event(first), null));
            long t2 = System.nanoTime();

            String coldStart = coldStartInFreshJvm(jwks.issuer(), tokens.idToken().claim("jti", "cold").build());

            System.out.printf("Minting %d distinct RS256 tokens...%n", DISTINCT_TOKENS);
            List<String> distinct = IntStream.range(0, DISTINCT_TOKENS).parallel()
                    .mapToObj(i -> tokens.idToken().claim("jti", "bench-" + i).build())
                    .toList();
            String repeated = distinct.get(0);
            List<APIGatewayCustomAuthorizerEvent> events = distinct.stream().map(AuthorizerBench::event).toList();

            String[] parts = repeated.split("\\.");
            byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
            byte[] signature = Base64.getUrlDecoder().decode(parts[2]);

            List<Double> fresh = new ArrayList<>();
            List<Double> cached = new ArrayList<>();
            List<Double> raw = new ArrayList<>();
            List<Double> freshOverRaw = new ArrayList<>();
            List<Double> cachedOverFresh = new ArrayList<>();
            for (int round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
                double a = freshTokensPerSecond(config, logSink, events);
                double b = repeatedTokenPerSecond(config, logSink, event(repeated));
                double c = rawVerifiesPerSecond(signingInput, signature);
                if (round >= WARMUP_ROUNDS) {
                    fresh.add(a);
                    cached.add(b);
                    raw.add(c);
                    freshOverRaw.add(a / c);
                    cachedOverFresh.add(b / a);
                }
            }

            double a = median(fresh);
            double b = median(cached);
            double c = median(raw);
            System.out.printf("Machine: %d cores visible, Java %s (%s), %s %s; one thread; %d warm-up + %d rounds%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    System.getProperty("java.vm.name"), System.getProperty("os.name"), System.getProperty("os.arch"),
                    WARMUP_ROUNDS, ROUNDS);
            System.out.printf("In this JVM, first construction (JWKS preload over loopback): %.1f ms; first request: %.1f ms%n",
                    (t1 - t0) / 1e6, (t2 - t1) / 1e6);
            System.out.println(coldStart);
            System.out.printf("(a) fresh distinct tokens, full handler : %,10.0f /s  (rounds %s)%n", a, fmt(fresh));
            System.out.printf("(b) same token repeated (cache)         : %,10.0f /s  (rounds %s)%n", b, fmt(cached));
            System.out.printf("(c) raw JDK SHA256withRSA verify        : %,10.0f /s  (rounds %s)%n", c, fmt(raw));
            System.out.printf("(a)/(c) = %.2f   (b)/(a) = %.1f   (ratio of the medians)%n", a / c, b / a);
            System.out.printf("(a)/(c) = %.2f   (b)/(a) = %.1f   (median of the per-round ratios)%n",
                    median(freshOverRaw), median(cachedOverFresh));
            System.out.println("(ignore: " + sink + ")");
        }
    }

    /**
     * Starts {@link ColdStart} in new JVMs with this classpath, alternately as a bare JVM (--noop) and as the
     * authorizer (init with JWKS preload, then one token), {@value #COLD_STARTS} times each, and reports the medians
     * of the wall-clock times measured from here.
     */
    private static String coldStartInFreshJvm(String issuer, String token) {
        try {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String classpath = classpath();
            List<Double> bare = new ArrayList<>();
            List<Double> full = new ArrayList<>();
            List<Double> init = new ArrayList<>();
            List<Double> firstRequest = new ArrayList<>();
            for (int i = 0; i < COLD_STARTS; i++) {
                bare.add(runChild(java, classpath, "--noop", "").nanos / 1e6);
                Child child = runChild(java, classpath, issuer, token);
                full.add(child.nanos / 1e6);
                init.add(Double.parseDouble(child.output.replaceAll(".*init_ms=([0-9.]+).*", "$1")));
                firstRequest.add(Double.parseDouble(child.output.replaceAll(".*first_request_ms=([0-9.]+).*", "$1")));
            }
            return String.format("Fresh JVM (medians of %d): bare JVM start to main %.0f ms; start to first answered "
                    + "token %.0f ms; inside it, handler construction (config, JWKS preload, priming) %.0f ms and "
                    + "first request %.1f ms", COLD_STARTS, median(bare), median(full), median(init),
                    median(firstRequest));
        } catch (Exception e) {
            return "Fresh JVM cold start not measured: " + e;
        }
    }

    private record Child(long nanos, String output) {
    }

    private static Child runChild(String java, String classpath, String arg0, String arg1) throws Exception {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(java, "-cp", classpath, ColdStart.class.getName(), arg0, arg1)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        process.waitFor();
        long nanos = System.nanoTime() - start;
        if (!output.startsWith("ready")) {
            throw new IllegalStateException(output);
        }
        return new Child(nanos, output);
    }

    /** exec:java runs us in its own class loader; its URLs are the module's test classpath. */
    private static String classpath() throws Exception {
        ClassLoader loader = AuthorizerBench.class.getClassLoader();
        if (loader instanceof URLClassLoader urls) {
            List<String> entries = new ArrayList<>();
            for (URL url : urls.getURLs()) {
                entries.add(Path.of(url.toURI()).toString());
            }
            return String.join(File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    /** (a): a new handler per round (not timed), so every token of the round is a cache miss. */
    private static double freshTokensPerSecond(AuthorizerConfig config, LogSink logSink,
                                               List<APIGatewayCustomAuthorizerEvent> events) {
        TokenAuthorizerHandler handler = new TokenAuthorizerHandler(config, logSink, Clock.systemUTC());
        long start = System.nanoTime();
        for (APIGatewayCustomAuthorizerEvent event : events) {
            consume(handler.handleRequest(event, null));
        }
        return events.size() / ((System.nanoTime() - start) / 1e9);
    }

    private static double repeatedTokenPerSecond(AuthorizerConfig config, LogSink logSink,
                                                  APIGatewayCustomAuthorizerEvent event) {
        TokenAuthorizerHandler handler = new TokenAuthorizerHandler(config, logSink, Clock.systemUTC());
        consume(handler.handleRequest(event, null));
        long start = System.nanoTime();
        for (int i = 0; i < REPEATS_PER_ROUND; i++) {
            consume(handler.handleRequest(event, null));
        }
        return REPEATS_PER_ROUND / ((System.nanoTime() - start) / 1e9);
    }

    /** (c): the floor: one reused Signature object, initVerify + update + verify per token. */
    private static double rawVerifiesPerSecond(byte[] signingInput, byte[] signatureBytes) throws Exception {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        long start = System.nanoTime();
        for (int i = 0; i < DISTINCT_TOKENS; i++) {
            verifier.initVerify(TestKeys.POOL.getPublic());
            verifier.update(signingInput);
            if (verifier.verify(signatureBytes)) {
                sink++;
            }
        }
        return DISTINCT_TOKENS / ((System.nanoTime() - start) / 1e9);
    }

    private static APIGatewayCustomAuthorizerEvent event(String token) {
        APIGatewayCustomAuthorizerEvent event = new APIGatewayCustomAuthorizerEvent();
        event.setType("TOKEN");
        event.setMethodArn(METHOD_ARN);
        event.setAuthorizationToken("Bearer " + token);
        return event;
    }

    private static void consume(IamPolicyResponse response) {
        sink += response.getPrincipalId().length() + response.getContext().size();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String fmt(List<Double> values) {
        StringBuilder out = new StringBuilder();
        for (double v : values) {
            out.append(out.length() == 0 ? "" : " ").append(String.format("%.0f", v));
        }
        return out.toString();
    }
}
