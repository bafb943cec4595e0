package com.tenantgraph.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.jr.ob.JSON;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.domain.UserStatus;
import com.tenantgraph.logging.JsonLineLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The one JSON line per request (what operators watch the API run by): who, what, how long, how it ended, and never
 * the token. Every event logged during the request, at every level, is captured and rendered with the production
 * layout.
 */
class RequestLogTest {
    private static final String FAKE_TOKEN = "eyJhbGciOiJSUzI1NiJ9.FAKE-TOKEN-c2VjcmV0LXRva2Vu.c2lnbmF0dXJl";

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger requestLogger = (Logger) LoggerFactory.getLogger("tenantgraph.request");
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final List<Appender<ILoggingEvent>> detached = new ArrayList<>();
    private final JsonLineLayout layout = new JsonLineLayout();
    private Level rootLevel;
    private Level requestLevel;

    @BeforeEach
    void captureEverything() {
        rootLevel = root.getLevel();
        requestLevel = requestLogger.getLevel();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            detached.add(it.next());
        }
        detached.forEach(root::detachAppender);
        root.setLevel(Level.TRACE);
        requestLogger.setLevel(Level.INFO);
        captured.setContext(root.getLoggerContext());
        captured.start();
        root.addAppender(captured);
    }

    @AfterEach
    void restoreLogging() {
        root.detachAppender(captured);
        detached.forEach(root::addAppender);
        root.setLevel(rootLevel);
        requestLogger.setLevel(requestLevel);
    }

    private APIGatewayProxyRequestEvent withToken(String query) {
        return MockedTableApi.event("POST", Map.of("Content-Type", "application/json",
                        "Authorization", "Bearer " + FAKE_TOKEN),
                MockedTableApi.json(Map.of("query", query, "operationName", "MeAndTenant")),
                MockedTableApi.validAuthorizer());
    }

    private List<ILoggingEvent> requestLines() {
        return captured.list.stream().filter(e -> e.getLoggerName().equals("tenantgraph.request")).toList();
    }

    private Map<String, Object> parsed(ILoggingEvent event) {
        String line = layout.doLayout(event);
        try {
            return JSON.std.mapFrom(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    @Test
    void request_writesOneLineWithWhoWhatHowLongAndHowItEnded() {
        // GIVEN an active member
        MockedTableApi api = new MockedTableApi().withActiveAdmin();

        // WHEN it sends a named query
        api.send(withToken("query MeAndTenant { me { id } tenant { name } }"));

        // THEN exactly one request line, with every field operators query on
        assertThat(requestLines()).hasSize(1);
        Map<String, Object> line = parsed(requestLines().get(0));
        assertThat(line).containsEntry("logger", "tenantgraph.request").containsEntry("level", "INFO")
                .containsEntry("requestId", "req-123").containsEntry("tenantId", "t1")
                .containsEntry("userId", "u-1").containsEntry("operation", "MeAndTenant")
                .containsEntry("status", 200).containsEntry("outcome", "OK").containsEntry("errorCount", 0);
        assertThat(line.get("durationMs")).isInstanceOf(Number.class);
        assertThat(((Number) line.get("durationMs")).longValue()).isNotNegative();
    }

    @Test
    void request_logsTheRefusal_whenMembershipIsRevoked() {
        // GIVEN a disabled member
        MockedTableApi api = new MockedTableApi().withActiveAdmin().withMember("t1", "u-1", Role.ADMIN,
                UserStatus.DISABLED);

        // WHEN it sends a query
        api.send(withToken("query MeAndTenant { me { id } }"));

        // THEN the line says 403 FORBIDDEN, still with who it was
        Map<String, Object> line = parsed(requestLines().get(0));
        assertThat(line).containsEntry("status", 403).containsEntry("outcome", "FORBIDDEN")
                .containsEntry("tenantId", "t1").containsEntry("userId", "u-1").containsEntry("errorCount", 1);
    }

    @Test
    void request_neverLogsTheAuthorizationHeader_atAnyLevel() {
        // GIVEN an active member, with a recognisable token in the Authorization header
        MockedTableApi api = new MockedTableApi().withActiveAdmin();

        // WHEN it sends a query that succeeds, one that fails to parse, and one that is refused at the HTTP layer
        api.send(withToken("query MeAndTenant { me { id } tenant { name } }"));
        api.send(withToken("query MeAndTenant { me { id "));
        api.send(withToken("query MeAndTenant { me { id } }").withHeaders(Map.of(
                "Authorization", "Bearer " + FAKE_TOKEN, "Content-Type", "text/plain")));

        // THEN something was logged, and no rendered line anywhere holds the token or any part of it
        assertThat(requestLines()).hasSize(3);
        assertThat(captured.list).allSatisfy(event -> assertThat(layout.doLayout(event))
                .doesNotContain(FAKE_TOKEN, "FAKE-TOKEN", "c2VjcmV0LXRva2Vu", "Bearer"));
    }
}
