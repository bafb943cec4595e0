package com.tenantgraph.authorizer;

import static com.tenantgraph.authorizer.AuthorizerFixture.statement;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where keys come from: the pool's JWKS over loopback HTTP, what keys are usable, the rate-limited refresh on an
 * unknown kid, outages, fail-closed without keys, no redirects, the size cap.
 */
class JwksTest {

    private static final String UNKNOWN_KID = "not-published";

    private final AuthorizerFixture fx = new AuthorizerFixture();

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void init_preloadsJwks_beforeFirstRequest() {
        // GIVEN a pool publishing its key / WHEN the authorizer starts
        fx.start();

        // THEN it fetched the JWKS once, at the URL derived from the issuer, and logged only that, after the line
        // naming the signature provider (priming the verification path at init neither fetches nor logs)
        assertThat(fx.jwks.jwksRequests()).isEqualTo(1);
        assertThat(fx.log.lines()).hasSize(2);
        assertThat(fx.log.lines().get(0)).startsWith("{\"event\":\"signature_provider\",");
        assertThat(fx.log.lines().get(1)).startsWith("{\"event\":\"jwks_refresh\",\"outcome\":\"ok\",\"keys\":1");

        // AND the first token needs no further fetch
        fx.authorize(fx.tokens.idToken().build());
        assertThat(fx.jwks.jwksRequests()).isEqualTo(1);
    }

    @Test
    void verify_rejectsToken_whenJwksKeyNotRsa() {
        // GIVEN the JWKS publishes only an EC key under the kid the token names
        fx.jwks.serve(TestKeys.jwks(TestKeys.ecJwk(TestKeys.EC_P256, "ec-key")));
        fx.start();
        String token = fx.tokens.idToken().header("kid", "ec-key").build();

        // WHEN authorized / THEN 401: the EC key was never usable, so there is no key at all
        fx.assertUnauthorized(token, RejectReason.NO_KEYS);
    }

    @Test
    void verify_rejectsToken_whenSignedWithRsa1024KeyFromJwks() {
        // GIVEN the JWKS publishes an RSA-1024 key next to the good one, and a token signed with the short key
        fx.jwks.serve(TestKeys.jwks(TestKeys.rsaJwk(TestKeys.POOL, TestKeys.POOL_KID),
                TestKeys.rsaJwk(TestKeys.RSA_1024, "short-key")));
        fx.start();
        String token = fx.tokens.idToken().header("kid", "short-key").signedWith(TestKeys.RSA_1024.getPrivate())
                .build();

        // WHEN authorized / THEN 401: keys under 2048 bits are ignored
        fx.assertUnauthorized(token, RejectReason.UNKNOWN_KID);
    }

    @Test
    void verify_rejectsToken_whenKidUnknown_afterOneRefresh() {
        // GIVEN a started authorizer (one fetch at init)
        fx.start();
        assertThat(fx.jwks.jwksRequests()).isEqualTo(1);

        // WHEN a token names a kid the pool does not publish
        fx.assertUnauthorized(fx.tokens.idToken().header("kid", UNKNOWN_KID).build(), RejectReason.UNKNOWN_KID);

        // THEN the JWKS was fetched once more to look for it, and the unknown kid is not logged
        assertThat(fx.jwks.jwksRequests()).isEqualTo(2);
        assertThat(fx.log.lastDecision()).doesNotContain(UNKNOWN_KID);
    }

    @Test
    void verify_makesNoExtraFetch_whenSecondUnknownKidWithinInterval() {
        // GIVEN an unknown kid already caused a refresh
        fx.start();
        fx.assertUnauthorized(fx.tokens.idToken().header("kid", UNKNOWN_KID).build(), RejectReason.UNKNOWN_KID);
        assertThat(fx.jwks.jwksRequests()).isEqualTo(2);

        // WHEN another unknown kid comes within JWKS_REFRESH_MIN_INTERVAL_SECONDS
        fx.clock.advance(Duration.ofSeconds(59));
        fx.assertUnauthorized(fx.tokens.idToken().header("kid", "another-unknown").build(), RejectReason.UNKNOWN_KID);

        // THEN no further fetch was made
        assertThat(fx.jwks.jwksRequests()).isEqualTo(2);
    }

