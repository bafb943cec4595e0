package com.tenantgraph.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.data.Table;
import com.tenantgraph.data.TenantItem;
import com.tenantgraph.data.TenantProvisioning;
import com.tenantgraph.data.UserItem;
import com.tenantgraph.domain.Plan;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.local.data.SharedMoto;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        Instant now = Instant.now();
        new TenantProvisioning(table).createTenantWithAdmin(
                TenantItem.builder().tenantId(tenant).name("Runtime Entry").plan(Plan.FREE).createdAt(now).build(),
                UserItem.builder().tenantId(tenant).userId(user).email("r@entry.test").name("R").role(Role.ADMIN)
                        .createdAt(now).build());
        URI endpoint = table.client().serviceClientConfiguration().endpointOverride().orElseThrow();

        // WHEN a fresh JVM with the function's environment builds the handler as Lambda does and sends one request
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ColdStartProbe.class.getName(), "graphql",
                endpoint.toString(), table.name(), tenant.value(), user.value())).redirectErrorStream(true);
        builder.environment().putAll(ColdStartProbe.lambdaEnvironment(table.name(), endpoint));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());

        // THEN it answered with the tenant's data
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as(output).contains("done");
        assertThat(process.exitValue()).isZero();
    }
}
