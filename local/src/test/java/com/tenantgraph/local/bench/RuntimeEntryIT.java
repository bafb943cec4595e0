package com.tenantgraph.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.data.Table;
import com.tenantgraph.local.FreshJvm;
import com.tenantgraph.local.data.SharedMoto;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Lambda runtime's own path: a fresh JVM whose environment is what template.yaml sets, calling the handler's
 * no-argument constructor (configuration from the environment, init warm-up, SnapStart registration) and answering a
 * request against moto. The in-process tests build the handler through its test constructor; this one does not.
 */
@ExtendWith(SharedMoto.class)
class RuntimeEntryIT {

    @Test
    void noArgumentConstructor_initialisesFromTheEnvironment_andAnswers(Table table) throws Exception {
        // GIVEN a tenant with a member in the table
        TenantId tenant = TenantId.of("runtime-entry");
        UserId user = UserId.of("runtime-user");
        ColdStartProbe.seedAdmin(table, tenant, user);
        URI endpoint = table.client().serviceClientConfiguration().endpointOverride().orElseThrow();

        // WHEN a fresh JVM with the function's environment builds the handler as Lambda does and sends one request
        ProcessBuilder builder = FreshJvm.of(ColdStartProbe.class, "graphql", endpoint.toString(), table.name(),
                tenant.value(), user.value());
        builder.environment().putAll(ColdStartProbe.lambdaEnvironment(table.name(), endpoint));
        String output = FreshJvm.run(builder);

        // THEN it answered with the tenant's data
        assertThat(output).as(output).contains("done");
    }
}