    @Test
    void verify_refreshesAgain_afterInterval() {
        // GIVEN an unknown kid caused a refresh
        fx.start();
        fx.assertUnauthorized(fx.tokens.idToken().header("kid", UNKNOWN_KID).build(), RejectReason.UNKNOWN_KID);

        // WHEN the interval has passed and an unknown kid comes again
        fx.clock.advance(Duration.ofSeconds(60));
        fx.assertUnauthorized(fx.tokens.idToken().header("kid", UNKNOWN_KID).build(), RejectReason.UNKNOWN_KID);

        // THEN the JWKS is asked once more
        assertThat(fx.jwks.jwksRequests()).isEqualTo(3);
    }

    @Test
    void verify_makesOneFetch_whenManyConcurrentRequestsNameUnknownKids() throws Exception {
        // GIVEN a started authorizer
        fx.start();
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String token = fx.tokens.idToken().header("kid", "unknown-" + i).build();
            calls.add(() -> {
                go.await();
                try {
                    fx.authorize(token);
                    return false;
                } catch (RuntimeException unauthorized) {
                    return "Unauthorized".equals(unauthorized.getMessage());
                }
            });
        }

        // WHEN sixteen requests with unknown kids arrive at once
        List<Future<Boolean>> results = new ArrayList<>();
        for (Callable<Boolean> call : calls) {
            results.add(pool.submit(call));
        }
        go.countDown();
        for (Future<Boolean> result : results) {
            // THEN each is refused
            assertThat(result.get(30, TimeUnit.SECONDS)).isTrue();
        }
        pool.shutdown();

