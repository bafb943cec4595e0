package com.tenantgraph.local.bench;

import com.tenantgraph.api.GraphQlHandler;
import com.tenantgraph.data.Table;
import com.tenantgraph.graphql.GlobalId;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The data the bench and its tests read: a tenant, its admin, and {@code projects} projects of {@code tasksEach}
 * tasks each, every task assigned to a second member. Written through the API's own mutations (only the tenant and its
 * admin, which sign-up creates, are provisioned directly), so the bench follows the data model wherever it goes.
 */
public record BenchData(TenantId tenant, UserId admin, List<String> projectIds) {
    /** The nested read of the performance goals: three levels, so three sequential round trips. */
    public static final String NESTED_QUERY =
            "{ me { email role } tenant { name } projects(first: 10) { edges { node { name "
                    + "tasks(first: 5) { edges { node { title assignee { name } } } } } } } }";
    public static final int NESTED_QUERY_LEVELS = 3;

    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    public static BenchData seed(Table table, GraphQlHandler handler, String name, int projects, int tasksEach) {
        TenantId tenant = TenantId.of("t-bench-" + name);
        UserId admin = UserId.of("bench-" + name);
        ColdStartProbe.seedAdmin(table, tenant, admin);
        // the assignee is another member: were it the caller, "me" would have loaded it and level 3 would cost nothing
        UserId member = UserId.of("member-" + name);
        new com.tenantgraph.data.TenantProvisioning(table).addMember(com.tenantgraph.data.UserItem.builder()
                .tenantId(tenant).userId(member).email(member.value() + "@bench.test").name("Member")
                .role(com.tenantgraph.tenancy.Role.MEMBER).createdAt(java.time.Instant.now()).build());
        String assignee = GlobalId.encode("User", member.value());
        List<String> ids = new ArrayList<>();
        for (int p = 0; p < projects; p++) {
            String body = call(handler, tenant, admin, "mutation { createProject(input: { key: \"P" + p
                    + "\", name: \"Project " + p + "\" }) { project { id } } }");
            Matcher id = ID.matcher(body);
            if (!id.find()) {
                throw new IllegalStateException("createProject failed: " + body);
            }
            ids.add(id.group(1));
            for (int t = 0; t < tasksEach; t++) {
                call(handler, tenant, admin, "mutation { createTask(input: { projectId: \"" + id.group(1)
                        + "\", title: \"Task " + t + "\", assigneeId: \"" + assignee + "\" }) { task { id } } }");
            }
        }
        return new BenchData(tenant, admin, List.copyOf(ids));
    }

    /** Sends {@code query} as {@code user}; returns the body, or fails on an error. */
    public static String call(GraphQlHandler handler, TenantId tenant, UserId user, String query) {
        String body = handler.handleRequest(ColdStartProbe.request(tenant.value(), user.value(), query), null)
                .getBody();
        if (body.contains("\"errors\"")) {
            throw new IllegalStateException(query + " answered " + body);
        }
        return body;
    }

    public String call(GraphQlHandler handler, String query) {
        return call(handler, tenant, admin, query);
    }
}
