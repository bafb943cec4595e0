package com.tenantgraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.pipeline.Guard;
import graphql.schema.idl.RuntimeWiring;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The wiring is named classes, not a lambda per field: every lambda the wiring registers is a class the JVM
 * generates and links at each cold start, whether or not its field is ever asked for ({@link Dispatch}).
 */
class DispatchTest {
    private static final Services NO_SERVICES = new Services(null, null, null, null, null, null, null, null,
            Runnable::run);

    @Test
    void everyWiredField_isADispatchToItsArea_andEveryMutationAGuardedOne() {
        RuntimeWiring wiring = Schema.wiring(NO_SERVICES);
        List<String> checked = new ArrayList<>();

        wiring.getDataFetchers().forEach((type, fetchers) -> fetchers.forEach((field, fetcher) -> {
            if (type.equals("Mutation")) {
                assertThat(fetcher).as(type + "." + field).isInstanceOf(Guard.Guarded.class);
                assertThat(((Guard.Guarded<?>) fetcher).write()).as(type + "." + field)
                        .isInstanceOf(Dispatch.Write.class);
            } else {
                assertThat(fetcher).as(type + "." + field).isInstanceOf(Dispatch.Read.class);
            }
            checked.add(type + "." + field);
        }));
        wiring.getTypeResolvers().forEach((type, resolver) ->
                assertThat(resolver.getClass().isHidden()).as("the type resolver of " + type).isFalse());

        assertThat(checked).contains("Query.me", "Task.assignee", "Mutation.updateTenant", "Subscription.taskChanged");
    }
}
