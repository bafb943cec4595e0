package com.tenantgraph.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostAuthenticationEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreSignUpEvent;
import com.fasterxml.jackson.jr.ob.JSON;
import com.tenantgraph.cognito.CognitoException;
import com.tenantgraph.cognito.UserDirectory;
import com.tenantgraph.data.DataAccessException;
import com.tenantgraph.logging.JsonLineLayout;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * What a person signing up or in is told when a trigger fails, through the three real handlers with the data side
 * mocked: a refusal keeps its own message; the table unavailable, throttled, Cognito unavailable or any unexpected
 * exception becomes the trigger's "try again" with the request id as its reference, naming nothing internal; the
 * cause goes to one JSON line (rendered by the production layout) that carries the request id, trigger, operation,
 * pool and sub, and none of the event's secrets.
 */
class TriggerFailuresTest {
    private static final String POOL = "local_pool";
    private static final String REQUEST_ID = "8f0c2a7e-5d1b-4c3e-9a6f-2b7d1e0c4a93";
    private static final String SUB = "0b6e3c1a-7f2d-4e89-b5a4-9c8d7e6f5a41";
    private static final String ACCEPT_CODE = "t-0123456789abcdef0123.c2VjcmV0LWFjY2VwdC1jb2Rl";
    private static final String PASSWORD_IN_VALIDATION_DATA = "Hunter2-Passw0rd!";
    private static final String CLIENT_SECRET = "client-metadata-secret-7d41";
    /** Internal names that must never reach the person (the data layer's operations, its words, our types). */
    private static final List<String> INTERNAL = List.of("GetInvitation", "TransactWriteItems", "AdminAddUserToGroup",
            "database", "throttled", "Cognito unavailable", "Exception", "com.tenantgraph", "tenantgraph-");

    private final Onboarding onboarding = mock(Onboarding.class);
    private final UserDirectory directory = mock(UserDirectory.class);
    private final Context context = mock(Context.class);
    private final Logger logger = (Logger) LoggerFactory.getLogger(TriggerFailures.class);
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final JsonLineLayout layout = new JsonLineLayout();
    private Level level;
    private boolean additive;

    @BeforeEach
    void captureTheTriggerLog() {
        when(onboarding.directory(POOL)).thenReturn(Optional.of(directory));
        when(context.getAwsRequestId()).thenReturn(REQUEST_ID);
        level = logger.getLevel();
        additive = logger.isAdditive();
        logger.setLevel(Level.TRACE);
        logger.setAdditive(false);
        captured.setContext(logger.getLoggerContext());
        captured.start();
        logger.addAppender(captured);
    }

    @AfterEach
    void restoreLogging() {
        logger.detachAppender(captured);
        logger.setLevel(level);
        logger.setAdditive(additive);
    }

    /** A trigger's real handler run on an invitee's event, with what its person is told on a failure. */
    private record Case(String trigger, String operation, BiFunction<Onboarding, Context, Object> invocation,
                        String told) {
        @Override
        public String toString() {
            return trigger;
        }
    }

