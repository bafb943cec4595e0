package com.tenantgraph.authorizer;

import static com.tenantgraph.authorizer.TestTokens.segments;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Which provider verifies: ACCP on this machine, the JDK's when ACCP is not wanted or does not load, decided once at
 * init and logged in one line. That both decide every token alike is the whole suite's job: the pom runs it once with
 * each ({@link AuthorizerFixture#PROVIDER_PROPERTY}).
 */
class SignatureProviderTest {

    private static final String ACCP = "AmazonCorrettoCryptoProvider";
    private static final String JDK = "SunRsaSign";
    private static final String NATIVE_LIBRARY = "com/amazon/corretto/crypto/provider/libamazonCorrettoCryptoProvider.so";

    private final CapturedLog log = new CapturedLog();

    /**
     * Whether the jar's native library is for this machine: Linux on x86_64, as the build and CI (and the deployed
     * function) run. Elsewhere (a developer's arm64 or macOS machine) the same tests expect the fallback instead.
     */
    private static boolean accpLoadsHere() {
        String arch = System.getProperty("os.arch");
        return System.getProperty("os.name").equals("Linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    @Test
    void start_verifiesWithTheProviderOfThisTestRun_andLogsItOnce() {
        // GIVEN the suite's run: the default (ACCP) or the pom's second run with SIGNATURE_PROVIDER=jdk
        boolean jdkRun = "jdk".equals(System.getProperty(AuthorizerFixture.PROVIDER_PROPERTY));
        String accpLine = accpLoadsHere()
                ? "{\"event\":\"signature_provider\",\"outcome\":\"ok\",\"requested\":\"accp\",\"provider\":\"" + ACCP
                        + "\",\"version\":\"2.5.0\",\"ms\":"
                : "{\"event\":\"signature_provider\",\"outcome\":\"fallback\",\"requested\":\"accp\",\"provider\":\""
                        + JDK + "\"";

        try (AuthorizerFixture fx = new AuthorizerFixture().start()) {
            // WHEN a valid token is authorized
            assertThat(fx.authorize(fx.tokens.idToken().build()).getPrincipalId()).isEqualTo(TestTokens.SUB);

            // THEN init logged exactly one provider line, naming the provider this run asked for: ACCP loads here
            List<String> providerLines = fx.log.lines().stream()
                    .filter(line -> line.startsWith("{\"event\":\"signature_provider\"")).toList();
            assertThat(providerLines).singleElement().asString().startsWith(jdkRun
                    ? "{\"event\":\"signature_provider\",\"outcome\":\"ok\",\"requested\":\"jdk\",\"provider\":\"" + JDK + "\""
                    : accpLine);
        }
    }

    @Test
    void choose_usesAccp_whenItsNativeLibraryLoadsOnThisMachine() {
        // GIVEN the jar's own ACCP / WHEN chosen
        SignatureProvider chosen = SignatureProvider.choose(SignatureProvider.Requested.ACCP, new DecisionLog(log));

        // THEN on Linux x86_64 (the library's platform) ACCP verifies, and the line says so without an error;
        // anywhere else the JDK's provider does, and the line names the loading error
        if (accpLoadsHere()) {
            assertThat(chosen.name()).isEqualTo(ACCP);
            assertThat(log.lines()).singleElement().asString()
                    .startsWith("{\"event\":\"signature_provider\",\"outcome\":\"ok\",\"requested\":\"accp\","
                            + "\"provider\":\"" + ACCP + "\"")
                    .doesNotContain("error");
        } else {
            assertThat(chosen.name()).isEqualTo(JDK);
            assertThat(log.lines()).singleElement().asString().contains("\"outcome\":\"fallback\"")
                    .contains("\"error\":");
        }
    }

    @Test
    void choose_fallsBackToJdk_whenAccpsNativeLibraryDoesNotLoad() {
        // GIVEN ACCP failing as it does with another architecture's library (it records the error; we rethrow it)
        SignatureProvider.Loader otherArchitecture = () -> {
            throw new GeneralSecurityException("ACCP's native library did not load", new UnsatisfiedLinkError(
                    "libamazonCorrettoCryptoProvider.so: cannot open shared object file"));
        };

        // WHEN chosen / THEN the JDK verifies, and the one line says it fell back and why (the innermost cause)
        SignatureProvider chosen = SignatureProvider.choose(
                SignatureProvider.Requested.ACCP, otherArchitecture, new DecisionLog(log));
        assertThat(chosen.name()).isEqualTo(JDK);
        assertThat(log.lines()).singleElement().asString()
                .startsWith("{\"event\":\"signature_provider\",\"outcome\":\"fallback\",\"requested\":\"accp\","
                        + "\"provider\":\"" + JDK + "\"")
                .contains("\"error\":\"UnsatisfiedLinkError: libamazonCorrettoCryptoProvider.so: cannot open shared "
                        + "object file\"");
    }

    @Test
    void aFreshJvm_withAnotherArchitecturesLibrary_verifiesWithTheJdk_andDecidesAsAccpDoes() throws Exception {
        // GIVEN a fresh JVM whose ACCP is the jar of another architecture (the pom copies the aarch64 one to target)
        Path otherArchitecture = Path.of("target", "accp-other-architecture", "accp-linux-aarch_64.jar");
        assertThat(otherArchitecture).exists();
        String classPath = Arrays.stream(System.getProperty("surefire.test.class.path",
                        System.getProperty("java.class.path")).split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("AmazonCorrettoCryptoProvider"))
                .collect(Collectors.joining(File.pathSeparator)) + File.pathSeparator + otherArchitecture;
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, AccpFallbackProbe.class.getName()).redirectErrorStream(true).start();

        // WHEN the authorizer starts there and decides a few tokens
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(probe.exitValue()).as(output).isZero();

        // THEN it started (no failed init), the JDK's provider verifies, and the line names ACCP's loading error
        boolean libraryLoadsHere = System.getProperty("os.name").equals("Linux")
                && System.getProperty("os.arch").equals("aarch64");
        if (libraryLoadsHere) {
            assertThat(output).startsWith("{\"event\":\"signature_provider\",\"outcome\":\"ok\"");
        } else {
            assertThat(output).startsWith("{\"event\":\"signature_provider\",\"outcome\":\"fallback\","
                    + "\"requested\":\"accp\",\"provider\":\"" + JDK + "\"").contains("\"error\":\"UnsatisfiedLinkError: ");
        }
        // AND its decisions, on the lines after the provider's, are the ones the suite expects of ACCP
        List<String> lines = output.lines().toList();
        assertThat(lines.subList(1, lines.size())).containsExactly(
                "good=ok", "forged=bad_signature", "tampered=bad_signature", "expired=expired",
                "wrong_issuer=bad_issuer", "alg_none=alg_not_allowed", "good_again=ok");
    }

    @Test
    void choose_fallsBackToJdk_whenAccpsClassesAreMissing() {
        SignatureProvider chosen = SignatureProvider.choose(SignatureProvider.Requested.ACCP, () -> {
            throw new NoClassDefFoundError("com/amazon/corretto/crypto/provider/AmazonCorrettoCryptoProvider");
        }, new DecisionLog(log));

        assertThat(chosen.name()).isEqualTo(JDK);
        assertThat(log.lines()).singleElement().asString().contains("\"outcome\":\"fallback\"")
                .contains("\"error\":\"NoClassDefFoundError: ");
    }

    @Test
    void choose_fallsBackToJdk_whenTheProviderCannotVerifyRs256() {
        // GIVEN a provider that loads but offers no SHA256withRSA
        Provider empty = new Provider("Empty", "1", "no services") {
            private static final long serialVersionUID = 1L;
        };

        SignatureProvider chosen = SignatureProvider.choose(
                SignatureProvider.Requested.ACCP, () -> empty, new DecisionLog(log));

        assertThat(chosen.name()).isEqualTo(JDK);
        assertThat(log.lines()).singleElement().asString().contains("\"outcome\":\"fallback\"")
                .contains("\"error\":\"NoSuchAlgorithmException: ");
    }

    @Test
    void choose_usesJdk_withoutLoadingAccp_whenConfigured() {
        SignatureProvider chosen = SignatureProvider.choose(SignatureProvider.Requested.JDK, () -> {
            throw new AssertionError("ACCP must not be loaded when SIGNATURE_PROVIDER=jdk");
        }, new DecisionLog(log));

        assertThat(chosen.name()).isEqualTo(JDK);
        assertThat(log.lines()).singleElement().asString()
                .startsWith("{\"event\":\"signature_provider\",\"outcome\":\"ok\",\"requested\":\"jdk\",\"provider\":\""
                        + JDK + "\"");
    }

    @Test
    void bothProviders_giveTheSameAnswer_forGoodForgedAndTamperedSignatures_withTheirOwnKeys() throws Exception {
        // GIVEN a good token, one signed by the attacker's key with the pool's kid, and one with another payload
        TestTokens tokens = new TestTokens("https://issuer.example", Clock.systemUTC());
        String good = tokens.idToken().build();
        String forged = tokens.idToken().signedWith(TestKeys.ATTACKER.getPrivate()).build();
        String[] parts = segments(good);
        String tampered = parts[0] + "." + segments(tokens.idToken().claim("custom:tenantId", "t-x").build())[1]
                + "." + parts[2];
        SignatureProvider accp = SignatureProvider.choose(SignatureProvider.Requested.ACCP, new DecisionLog(log));
        SignatureProvider jdk = SignatureProvider.choose(SignatureProvider.Requested.JDK, new DecisionLog(log));
        RSAPublicKey poolKey = (RSAPublicKey) TestKeys.POOL.getPublic();

        // WHEN each verifies with its own key object / THEN good verifies, the others do not, with both
        for (SignatureProvider provider : List.of(accp, jdk)) {
            RSAPublicKey own = provider.ownKey(poolKey);
            assertThat(own.getModulus()).isEqualTo(poolKey.getModulus());
            assertThat(verifies(provider, own, good)).as(provider.name()).isTrue();
            assertThat(verifies(provider, own, forged)).as(provider.name()).isFalse();
            assertThat(verifies(provider, own, tampered)).as(provider.name()).isFalse();
        }
        // AND ACCP's key is its own native key, converted once (not on every verify)
        if (accpLoadsHere()) {
            assertThat(accp.ownKey(poolKey).getClass().getName()).startsWith("com.amazon.corretto.crypto.provider.");
        }
    }

    @Test
    void nativeLibraryInTheJar_isForTheArchitectureTheTemplateDeploysTheAuthorizerOn() throws IOException {
        // GIVEN the ELF machine of the native library ACCP's jar brings (e_machine, little-endian, at offset 18)
        int machine;
        try (InputStream library = getClass().getClassLoader().getResourceAsStream(NATIVE_LIBRARY)) {
            assertThat(library).as(NATIVE_LIBRARY).isNotNull();
            byte[] header = library.readNBytes(20);
            machine = (header[18] & 0xff) | (header[19] & 0xff) << 8;
        }
        String architecture = switch (machine) {
            case 62 -> "x86_64";
            case 183 -> "arm64";
            default -> "ELF machine " + machine;
        };

        // WHEN the template's AuthorizerFunction is read / THEN it runs on that architecture, so the jar tested here
        // is the jar deployed, native library included
        assertThat(authorizerFunctionBlock()).contains("      Architectures: [" + architecture + "]");
    }

    /** The AuthorizerFunction resource of template.yaml, up to the next resource. */
    private static String authorizerFunctionBlock() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "template.yaml"), StandardCharsets.UTF_8);
        int start = lines.indexOf("  AuthorizerFunction:");
        assertThat(start).as("AuthorizerFunction in template.yaml").isNotNegative();
        StringBuilder block = new StringBuilder();
        for (int i = start + 1; i < lines.size() && !lines.get(i).matches("  \\S.*"); i++) {
            block.append(lines.get(i)).append('\n');
        }
        return block.toString();
    }

    private static boolean verifies(SignatureProvider provider, RSAPublicKey key, String token) throws Exception {
        String[] parts = segments(token);
        JWSHeader header = JWSHeader.parse(new Base64URL(parts[0]));
        byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        return provider.verifier(key).verify(header, signingInput, new Base64URL(parts[2]));
    }
}