        // AND the JWKS was fetched exactly once more
        assertThat(fx.jwks.jwksRequests()).isEqualTo(2);
    }

    @Test
    void verify_acceptsRotatedKey_afterRefresh() {
        // GIVEN the pool starts publishing a second key after the authorizer started
        fx.start();
        fx.jwks.serve(TestKeys.jwks(TestKeys.rsaJwk(TestKeys.POOL, TestKeys.POOL_KID),
                TestKeys.rsaJwk(TestKeys.ROTATED, TestKeys.ROTATED_KID)));
        String token = fx.tokens.idToken().header("kid", TestKeys.ROTATED_KID)
                .signedWith(TestKeys.ROTATED.getPrivate()).build();

        // WHEN a token signed with the new key arrives
        var response = fx.authorize(token);

        // THEN the unknown kid triggered a refresh and the token is allowed
        assertThat(statement(response)).containsEntry("Effect", "Allow");
        assertThat(fx.jwks.jwksRequests()).isEqualTo(2);
    }

    @Test
    void verify_dropsCachedTokens_whenTheirKeyIsWithdrawn() {
        // GIVEN a token verified and cached with the pool key
        fx.start();
        String token = fx.tokens.idToken().build();
        fx.authorize(token);

        // WHEN the pool withdraws that key (rotation) and a refresh sees it
        fx.jwks.serve(TestKeys.jwks(TestKeys.rsaJwk(TestKeys.ROTATED, TestKeys.ROTATED_KID)));
        fx.assertUnauthorized(fx.tokens.idToken().header("kid", "trigger-refresh").build(), RejectReason.UNKNOWN_KID);

        // THEN the cached token is not served any more: its kid is unknown now
        fx.assertUnauthorized(token, RejectReason.UNKNOWN_KID);
    }

    @Test
    void verify_keepsCachedKeys_whenJwksOutage() {
        // GIVEN keys loaded at init, then the JWKS endpoint fails
        fx.start();
        fx.jwks.respondWith(JwksServer.status(503));

        // WHEN a refresh is attempted (an unknown kid) and fails
        fx.assertUnauthorized(fx.tokens.idToken().header("kid", UNKNOWN_KID).build(), RejectReason.UNKNOWN_KID);
        assertThat(fx.jwks.jwksRequests()).isEqualTo(2);
        assertThat(fx.log.all()).contains("\"event\":\"jwks_refresh\",\"outcome\":\"failed\"");

        // THEN tokens signed with the known key are still allowed
        assertThat(statement(fx.authorize(fx.tokens.idToken().build()))).containsEntry("Effect", "Allow");
    }

    @Test
    void verify_keepsCachedKeys_whenJwksAnswersGarbage() {
        fx.start();
        fx.jwks.serve("<html>maintenance</html>");
        fx.assertUnauthorized(fx.tokens.idToken().header("kid", UNKNOWN_KID).build(), RejectReason.UNKNOWN_KID);

        assertThat(statement(fx.authorize(fx.tokens.idToken().build()))).containsEntry("Effect", "Allow");
    }

    @Test
    void verify_failsClosed_whenNoKeysAtAll() {
        // GIVEN the JWKS endpoint is down from the start
        fx.jwks.respondWith(JwksServer.status(503));
        fx.start();
        assertThat(fx.jwks.jwksRequests()).isEqualTo(1);

        // WHEN valid-looking tokens arrive
        fx.assertUnauthorized(fx.tokens.idToken().build(), RejectReason.NO_KEYS);
        fx.assertUnauthorized(fx.tokens.idToken().claim("jti", "second").build(), RejectReason.NO_KEYS);
        fx.assertUnauthorized(fx.tokens.idToken().claim("jti", "third").build(), RejectReason.NO_KEYS);

        // THEN they are refused, and only the first one asked the endpoint again (one refresh per interval)
        assertThat(fx.jwks.jwksRequests()).isEqualTo(2);
    }

    @Test
    void verify_recovers_whenJwksComesBackAfterInterval() {
        // GIVEN no keys at init because the endpoint was down
        fx.jwks.respondWith(JwksServer.status(503));
        fx.start();

        fx.assertUnauthorized(fx.tokens.idToken().build(), RejectReason.NO_KEYS);
        assertThat(fx.jwks.jwksRequests()).isEqualTo(2);

        // WHEN it comes back and the interval has passed
        fx.jwks.serve(TestKeys.jwks(TestKeys.rsaJwk(TestKeys.POOL, TestKeys.POOL_KID)));
        fx.clock.advance(Duration.ofSeconds(60));

        // THEN the next token triggers one fetch and is allowed
        assertThat(statement(fx.authorize(fx.tokens.idToken().build()))).containsEntry("Effect", "Allow");
        assertThat(fx.jwks.jwksRequests()).isEqualTo(3);
    }

    @Test
    void verify_failsClosed_whenJwksHasNoKeys() {
        fx.jwks.serve("{\"keys\":[]}");
        fx.start();
        fx.assertUnauthorized(fx.tokens.idToken().build(), RejectReason.NO_KEYS);
    }

    @Test
    void verify_failsClosed_whenJwksEndpointUnreachable() {
        // GIVEN the JWKS override points at a loopback port nobody listens on
        fx.jwks.close();
        fx.with("JWKS_URL_OVERRIDE", fx.jwks.baseUrl() + "/gone/jwks.json").start();

        // WHEN a token arrives / THEN 401, and the failed preload was logged
        fx.assertUnauthorized(fx.tokens.idToken().build(), RejectReason.NO_KEYS);
        assertThat(fx.log.all()).contains("\"event\":\"jwks_refresh\",\"outcome\":\"failed\"");
    }

    @Test
    void verify_failsClosed_whenJwksEndpointHangs() {
        // GIVEN an endpoint that accepts the request and answers nothing for longer than the read timeout
        CountDownLatch release = new CountDownLatch(1);
        fx.jwks.respondWith(exchange -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        fx.with("JWKS_READ_TIMEOUT_MS", "200").start();
        release.countDown();

        // WHEN a token arrives / THEN init gave up on the JWKS and the token is refused
        fx.assertUnauthorized(fx.tokens.idToken().build(), RejectReason.NO_KEYS);
        assertThat(fx.log.all()).contains("SocketTimeoutException");
    }

    @Test
    void verify_doesNotFollowRedirects() {
        // GIVEN the JWKS URL answers with a redirect to a location that serves a valid JWKS
        fx.jwks.serveElsewhere(TestKeys.jwks(TestKeys.rsaJwk(TestKeys.POOL, TestKeys.POOL_KID)));
        fx.jwks.respondWith(JwksServer.redirect(fx.jwks.elsewhereUrl()));
        fx.start();

        // WHEN a token signed with that key arrives / THEN 401 and the redirect target was never asked
        fx.assertUnauthorized(fx.tokens.idToken().build(), RejectReason.NO_KEYS);
        assertThat(fx.jwks.elsewhereRequests()).isZero();
        assertThat(fx.log.all()).contains("HTTP 302");
    }

    @Test
    void verify_refusesOversizedJwks_whenLengthAnnounced() {
        // GIVEN a JWKS response larger than JWKS_MAX_BYTES, with Content-Length
        String jwks = TestKeys.jwks(TestKeys.rsaJwk(TestKeys.POOL, TestKeys.POOL_KID));
        fx.jwks.respondWith(JwksServer.padded(jwks, 4096, true));
        fx.with("JWKS_MAX_BYTES", "2048").start();

        // WHEN a token arrives / THEN the JWKS was refused, so there are no keys
        fx.assertUnauthorized(fx.tokens.idToken().build(), RejectReason.NO_KEYS);
    }

    @Test
    void verify_refusesOversizedJwks_whenChunked() {
        // GIVEN the same oversized JWKS sent chunked, without a length to check up front
        String jwks = TestKeys.jwks(TestKeys.rsaJwk(TestKeys.POOL, TestKeys.POOL_KID));
        fx.jwks.respondWith(JwksServer.padded(jwks, 4096, false));
        fx.with("JWKS_MAX_BYTES", "2048").start();

        fx.assertUnauthorized(fx.tokens.idToken().build(), RejectReason.NO_KEYS);
        assertThat(fx.log.all()).contains("larger than 2048 bytes");
    }

    @Test
    void verify_acceptsJwks_whenJustUnderSizeCap() {
        String jwks = TestKeys.jwks(TestKeys.rsaJwk(TestKeys.POOL, TestKeys.POOL_KID));
        fx.jwks.respondWith(JwksServer.padded(jwks, 2048, false));
        fx.with("JWKS_MAX_BYTES", "2048").start();

        assertThat(statement(fx.authorize(fx.tokens.idToken().build()))).containsEntry("Effect", "Allow");
    }

    @Test
    void verify_usesLoopbackOverride_insteadOfIssuerPath() {
        // GIVEN the issuer's JWKS path is down but the loopback override serves the keys (the local stack's case)
        fx.jwks.respondWith(JwksServer.status(404));
        fx.jwks.serveElsewhere(TestKeys.jwks(TestKeys.rsaJwk(TestKeys.POOL, TestKeys.POOL_KID)));
        fx.with("JWKS_URL_OVERRIDE", fx.jwks.elsewhereUrl()).start();

        // WHEN a token arrives / THEN it is verified with the override's keys
        assertThat(statement(fx.authorize(fx.tokens.idToken().build()))).containsEntry("Effect", "Allow");
        assertThat(fx.jwks.elsewhereRequests()).isEqualTo(1);
        assertThat(fx.jwks.jwksRequests()).isZero();
    }
}
