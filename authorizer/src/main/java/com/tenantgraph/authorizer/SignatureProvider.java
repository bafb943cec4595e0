package com.tenantgraph.authorizer;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Locale;

/**
 * The JCA provider that verifies the pool's RS256 signatures, chosen once at init and used by this authorizer alone:
 * the Amazon Corretto Crypto Provider (ACCP, AWS-LC's RSA in native code, about 1.5 times the JDK's verify rate
 * through the whole handler) when its native library loads, else the JDK's own. It is handed to nimbus's
 * {@link RSASSAVerifier} through its JCA context and makes the pool's keys; it is never installed as a JVM-wide
 * provider, so nothing else in the process (TLS to the JWKS endpoint, {@code SecureRandom}) changes.
 *
 * <p>Never fails closed for a native library: if ACCP is not wanted ({@code SIGNATURE_PROVIDER=jdk}) or does not
 * load (another architecture's library, no writable temporary directory, a missing symbol), the JDK's provider
 * verifies, and the one JSON line written at init ({@code "event":"signature_provider"}) says which and why.
 * Both verify the same signatures: the authorizer's whole test suite runs once with each.
 *
 * <p>SnapStart: verifying a signature uses the public key alone and no randomness, so a restored snapshot holds no
 * random state this provider would reuse.
 */
final class SignatureProvider {

    /** {@code SIGNATURE_PROVIDER}: the provider asked for; {@link #ACCP} falls back to {@link #JDK}. */
    enum Requested {
        ACCP, JDK;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Requested fromCode(String code) {
            for (Requested requested : values()) {
                if (requested.code().equals(code)) {
                    return requested;
                }
            }
            throw new IllegalArgumentException("SIGNATURE_PROVIDER must be 'accp' or 'jdk', got '" + code + "'");
        }
    }

    private final Provider provider;
    private final KeyFactory rsaKeys;

    private SignatureProvider(Provider provider) throws GeneralSecurityException {
        Signature.getInstance("SHA256withRSA", provider); // fails here, at init, if the provider cannot verify RS256
        this.provider = provider;
        this.rsaKeys = KeyFactory.getInstance("RSA", provider);
    }

    /** Chooses the provider for {@code requested} and logs the choice; ACCP is loaded from this jar's native library. */
    static SignatureProvider choose(Requested requested, DecisionLog log) {
        return choose(requested, Accp::load, log);
    }

    /**
     * @param accp loads ACCP, or throws what kept it from loading (a test seam: the library of another architecture
     *             fails the same way)
     */
    static SignatureProvider choose(Requested requested, Loader accp, DecisionLog log) {
        long started = System.nanoTime();
        if (requested == Requested.ACCP) {
            try {
                SignatureProvider chosen = new SignatureProvider(accp.load());
                log.signatureProvider(requested.code(), chosen.provider, null, elapsedMillis(started));
                return chosen;
            } catch (Exception | LinkageError unavailable) {
                SignatureProvider jdk = jdk();
                log.signatureProvider(requested.code(), jdk.provider, unavailable, elapsedMillis(started));
                return jdk;
            }
        }
        SignatureProvider jdk = jdk();
        log.signatureProvider(requested.code(), jdk.provider, null, elapsedMillis(started));
        return jdk;
    }

    /**
     * The one place that names ACCP's classes, in a class of its own: only calling {@link #load} resolves them, so
     * missing classes surface there, as a {@link LinkageError} {@link #choose} catches, and not when this class loads.
     */
    private static final class Accp {
        static Provider load() throws GeneralSecurityException {
            AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            Throwable loadingError = accp.getLoadingError(); // what kept ACCP's native library from loading, if anything
            if (loadingError != null) {
                throw new GeneralSecurityException("ACCP's native library did not load", loadingError);
            }
            return accp;
        }
    }

    /** The provider the JDK itself picks for SHA256withRSA (SunRsaSign). */
    private static SignatureProvider jdk() {
        try {
            return new SignatureProvider(Signature.getInstance("SHA256withRSA").getProvider());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA256withRSA and RSA keys are required of every Java platform", e);
        }
    }

    /** The provider's name as the JCA knows it ({@code AmazonCorrettoCryptoProvider} or {@code SunRsaSign}). */
    String name() {
        return provider.getName();
    }

    /**
     * The key as this provider's own key object, made once per fetched key set: ACCP converts a foreign key into its
     * native form on every {@code initVerify} otherwise (measured: 39,000 against 52,000 raw verifies per second).
     */
    RSAPublicKey ownKey(RSAPublicKey key) throws GeneralSecurityException {
        return (RSAPublicKey) rsaKeys.translateKey(key);
    }

    /** nimbus's RS256 verifier for {@code key}, verifying with this provider. */
    RSASSAVerifier verifier(RSAPublicKey key) {
        RSASSAVerifier verifier = new RSASSAVerifier(key);
        verifier.getJCAContext().setProvider(provider);
        return verifier;
    }

    private static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** Loads ACCP; throws (or fails to link) when it cannot. */
    @FunctionalInterface
    interface Loader {
        Provider load() throws Exception;
    }
}
