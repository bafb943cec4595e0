package com.tenantgraph.authorizer.bench;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import com.tenantgraph.authorizer.AuthorizerConfig;
import com.tenantgraph.authorizer.JwksServer;
import com.tenantgraph.authorizer.LogSink;
import com.tenantgraph.authorizer.TestKeys;
import com.tenantgraph.authorizer.TestTokens;
import com.tenantgraph.authorizer.TokenAuthorizerHandler;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Tokens verified per second on one thread, after warm-up, as medians of several rounds:
 * <ol>
 *   <li>(a) fresh, distinct, valid tokens through the whole handler (header checks, SHA-256 for the cache lookup,
 *       parsing, RS256 verify, claims, cache insert, policy, one JSON log line);</li>
 *   <li>(a') the same through a baseline build of the authorizer ({@code -Dbench.baselineJar}, see
 *       {@link BaselineAuthorizer}): "before" beside "after", in the same rounds;</li>
 *   <li>(b) the same token again and again (served by the verified-token cache);</li>
 *   <li>(c) the JDK's raw {@code SHA256withRSA} verify of the same tokens' signing inputs with the same RSA-2048
 *       key, and (c') ACCP's, with the key as ACCP's own key object (as the handler holds it): the floor of the
 *       provider the handler verifies with;</li>
 *   <li>(d) aws-jwt-verify (Node) verifying the same tokens as (a) with {@code CognitoJwtVerifier.verifySync}, and
 *       (e) with {@code await verify()}, and (f) Node's raw {@code crypto.verify} RS256 of the same signing inputs,
 *       Node's counterpart of (c) (see {@link NodeVerifier}; {@code -Dbench.node=false} leaves them out).</li>
 * </ol>
 * The tokens carry a real Cognito issuer ({@code https://cognito-idp.us-east-1.amazonaws.com/POOL}), so both
 * verifiers check {@code iss} as they would in production; the handler takes the JWKS from loopback through
 * {@code JWKS_URL_OVERRIDE}, aws-jwt-verify through {@code cacheJwks}. Each Node round runs right after the Java round
 * it is compared with, in the Node process started once for the whole run.
 *
 * <p>Also the cold start: in fresh JVMs under C1 only ({@code -XX:TieredStopAtLevel=1}, as Lambda's Java runtimes
 * run by default), see {@link ColdStart}, the time from process start to the first answered token, for this build
 * and the baseline, next to a bare JVM start; and the size of each shaded jar. With {@code -Dbench.jar} (this
 * build's {@code -lambda} jar) the fresh JVMs load the authorizer from the jar, as Lambda does; without it, from this
 * class path.
 *
 * <p>Run from the repository root ({@code ./dev bench} does, and builds the baseline jar of a git ref given as
 * {@code TG_BENCH_BASELINE}):
 * {@code mvn -q -pl authorizer -DskipTests package exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=com.tenantgraph.authorizer.bench.AuthorizerBench -Dbench.jar=... [-Dbench.baselineJar=...]}
 */
public final class AuthorizerBench {

    private static final String METHOD_ARN = "arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/POST/graphql";
    private static final int DISTINCT_TOKENS = Integer.getInteger("bench.tokens", 4000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 9);
    private static final int WARMUP_ROUNDS = Integer.getInteger("bench.warmup", 4);
    private static final int REPEATS_PER_ROUND = 200_000;
    private static final int COLD_STARTS = Integer.getInteger("bench.coldStarts", 7);
    private static final int PRE_PASS = 200;
    private static final boolean NODE = Boolean.parseBoolean(System.getProperty("bench.node", "true"));
    private static final Path JAR = optionalPath("bench.jar");
    private static final Path BASELINE_JAR = optionalPath("bench.baselineJar");
    private static final String BASELINE_NAME = System.getProperty("bench.baselineName", "baseline");
    /** The issuer of a real user pool: aws-jwt-verify's CognitoJwtVerifier derives it from the pool id. */
    private static final String COGNITO_ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/" + JwksServer.POOL_ID;
    private static final String TENANT_CLAIM = "custom:tenantId";

    /** Consumes what the handler returns and logs, so the JIT cannot drop the work. */
    private static long sink;

    private AuthorizerBench() {
    }

    private interface Handlers extends Supplier<RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponse>> {
    }

    public static void main(String[] args) throws Exception {
        try (JwksServer jwks = new JwksServer()) {
            String jwksDocument = TestKeys.jwks(TestKeys.rsaJwk(TestKeys.POOL, TestKeys.POOL_KID));
            jwks.serve(jwksDocument);
            Map<String, String> env = Map.of(
                    "USER_POOL_ISSUER", COGNITO_ISSUER,
                    "JWKS_URL_OVERRIDE", jwks.issuer() + "/.well-known/jwks.json",
                    "ALLOWED_CLIENT_IDS", TestTokens.CLIENT_ID,
                    "TENANT_CLAIM", TENANT_CLAIM);
            AuthorizerConfig config = AuthorizerConfig.fromEnvironment(env);
            LogSink logSink = line -> sink += line.length();
            Handlers current = () -> new TokenAuthorizerHandler(config, logSink, Clock.systemUTC());
            Handlers baseline = BASELINE_JAR == null ? null
                    : BaselineAuthorizer.load(BASELINE_JAR, env, chars -> sink += chars)::get;
            TestTokens tokens = new TestTokens(COGNITO_ISSUER, Clock.systemUTC());

            // ColdStart configures the loopback issuer itself (no override), so its token carries that issuer.
            List<String> coldStart = coldStartsInFreshJvms(jwks.issuer(),
                    new TestTokens(jwks.issuer(), Clock.systemUTC()).idToken().claim("jti", "cold").build());

            System.out.printf("Minting %d distinct RS256 tokens...%n", DISTINCT_TOKENS);
            List<String> distinct = IntStream.range(0, DISTINCT_TOKENS).parallel()
                    .mapToObj(i -> tokens.idToken().claim("jti", "bench-" + i).build())
                    .toList();
            String repeated = distinct.get(0);
            List<APIGatewayCustomAuthorizerEvent> events = distinct.stream().map(AuthorizerBench::event).toList();

            // (c)'s inputs, decoded untimed: each distinct token's signing input and signature
            List<byte[]> signingInputs = new ArrayList<>();
            List<byte[]> signatures = new ArrayList<>();
            for (String token : distinct) {
                String[] segments = token.split("\\.");
                signingInputs.add((segments[0] + "." + segments[1]).getBytes(StandardCharsets.US_ASCII));
                signatures.add(Base64.getUrlDecoder().decode(segments[2]));
            }

            Map<String, String> negatives = negatives(tokens, repeated);
            refusedByHandler(current, negatives);
            if (baseline != null) {
                refusedByHandler(baseline, negatives);
            }
            NodeVerifier node = null;
            String nodeSkipped = null;
            if (NODE) {
                try {
                    node = new NodeVerifier(NodeVerifier.defaultDir(), distinct, negatives, jwksDocument,
                            JwksServer.POOL_ID, TestTokens.CLIENT_ID, COGNITO_ISSUER, TENANT_CLAIM);
                } catch (java.io.IOException e) {
                    nodeSkipped = "aws-jwt-verify (Node) not measured: " + e.getMessage();
                }
            } else {
                nodeSkipped = "aws-jwt-verify (Node) not measured: -Dbench.node=false";
            }

            List<Double> fresh = new ArrayList<>();
            List<Double> before = new ArrayList<>();
            List<Double> cached = new ArrayList<>();
            List<Double> raw = new ArrayList<>();
            List<Double> rawAccp = new ArrayList<>();
            List<Double> freshOverRawAccp = new ArrayList<>();
            Signature jdkSignature = Signature.getInstance("SHA256withRSA");
            Signature accpSignature = Signature.getInstance("SHA256withRSA", AmazonCorrettoCryptoProvider.INSTANCE);
            PublicKey accpKey = (PublicKey) KeyFactory.getInstance("RSA", AmazonCorrettoCryptoProvider.INSTANCE)
                    .translateKey(TestKeys.POOL.getPublic());
            List<Double> freshOverBefore = new ArrayList<>();
            List<Double> freshOverRaw = new ArrayList<>();
            List<Double> beforeOverRaw = new ArrayList<>();
            List<Double> cachedOverFresh = new ArrayList<>();
            List<Double> nodeSync = new ArrayList<>();
            List<Double> nodeAsync = new ArrayList<>();
            List<Double> nodeRaw = new ArrayList<>();
            List<Double> freshOverNodeSync = new ArrayList<>();
            List<Double> freshOverNodeAsync = new ArrayList<>();
            List<Double> beforeOverNodeSync = new ArrayList<>();
            try {
                for (int round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
                    // the two builds take turns going first, so neither always runs right after Node
                    double a;
                    double aBefore = Double.NaN;
                    if (baseline != null && round % 2 == 1) {
                        aBefore = freshTokensPerSecond(baseline, events);
                        a = freshTokensPerSecond(current, events);
                    } else {
                        a = freshTokensPerSecond(current, events);
                        aBefore = baseline == null ? Double.NaN : freshTokensPerSecond(baseline, events);
                    }
                    double b = repeatedTokenPerSecond(current, event(repeated));
                    double c = rawVerifiesPerSecond(jdkSignature, TestKeys.POOL.getPublic(), signingInputs, signatures);
                    double cAccp = rawVerifiesPerSecond(accpSignature, accpKey, signingInputs, signatures);
                    NodeVerifier.Round d = node == null ? null : node.round();
                    if (round < WARMUP_ROUNDS) {
                        continue;
                    }
                    fresh.add(a);
                    cached.add(b);
                    raw.add(c);
                    rawAccp.add(cAccp);
                    freshOverRaw.add(a / c);
                    freshOverRawAccp.add(a / cAccp);
                    cachedOverFresh.add(b / a);
                    if (baseline != null) {
                        before.add(aBefore);
                        freshOverBefore.add(a / aBefore);
                        beforeOverRaw.add(aBefore / c);
                    }
                    if (d != null) {
                        nodeSync.add(d.sync());
                        nodeAsync.add(d.async());
                        nodeRaw.add(d.raw());
                        freshOverNodeSync.add(a / d.sync());
                        freshOverNodeAsync.add(a / d.async());
                        if (baseline != null) {
                            beforeOverNodeSync.add(aBefore / d.sync());
                        }
                    }
                }
            } finally {
                if (node != null) {
                    node.close();
                }
            }

            double a = median(fresh);
            double b = median(cached);
            double c = median(raw);
            System.out.printf("Machine: %d cores visible, Java %s (%s), %s %s; %s; one thread; %d warm-up + %d rounds%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    System.getProperty("java.vm.name"), System.getProperty("os.name"), System.getProperty("os.arch"),
                    jit(), WARMUP_ROUNDS, ROUNDS);
            coldStart.forEach(System.out::println);
            System.out.printf("(a) fresh distinct tokens, full handler : %,10.0f /s  (rounds %s)%n", a, fmt(fresh));
            if (baseline != null) {
                System.out.printf("(a') the same, %-24s: %,10.0f /s  (rounds %s)%n", BASELINE_NAME, median(before),
                        fmt(before));
            }
            System.out.printf("(b) same token repeated (cache)         : %,10.0f /s  (rounds %s)%n", b, fmt(cached));
            System.out.printf("(c) raw JDK SHA256withRSA verify        : %,10.0f /s  (rounds %s)%n", c, fmt(raw));
            System.out.printf("(c') raw ACCP SHA256withRSA verify      : %,10.0f /s  (rounds %s)%n", median(rawAccp),
                    fmt(rawAccp));
            System.out.printf("(a)/(c) = %.2f   (b)/(a) = %.1f   (ratio of the medians)%n", a / c, b / a);
            System.out.printf("(a)/(c) = %.2f   (b)/(a) = %.1f   (a)/(c') = %.2f   (median of the per-round ratios)%n",
                    median(freshOverRaw), median(cachedOverFresh), median(freshOverRawAccp));
            if (baseline != null) {
                System.out.printf("(a)/(a') = %.2f (ratio of the medians), %.2f (median of the per-round ratios); "
                        + "(a')/(c) = %.2f (per-round median)%n", a / median(before), median(freshOverBefore),
                        median(beforeOverRaw));
            }
            if (node == null) {
                System.out.println(nodeSkipped);
            } else {
                Map<String, Object> about = node.about();
                double d = median(nodeSync);
                double e = median(nodeAsync);
                System.out.printf("aws-jwt-verify %s on Node %s (OpenSSL %s), CognitoJwtVerifier, one thread, the same "
                                + "%d tokens as (a), each accepted; the same %d negative tokens refused by both sides%n",
                        about.get("awsJwtVerify"), about.get("node"), about.get("openssl"), DISTINCT_TOKENS,
                        negatives.size());
                System.out.printf("(d) aws-jwt-verify verifySync           : %,10.0f /s  (rounds %s)%n", d, fmt(nodeSync));
                System.out.printf("(e) aws-jwt-verify await verify()       : %,10.0f /s  (rounds %s)%n", e, fmt(nodeAsync));
                System.out.printf("(f) raw Node crypto.verify RS256        : %,10.0f /s  (rounds %s)%n", median(nodeRaw),
                        fmt(nodeRaw));
                System.out.printf("(a)/(d) = %.2f   (a)/(e) = %.2f   (ratio of the medians)%n", a / d, a / e);
                System.out.printf("(a)/(d) = %.2f   (a)/(e) = %.2f   (median of the per-round ratios)%n",
                        median(freshOverNodeSync), median(freshOverNodeAsync));
                if (baseline != null) {
                    System.out.printf("(a')/(d) = %.2f (median of the per-round ratios)%n", median(beforeOverNodeSync));
                }
            }
            writeJson(a, b, c, node == null ? Double.NaN : median(nodeSync), coldStart);
            System.out.println("(ignore: " + sink + ")");
        }
    }

    /** The figures as JSON for ./dev bench's report ({@code -Dbench.json=FILE}); nothing without the property. */
    private static void writeJson(double fresh, double cached, double raw, double awsJwtVerify, List<String> coldStart)
            throws java.io.IOException {
        String file = System.getProperty("bench.json");
        if (file == null || file.isBlank()) {
            return;
        }
        Files.writeString(Path.of(file), reportJson(fresh, cached, raw, awsJwtVerify, coldStart) + "\n");
    }

    /**
     * The report, written by nimbus's JSON writer (whatever a cold-start line holds, a failed child's stack trace with
     * its tabs and newlines included); rates in whole tokens per second, aws-jwt-verify {@code null} when not measured.
     */
    static String reportJson(double fresh, double cached, double raw, double awsJwtVerify, List<String> coldStart) {
        Map<String, Object> report = new java.util.LinkedHashMap<>();
        report.put("freshTokensPerSecond", Math.round(fresh));
        report.put("repeatedTokenPerSecond", Math.round(cached));
        report.put("jdkRawVerifyPerSecond", Math.round(raw));
        report.put("awsJwtVerifySyncPerSecond", Double.isNaN(awsJwtVerify) ? null : Math.round(awsJwtVerify));
        report.put("freshOverJdkRaw", Math.round(fresh / raw * 1000) / 1000.0);
        report.put("coldStart", coldStart.stream().map(String::strip).toList());
        return JSONObjectUtils.toJSONString(report);
    }

    /**
     * Starts {@link ColdStart} in new JVMs under C1 only, in turn as a bare JVM (--noop), as this build's authorizer
     * and as the baseline's (init with JWKS preload, then one token), {@value #COLD_STARTS} times each, and reports
     * the medians of the wall-clock times measured from here, and the jar sizes.
     */
    private static List<String> coldStartsInFreshJvms(String issuer, String token) {
        List<String> lines = new ArrayList<>();
        try {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String benchClasses = Path.of(ColdStart.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
            String current = JAR == null ? classpath() : benchClasses + File.pathSeparator + JAR;
            String before = BASELINE_JAR == null ? null : benchClasses + File.pathSeparator + BASELINE_JAR;
            List<Double> bare = new ArrayList<>();
            ColdStarts after = new ColdStarts();
            ColdStarts baseline = new ColdStarts();
            for (int i = 0; i < COLD_STARTS; i++) {
                bare.add(runChild(java, benchClasses, "--noop", "").nanos / 1e6);
                after.add(runChild(java, current, issuer, token));
                if (before != null) {
                    baseline.add(runChild(java, before, issuer, token));
                }
            }
            lines.add(String.format("Cold start, fresh JVM under C1 only (-XX:TieredStopAtLevel=1, as Lambda), medians "
                    + "of %d: bare JVM start to main %.0f ms", COLD_STARTS, median(bare)));
            lines.add(after.describe(JAR == null ? "this build (class path)" : "this build", JAR));
            if (before != null) {
                lines.add(baseline.describe(BASELINE_NAME, BASELINE_JAR));
            }
        } catch (Exception e) {
            lines.add("Fresh JVM cold start not measured: " + e);
        }
        return lines;
    }

    /** The timings of one build's fresh JVMs. */
    private static final class ColdStarts {
        final List<Double> total = new ArrayList<>();
        final List<Double> init = new ArrayList<>();
        final List<Double> firstRequest = new ArrayList<>();
        final List<Double> provider = new ArrayList<>();

        void add(Child child) {
            total.add(child.nanos / 1e6);
            init.add(Double.parseDouble(child.output.replaceAll(".*init_ms=([0-9.]+).*", "$1")));
            firstRequest.add(Double.parseDouble(child.output.replaceAll(".*first_request_ms=([0-9.]+).*", "$1")));
            String providerMillis = child.output.replaceAll("(?s).*provider_ms=([0-9]*).*", "$1");
            if (!providerMillis.isEmpty()) {
                provider.add(Double.parseDouble(providerMillis));
            }
        }

        String describe(String name, Path jar) throws java.io.IOException {
            return String.format("  %-26s start to first answered token %.0f ms (handler construction: config, "
                    + "%sJWKS preload, priming %.0f ms; first request %.1f ms)%s", name + ":", median(total),
                    provider.isEmpty() ? "" : String.format("signature provider %.0f ms, ", median(provider)),
                    median(init), median(firstRequest),
                    jar == null ? "" : String.format("; jar %,d bytes", Files.size(jar)));
        }
    }

    private record Child(long nanos, String output) {
    }

    private static Child runChild(String java, String classpath, String arg0, String arg1) throws Exception {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(java, "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                ColdStart.class.getName(), arg0, arg1)
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

    /**
     * (a): a new handler per round (not timed), so every token of the round is a cache miss. Before the timing, a
     * throwaway handler verifies the first {@value #PRE_PASS} tokens: the Node round that ran just before left the
     * caches cold (bench.mjs does the same pre-pass before (d)). A refused token throws;
     * every answer must also be an Allow (a Deny has an empty context), so a fast refusal cannot pass for speed.
     */
    private static double freshTokensPerSecond(Handlers handlers, List<APIGatewayCustomAuthorizerEvent> events) {
        RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponse> handler = handlers.get();
        RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponse> prePass = handlers.get();
        for (APIGatewayCustomAuthorizerEvent event : events.subList(0, Math.min(PRE_PASS, events.size()))) {
            consume(prePass.handleRequest(event, null));
        }
        int allowed = 0;
        long start = System.nanoTime();
        for (APIGatewayCustomAuthorizerEvent event : events) {
            IamPolicyResponse response = handler.handleRequest(event, null);
            allowed += response.getContext().isEmpty() ? 0 : 1;
            consume(response);
        }
        double perSecond = events.size() / ((System.nanoTime() - start) / 1e9);
        if (allowed != events.size()) {
            throw new IllegalStateException("the handler allowed " + allowed + " of " + events.size() + " tokens");
        }
        return perSecond;
    }

    /**
     * Tokens both sides must refuse, one per claim check the comparison relies on (and a bad signature). Both are
     * shown these before any timing, so neither figure can come from a verifier that skips a check.
     */
    private static Map<String, String> negatives(TestTokens tokens, String valid) {
        long now = Clock.systemUTC().instant().getEpochSecond();
        String[] parts = valid.split("\\.");
        String otherPayload = TestTokens.segments(tokens.idToken().claim("custom:tenantId", "t-other").build())[1];
        Map<String, String> negatives = new java.util.LinkedHashMap<>();
        negatives.put("expired", tokens.idToken().claim("exp", now - 3600).claim("iat", now - 7200).build());
        negatives.put("other_pool_issuer", tokens.idToken()
                .claim("iss", "https://cognito-idp.us-east-1.amazonaws.com/" + JwksServer.OTHER_POOL_ID).build());
        negatives.put("other_client_audience", tokens.idToken().claim("aud", TestTokens.OTHER_CLIENT_ID).build());
        negatives.put("access_token", tokens.accessToken().build());
        negatives.put("no_tenant", tokens.idToken().without(TENANT_CLAIM).build());
        negatives.put("attacker_key", tokens.idToken().signedWith(TestKeys.ATTACKER.getPrivate()).build());
        negatives.put("tampered_payload", parts[0] + "." + otherPayload + "." + parts[2]);
        return negatives;
    }

    private static void refusedByHandler(Handlers handlers, Map<String, String> negatives) {
        RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponse> handler = handlers.get();
        for (Map.Entry<String, String> negative : negatives.entrySet()) {
            try {
                handler.handleRequest(event(negative.getValue()), null);
                throw new IllegalStateException("the handler accepted the negative token " + negative.getKey());
            } catch (RuntimeException e) {
                if (!"Unauthorized".equals(e.getMessage())) {
                    throw e;
                }
            }
        }
    }

    private static double repeatedTokenPerSecond(Handlers handlers, APIGatewayCustomAuthorizerEvent event) {
        RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponse> handler = handlers.get();
        consume(handler.handleRequest(event, null));
        long start = System.nanoTime();
        for (int i = 0; i < REPEATS_PER_ROUND; i++) {
            consume(handler.handleRequest(event, null));
        }
        return REPEATS_PER_ROUND / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * (c) and (c'): the floor: one reused Signature object, initVerify + update + verify of each of (a)'s tokens, in
     * the same order. The same tokens rather than one token again and again, as (a) never sees a token twice either:
     * repeating one input measured the floor 2 to 3% faster (warm caches and trained branches the handler never gets).
     */
    private static double rawVerifiesPerSecond(Signature verifier, PublicKey key, List<byte[]> signingInputs,
                                               List<byte[]> signatures) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < signingInputs.size(); i++) {
            verifier.initVerify(key);
            verifier.update(signingInputs.get(i));
            if (verifier.verify(signatures.get(i))) {
                sink++;
            }
        }
        return signingInputs.size() / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * Which JIT compiled (a) to (c). Lambda's java17 and java21 runtimes stop at tier 1 (C1) by default, where the
     * JDK's RSA and SHA-256 run without their C2 intrinsics; {@code MAVEN_OPTS=-XX:TieredStopAtLevel=1} measures that.
     */
    private static String jit() {
        try {
            HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            String level = hotSpot.getVMOption("TieredStopAtLevel").getValue();
            boolean tiered = Boolean.parseBoolean(hotSpot.getVMOption("TieredCompilation").getValue());
            return "JIT: " + (tiered && Integer.parseInt(level) < 4 ? "C1 only (TieredStopAtLevel=" + level + ")"
                    : "C1 and C2 (TieredStopAtLevel=" + level + ")");
        } catch (RuntimeException e) {
            return "JIT: unknown";
        }
    }

    private static Path optionalPath(String property) {
        String value = System.getProperty(property);
        return value == null || value.isBlank() ? null : Path.of(value);
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