    /** A failure that is not a refusal, with the level of its log line. */
    private record Failure(String name, Supplier<RuntimeException> cause, String level) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> everyTriggerAndUnexpectedFailure() {
        List<Case> triggers = List.of(
                new Case("PreSignUp", "PreSignUp_SignUp",
                        (onboarding, context) -> new PreSignUpHandler(onboarding).handleRequest(preSignUp(), context),
                        "Sign-up is temporarily unavailable; please try again in a moment"),
                new Case("PostConfirmation", "PostConfirmation_ConfirmSignUp",
                        (onboarding, context) -> new PostConfirmationHandler(onboarding).handleRequest(
                                postConfirmation(), context),
                        "Your email address is confirmed, but your account is not ready yet; wait a moment, then"
                                + " sign in to finish setting it up"),
                new Case("PostAuthentication", "PostAuthentication_Authentication",
                        (onboarding, context) -> new PostAuthenticationHandler(onboarding).handleRequest(
                                postAuthentication(), context),
                        "Sign-in is temporarily unavailable; please try again in a moment"));
        List<Failure> failures = List.of(
                new Failure("table unavailable", () -> new DataAccessException.StoreUnavailableException(
                        "GetInvitation: database unavailable",
                        SdkClientException.create("Unable to execute HTTP request: Read timed out")), "WARN"),
                new Failure("table throttled", () -> new DataAccessException.ThrottledException(
                        "TransactWriteItems: throttled", null), "WARN"),
                new Failure("Cognito unavailable", () -> new CognitoException.CognitoUnavailableException(
                        "AdminAddUserToGroup: Cognito unavailable", null), "WARN"),
                new Failure("unexpected", () -> new IllegalStateException(
                        "com.tenantgraph.data.Table: unexpected null"), "ERROR"));
        return triggers.stream().flatMap(trigger -> failures.stream().map(failure -> Arguments.of(trigger, failure)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("everyTriggerAndUnexpectedFailure")
    void aTriggerFailingUnexpectedly_tellsThePersonWhatToDo_namingNothingInternal(Case trigger, Failure failure) {
        // GIVEN the invitation can be neither read (PreSignUp) nor accepted (PostConfirmation, PostAuthentication)
        RuntimeException cause = failure.cause().get();
        doThrow(cause).when(onboarding).checkInvitation(any());
        when(onboarding.acceptInvitation(any(), any())).thenThrow(cause);

        // WHEN the trigger runs
        // THEN it still fails, with its message for the person and the request id as the reference, the cause kept
        assertThatThrownBy(() -> trigger.invocation().apply(onboarding, context))
                .isInstanceOf(TriggerFailedException.class)
                .hasMessage(trigger.told() + " (reference " + REQUEST_ID + ")")
                .satisfies(e -> assertThat(e.getCause()).isSameAs(cause))
                .satisfies(e -> INTERNAL.forEach(internal -> assertThat(e.getMessage()).doesNotContain(internal)));
        // AND one line logs it, at the failure's level
        assertThat(onlyLogLine()).containsEntry("level", failure.level())
                .containsEntry("trigger", trigger.trigger())
                .containsEntry("operation", trigger.operation())
                .containsEntry("errorType", cause.getClass().getName());
    }

    @Test
    void aRefusal_keepsItsOwnMessage_inEveryTrigger_andIsNotLoggedAsAFailure() {
        // GIVEN the invitation is not valid (a deliberate refusal, written for the person)
        SignUpRefusedException refusal = new SignUpRefusedException("This invitation code is not valid for this"
                + " email address");
        doThrow(refusal).when(onboarding).checkInvitation(any());
        when(onboarding.acceptInvitation(any(), any())).thenThrow(refusal);

        // WHEN / THEN each trigger fails with that very refusal
        assertThatThrownBy(() -> new PreSignUpHandler(onboarding).handleRequest(preSignUp(), context))
                .isSameAs(refusal);
        assertThatThrownBy(() -> new PostConfirmationHandler(onboarding).handleRequest(postConfirmation(), context))
                .isSameAs(refusal);
        assertThatThrownBy(() -> new PostAuthenticationHandler(onboarding).handleRequest(postAuthentication(),
                context)).isSameAs(refusal);
        // AND the handlers' own refusals (no Onboarding involved) keep theirs too
        assertThatThrownBy(() -> new PreSignUpHandler(onboarding).handleRequest(preSignUp(Map.of("email", "a@b.test",
                "custom:tenantId", "acme")), context)).isInstanceOf(SignUpRefusedException.class)
                .hasMessageStartingWith("custom:tenantId cannot be chosen at sign-up");
        assertThat(captured.list).isEmpty();
    }

    @Test
    void theLogLine_carriesTheCause_andWhoAndWhat_butNoneOfTheEventsSecrets() throws IOException {
        // GIVEN an invitee's sign-up (accept code, a password-like validation datum, client metadata) while the
        // table is unreachable
        doThrow(new DataAccessException.StoreUnavailableException("GetInvitation: database unavailable",
                SdkClientException.create("Unable to execute HTTP request: Read timed out")))
                .when(onboarding).checkInvitation(any());

        // WHEN the trigger fails
        assertThatThrownBy(() -> new PreSignUpHandler(onboarding).handleRequest(preSignUp(), context))
                .isInstanceOf(TriggerFailedException.class);

        // THEN one JSON line says which request, trigger, operation, pool and user, and the real cause
        ILoggingEvent event = captured.list.get(0);
        String line = layout.doLayout(event);
        assertThat(line).hasLineCount(1);
        Map<String, Object> json = JSON.std.mapFrom(line);
        assertThat(json).containsEntry("level", "WARN")
                .containsEntry("requestId", REQUEST_ID)
                .containsEntry("trigger", "PreSignUp")
                .containsEntry("operation", "PreSignUp_SignUp")
                .containsEntry("userPoolId", POOL)
                .containsEntry("userId", SUB)
                .containsEntry("errorType", DataAccessException.StoreUnavailableException.class.getName())
                .containsEntry("errorMessage", "GetInvitation: database unavailable");
        assertThat((String) json.get("stackTrace")).contains("Read timed out");
        // AND nothing the person sent that could be a secret
        assertThat(line).doesNotContain(ACCEPT_CODE).doesNotContain("c2VjcmV0LWFjY2VwdC1jb2Rl")
                .doesNotContain(PASSWORD_IN_VALIDATION_DATA).doesNotContain(CLIENT_SECRET);
        assertThat(captured.list).hasSize(1);
    }

    @Test
    void withoutARequestId_theMessageHasNoReference() {
        doThrow(new IllegalStateException("boom")).when(onboarding).checkInvitation(any());

        assertThatThrownBy(() -> new PreSignUpHandler(onboarding).handleRequest(preSignUp(), null))
                .isInstanceOf(TriggerFailedException.class)
                .hasMessage("Sign-up is temporarily unavailable; please try again in a moment");
        assertThat(onlyLogLine()).containsEntry("requestId", null);
    }

    private Map<String, Object> onlyLogLine() {
        assertThat(captured.list).as("log lines of the failure").hasSize(1);
        try {
            return JSON.std.mapFrom(layout.doLayout(captured.list.get(0)));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, String> invitee() {
        return Map.of("sub", SUB, "email", "grace@example.test", "custom:invitation", ACCEPT_CODE);
    }

    private static CognitoUserPoolPreSignUpEvent preSignUp() {
        return preSignUp(invitee());
    }

    private static CognitoUserPoolPreSignUpEvent preSignUp(Map<String, String> attributes) {
        return CognitoUserPoolPreSignUpEvent.builder().withTriggerSource("PreSignUp_SignUp").withUserPoolId(POOL)
                .withUserName("grace@example.test")
                .withRequest(CognitoUserPoolPreSignUpEvent.Request.builder().withUserAttributes(attributes)
                        .withValidationData(Map.of("password", PASSWORD_IN_VALIDATION_DATA))
                        .withClientMetadata(Map.of("secret", CLIENT_SECRET)).build())
                .build();
    }

    private static CognitoUserPoolPostConfirmationEvent postConfirmation() {
        return CognitoUserPoolPostConfirmationEvent.builder().withTriggerSource("PostConfirmation_ConfirmSignUp")
                .withUserPoolId(POOL).withRequest(CognitoUserPoolPostConfirmationEvent.Request.builder()
                        .withUserAttributes(invitee()).withClientMetadata(Map.of("secret", CLIENT_SECRET)).build())
                .build();
    }

    private static CognitoUserPoolPostAuthenticationEvent postAuthentication() {
        return CognitoUserPoolPostAuthenticationEvent.builder().withTriggerSource("PostAuthentication_Authentication")
                .withUserPoolId(POOL).withRequest(CognitoUserPoolPostAuthenticationEvent.Request.builder()
                        .withUserAttributes(invitee()).withClientMetadata(Map.of("secret", CLIENT_SECRET)).build())
                .build();
    }
}
