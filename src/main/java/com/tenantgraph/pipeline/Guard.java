package com.tenantgraph.pipeline;

import com.tenantgraph.tenancy.Action;
import com.tenantgraph.tenancy.Member;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import java.util.concurrent.CompletableFuture;

/**
 * Every mutation's data fetcher is wrapped here: it waits for the membership check (so nothing changes before the
 * caller is known to be an active member), checks the role matrix for the mutation's action and that the request
 * still has time to write ({@link RequestDeadline}), and only then runs the write with the verified {@link Member},
 * whose tenant is the request's ({@link RequestContext#tenant()}), the same one every read uses. The wiring registers each Mutation field only through {@link #mutation}, and a test checks that
 * every Mutation field of the schema is guarded.
 */
public final class Guard {
    private Guard() {
    }

    /** A write that runs once the caller is an active member whose role allows {@code action}. */
    @FunctionalInterface
    public interface GuardedWrite<T> {
        CompletableFuture<T> run(DataFetchingEnvironment environment, Member member);
    }

    public static <T> DataFetcher<CompletableFuture<T>> mutation(Action action, GuardedWrite<T> write) {
        return new Guarded<>(action, write);
    }

    /** A guarded mutation fetcher: the type lets a test find every Mutation field that is (and is not) guarded. */
    public record Guarded<T>(Action action, GuardedWrite<T> write) implements DataFetcher<CompletableFuture<T>> {
        @Override
        public CompletableFuture<T> get(DataFetchingEnvironment environment) {
            RequestContext context = RequestContext.of(environment);
            context.items().dispatch(); // the membership read is queued on the loader: send it now, nothing waits
            RequestDeadline deadline = RequestDeadline.of(environment); // absent only where tests execute directly
            return context.member().thenCompose(member -> {
                RoleMatrix.require(member.role(), action);
                if (deadline != null) {
                    deadline.requireTimeToWrite();
                }
                return write.run(environment, member);
            });
        }
    }
}
