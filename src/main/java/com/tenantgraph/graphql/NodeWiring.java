package com.tenantgraph.graphql;

import static graphql.schema.idl.TypeRuntimeWiring.newTypeWiring;

import com.tenantgraph.data.CommentItem;
import com.tenantgraph.data.Keys;
import com.tenantgraph.data.ProjectItem;
import com.tenantgraph.data.TaskItem;
import com.tenantgraph.data.TenantItem;
import com.tenantgraph.data.UserItem;
import com.tenantgraph.errors.ApiException;
import com.tenantgraph.errors.ErrorMapper;
import com.tenantgraph.pipeline.RequestContext;
import graphql.GraphQLError;
import graphql.TypeResolutionEnvironment;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLObjectType;
import graphql.schema.TypeResolver;
import graphql.schema.idl.RuntimeWiring;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The Node interface: {@code node} and {@code nodes} by global id, and the type of each object. Every id is resolved
 * inside the request's tenant, so the id of another tenant's object is NOT_FOUND exactly as one that never existed.
 */
final class NodeWiring implements Dispatch.Reads<NodeWiring.Field>, TypeResolver {
    static final int MAX_NODES = 100;

    /** The fields resolved here, each at its coordinates in schema.graphqls; {@link #read} has a case for each. */
    enum Field {
        QUERY_NODE("Query", "node"),
        QUERY_NODES("Query", "nodes");

        final String type;
        final String fieldName;

        Field(String type, String fieldName) {
            this.type = type;
            this.fieldName = fieldName;
        }
    }

    private NodeWiring() {
    }

    static void register(RuntimeWiring.Builder wiring) {
        NodeWiring area = new NodeWiring();
        for (Field field : Field.values()) {
            wiring.type(newTypeWiring(field.type).dataFetcher(field.fieldName, new Dispatch.Read<>(area, field)));
        }
        wiring.type(newTypeWiring("Node").typeResolver(area));
    }

    @Override
    public Object read(Field field, DataFetchingEnvironment env) {
        return switch (field) {
            case QUERY_NODE -> node(env);
            case QUERY_NODES -> nodes(env);
        };
    }

    /** The Node interface's type resolver: the object type of each node ({@link #typeName}). */
    @Override
    public GraphQLObjectType getType(TypeResolutionEnvironment env) {
        String typeName = typeName(env.getObject());
        return typeName == null ? null : env.getSchema().getObjectType(typeName);
    }

    /** The GraphQL type of an object, for the Node interface; null when it is none of them. */
    static String typeName(Object source) {
        if (source instanceof ProjectItem) {
            return Ids.PROJECT;
        }
        if (source instanceof TaskItem) {
            return Ids.TASK;
        }
        if (source instanceof CommentItem) {
            return Ids.COMMENT;
        }
        if (source instanceof UserItem) {
            return Ids.USER;
        }
        return source instanceof TenantItem ? Ids.TENANT : null;
    }

    private static CompletableFuture<Object> node(DataFetchingEnvironment env) {
        return resolve(RequestContext.of(env), GlobalId.decode(env.getArgument("id"), "id"), "id")
                .thenApply(found -> Arguments.found(found, "Node"));
    }

    private static CompletableFuture<DataFetcherResult<List<Object>>> nodes(DataFetchingEnvironment env) {
        List<String> ids = requestedIds(env.getArgument("ids"));
        RequestContext context = RequestContext.of(env);
        List<CompletableFuture<Object>> loads = new ArrayList<>();
        for (String id : ids) {
            loads.add(resolve(context, GlobalId.decode(id, "ids"), "ids"));
        }
        return CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<Object> found = new ArrayList<>();
            List<GraphQLError> errors = new ArrayList<>();
            for (int i = 0; i < loads.size(); i++) {
                Object node = loads.get(i).join();
                found.add(node);
                if (node == null) {
                    errors.add(ErrorMapper.toGraphQlError(ApiException.notFound("Node"),
                            env.getExecutionStepInfo().getPath().segment(i), env.getField().getSourceLocation()));
                }
            }
            return DataFetcherResult.<List<Object>>newResult().data(found).errors(errors).build();
        });
    }

    /**
     * The ids of {@code nodes}: at most {@value #MAX_NODES}, each once. A repeated id is refused rather than answered
     * twice: each position would run its whole selection again (nested lists included) for the same object, and the
     * query cost ({@link QueryCost}), which checks this before any resolver runs, counts each id once.
     */
    static List<String> requestedIds(List<String> ids) {
        if (ids.size() > MAX_NODES) {
            throw ApiException.badInput("ids", "At most " + MAX_NODES + " ids");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!seen.add(ids.get(i))) {
                throw ApiException.badInput("ids", "Each id may appear only once: ids[" + i
                        + "] repeats an earlier one");
            }
        }
        return ids;
    }

    private static CompletableFuture<Object> resolve(RequestContext context, GlobalId id, String field) {
        return switch (id.type()) {
            case Ids.PROJECT -> Loads.project(context, Ids.projectId(id, field)).thenApply(p -> p);
            case Ids.TASK -> {
                Ids.TaskRef ref = Ids.taskRef(id, field);
                yield Loads.task(context, ref.projectId(), ref.number()).thenApply(t -> t);
            }
            case Ids.COMMENT -> Loads.comment(context, Ids.commentRef(id, field)).thenApply(c -> c);
            case Ids.USER -> Loads.user(context, Ids.userId(id, field).value()).thenApply(u -> u);
            case Ids.TENANT -> id.keyParts().size() == 1 && id.keyParts().get(0).equals(context.tenant().value())
                    ? context.items().load(Keys.tenant(context.tenant()))
                            .thenApply(item -> TenantItem.MODEL.fromItem(item).orElse(null))
                    : CompletableFuture.completedFuture(null);
            default -> CompletableFuture.completedFuture(null);
        };
    }
}
