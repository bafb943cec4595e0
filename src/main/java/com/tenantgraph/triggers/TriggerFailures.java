package com.tenantgraph.triggers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolEvent;
import com.tenantgraph.cognito.CognitoException;
import com.tenantgraph.data.DataAccessException;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The one rule for what a failed Cognito trigger tells the person signing up or in. Cognito passes a trigger's error
 * message on to them ("PreSignUp failed with error &lt;message&gt;."), so:
 * <ul>
 *   <li>a {@link SignUpRefusedException} (a deliberate refusal: no invitation, a bad workspace name, …) passes as it
 *       is: its message is already written for that person;</li>
 *   <li>any other failure (the table or Cognito unavailable or throttled, an unexpected exception) is logged here as
 *       one JSON line with its cause, and replaced by a {@link TriggerFailedException} whose message says, in the
 *       words of the trigger's {@link Trigger}, to try again, with the Lambda request id as a reference that finds
 *       the log line; it names no operation, table, class or stack.</li>
 * </ul>
 * Either way the trigger still fails, so Cognito still refuses the sign-up or sign-in (a failed PostConfirmation
 * leaves the user confirmed, and the next sign-in repairs it). The log line carries the request id, the trigger,
 * Cognito's trigger source as the operation, the pool, the user's sub when the event has one, and the cause (type,
 * message, stack); never the event's attributes, validation data or client metadata, which may hold an accept code.
 * A failure that may pass on a retry is logged at WARN, anything else at ERROR.
 */
final class TriggerFailures {
    private static final Logger LOG = LoggerFactory.getLogger(TriggerFailures.class);

    /** The three triggers, each with what its person is told when it fails unexpectedly. */
    enum Trigger {
        PRE_SIGN_UP("PreSignUp", "Sign-up is temporarily unavailable; please try again in a moment"),
        POST_CONFIRMATION("PostConfirmation", "Your email address is confirmed, but your account is not ready yet;"
                + " wait a moment, then sign in to finish setting it up"),
        POST_AUTHENTICATION("PostAuthentication", "Sign-in is temporarily unavailable; please try again in a moment");

        private final String cognitoName;
        private final String toldOnFailure;

        Trigger(String cognitoName, String toldOnFailure) {
            this.cognitoName = cognitoName;
            this.toldOnFailure = toldOnFailure;
        }

        /** What the person is told, with the request id as a reference when there is one. */
        String message(String requestId) {
            return requestId == null || requestId.isBlank() ? toldOnFailure
                    : toldOnFailure + " (reference " + requestId + ")";
        }
    }

    private TriggerFailures() {
    }

    /**
     * Runs {@code work} with the event's user attributes (empty when the event has none); a refusal passes, any
     * other failure is logged and replaced.
     */
    static void run(Trigger trigger, CognitoUserPoolEvent event, CognitoUserPoolEvent.Request request,
                    Context context, Consumer<Map<String, String>> work) {
        Map<String, String> attributes = request == null || request.getUserAttributes() == null ? Map.of()
                : request.getUserAttributes();
        try {
            work.accept(attributes);
        } catch (SignUpRefusedException refused) {
            throw refused;
        } catch (RuntimeException failure) {
            throw failed(trigger, event, attributes, context, failure);
        }
    }

    private static TriggerFailedException failed(Trigger trigger, CognitoUserPoolEvent event,
                                                 Map<String, String> attributes, Context context,
                                                 RuntimeException failure) {
        String requestId = context == null ? null : context.getAwsRequestId();
        LOG.atLevel(mayPassOnRetry(failure) ? Level.WARN : Level.ERROR)
                .setCause(failure)
                .addKeyValue("requestId", requestId)
                .addKeyValue("trigger", trigger.cognitoName)
                .addKeyValue("operation", event.getTriggerSource())
                .addKeyValue("userPoolId", event.getUserPoolId())
                .addKeyValue("userId", attributes.get("sub"))
                .log("trigger failed; the person was told to try again");
        return new TriggerFailedException(trigger.message(requestId), failure);
    }

    private static boolean mayPassOnRetry(RuntimeException failure) {
        return failure instanceof DataAccessException.StoreUnavailableException
                || failure instanceof DataAccessException.ThrottledException
                || failure instanceof CognitoException.CognitoUnavailableException;
    }
}
