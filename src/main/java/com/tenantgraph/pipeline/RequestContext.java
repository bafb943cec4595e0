package com.tenantgraph.pipeline;

import com.tenantgraph.data.ItemReader;
import com.tenantgraph.data.TableKey;
import com.tenantgraph.data.UserItem;
import com.tenantgraph.tenancy.Caller;
import com.tenantgraph.tenancy.Member;
import com.tenantgraph.tenancy.TenantId;
import graphql.schema.DataFetchingEnvironment;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Everything one request's resolvers may use: the verified caller, the membership check already under way, and the
 * request's own DataLoader registry (new for every request, never shared: a shared registry would leak one caller's
 * cached items to another). Resolvers take the tenant only from here.
 */
public final class RequestContext {
    static final String ITEMS_LOADER = "items";

    private final String requestId;
    private final Caller caller;
    private final CompletableFuture<UserItem> membership;
    private final DataLoaderRegistry loaders;

    private RequestContext(String requestId, Caller caller, CompletableFuture<UserItem> membership,
                           DataLoaderRegistry loaders) {
        this.requestId = requestId;
        this.caller = caller;
        this.membership = membership;
        this.loaders = loaders;
    }

    /**
     * The context of a new request, with a new DataLoader registry holding the one item loader: keys collected during
     * a level of execution are fetched together in one BatchGetItem when graphql-java dispatches the level. The load
     * runs on the dispatching thread (nothing else of that level is left to do meanwhile; a thread hop would only add
     * latency). The membership check is queued on that loader at once, so it rides in the first level's batch.
     */
    public static RequestContext create(String requestId, Caller caller, ItemReader reader) {
        DataLoader<TableKey, Map<String, AttributeValue>> items = DataLoaderFactory.newDataLoader(ITEMS_LOADER,
                keys -> CompletableFuture.completedFuture(reader.getAll(keys)));
        DataLoaderRegistry registry = DataLoaderRegistry.newRegistry().register(ITEMS_LOADER, items).build();
        return new RequestContext(requestId, caller, MembershipCheck.start(caller, items), registry);
    }

    /** An empty registry holding one new item loader over {@code reader}, for {@link #sharing}. */
    public static DataLoaderRegistry newLoaders(ItemReader reader) {
        DataLoader<TableKey, Map<String, AttributeValue>> items = DataLoaderFactory.newDataLoader(ITEMS_LOADER,
                keys -> CompletableFuture.completedFuture(reader.getAll(keys)));
        return DataLoaderRegistry.newRegistry().register(ITEMS_LOADER, items).build();
    }

    /**
     * The context of one subscriber's execution of one change event: the subscribers of one event are all of the
     * event's tenant (a topic's partition holds one tenant's subscriptions), so their executions share the event's
     * loader and its cache of that tenant's items, and each subscriber's membership check is queued on it.
     */
    public static RequestContext sharing(String requestId, Caller caller, DataLoaderRegistry eventLoaders) {
        DataLoader<TableKey, Map<String, AttributeValue>> items = eventLoaders.getDataLoader(ITEMS_LOADER);
        return new RequestContext(requestId, caller, MembershipCheck.start(caller, items), eventLoaders);
    }

    public static RequestContext of(DataFetchingEnvironment environment) {
        return environment.getGraphQlContext().get(RequestContext.class);
    }

    public String requestId() {
        return requestId;
    }

    public Caller caller() {
        return caller;
    }

    public TenantId tenant() {
        return caller.tenant();
    }

    /**
     * The caller as a verified member: the request's tenant and user with the role of the membership record
     * (completes exceptionally with FORBIDDEN when there is no active membership).
     */
    public CompletableFuture<Member> member() {
        return membership.thenApply(item -> new Member(caller.tenant(), caller.user(), item.role()));
    }

    /** The caller's active membership record (completes exceptionally with FORBIDDEN when there is none). */
    public CompletableFuture<UserItem> membership() {
        return membership;
    }

    public DataLoaderRegistry loaders() {
        return loaders;
    }

    /** The request's one loader of items by table key, shared by all types, batched per level over BatchGetItem. */
    public DataLoader<TableKey, Map<String, AttributeValue>> items() {
        return loaders.getDataLoader(ITEMS_LOADER);
    }
}
