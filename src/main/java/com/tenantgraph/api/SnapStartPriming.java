package com.tenantgraph.api;

import com.tenantgraph.data.TableKey;
import com.tenantgraph.data.TenantItem;
import com.tenantgraph.data.UserItem;
import com.tenantgraph.domain.Plan;
import com.tenantgraph.domain.UserStatus;
import com.tenantgraph.pipeline.Headers;
import com.tenantgraph.pipeline.HttpCall;
import com.tenantgraph.pipeline.HttpResult;
import com.tenantgraph.pipeline.Identity;
import com.tenantgraph.pipeline.RequestProcessor;
import com.tenantgraph.tenancy.Caller;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SnapStart priming: before Lambda snapshots the initialised function, typical requests run through the whole request
 * path (HTTP parsing, caller, loader, GraphQL execution, error mapping, JSON, the log line) over in-memory items, so a
 * restored instance starts with those classes loaded and that code compiled. No network call is made: a snapshot
 * must not hold open connections. The GraphiQL page is compressed before the snapshot too, so restored instances
 * serve it at once, and the Cognito client that init leaves for first use is built. Registered by the runtime's
 * constructor only; a no-op outside a CRaC runtime.
 */
final class SnapStartPriming implements Resource {
    static final int ROUNDS = 50;
    private static final TenantId TENANT = TenantId.of("snapstart-priming");
    private static final UserId USER = UserId.of("snapstart-priming");
    private static final String QUERY = "{\"query\":\"{ me { id email role } tenant { id name plan createdAt } }\"}";

    private final Application app;
    private final RequestProcessor processor;
    private final GraphiQlPage graphiQl;

    private SnapStartPriming(Application app, GraphiQlPage graphiQl) {
        this.app = app;
        Map<TableKey, Map<String, AttributeValue>> items = syntheticItems();
        this.processor = app.processor(keys -> keys.stream().map(items::get).toList(),
                new PrintStream(OutputStream.nullOutputStream()));
        this.graphiQl = graphiQl;
    }

    /** Registers priming with the CRaC runtime; the caller keeps the returned reference (CRaC holds it weakly). */
    static SnapStartPriming register(Application app, GraphiQlPage graphiQl) {
        SnapStartPriming priming = new SnapStartPriming(app, graphiQl);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime(ROUNDS);
        // what init leaves for first use (the Cognito client): built now, it is in the snapshot, so no restored
        // container's first administration mutation pays for it
        app.connectBeforeSnapshot();
        // the compressed GraphiQL page (~0.4 s to make): in the snapshot, so no restored container pays for it
        graphiQl.gzipBase64();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to restore: priming opened no connection and keeps no state
    }

    /** Runs {@code rounds} priming requests; returns how many were answered with 200. */
    int prime(int rounds) {
        int ok = 0;
        for (int i = 0; i < rounds; i++) {
            HttpResult result = processor.process(new HttpCall("snapstart-priming", "POST",
                    new Headers(Map.of("Content-Type", "application/json")), null, QUERY, false,
                    Identity.of(new Caller(TENANT, USER, "priming", "priming@example.invalid",
                            Instant.now().plusSeconds(3_600), "ADMIN"))));
            ok += result.status() == 200 ? 1 : 0;
        }
        return ok;
    }

    private static Map<TableKey, Map<String, AttributeValue>> syntheticItems() {
        Instant now = Instant.now();
        TenantItem tenant = TenantItem.builder().tenantId(TENANT).name("Priming").plan(Plan.FREE).createdAt(now)
                .build();
        UserItem user = UserItem.builder().tenantId(TENANT).userId(USER).email("priming@example.invalid")
                .name("Priming").role(Role.VIEWER).status(UserStatus.ACTIVE).createdAt(now).build();
        return Map.of(tenant.key(), TenantItem.MODEL.toItem(tenant), user.key(), UserItem.MODEL.toItem(user));
    }
}
