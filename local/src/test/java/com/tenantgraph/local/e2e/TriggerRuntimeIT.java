package com.tenantgraph.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.data.Table;
import com.tenantgraph.data.TenantRegistry;
import com.tenantgraph.data.TenantRepository;
import com.tenantgraph.data.UserRepository;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.domain.UserStatus;
import com.tenantgraph.local.FreshJvm;
import com.tenantgraph.local.LocalStack;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import com.tenantgraph.triggers.FounderTenantId;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

/**
 * The trigger functions' deployed composition root, started as Lambda starts it: a fresh JVM whose environment is
 * what template.yaml gives the trigger functions (TABLE_NAME and the region; no USER_POOL_ID, so the pool is the
 * event's) plus the two loopback endpoints of the local stack, calling the handlers' no-argument constructors. The
 * in-process trigger tests build {@code Onboarding} by hand; this one proves the runtime's own wiring provisions a
 * founder in moto and cognito-local.
 */
@ExtendWith(SharedLocalStack.class)
class TriggerRuntimeIT {
    @TempDir
    Path home;

    @Test
    void handlersFromTheEnvironment_provisionTheFounder(LocalStack stack) throws Exception {
        // GIVEN a Cognito user without a tenant, as after a self-service sign-up
        String poolId = stack.output("userPoolId");
        String email = TenantFixture.uniqueEmail("runtime");
        String sub = stack.cognito().adminCreateUser(request -> request.userPoolId(poolId).username(email)
                        .messageAction(MessageActionType.SUPPRESS)
                        .userAttributes(AttributeType.builder().name("email").value(email).build()))
                .user().attributes().stream().filter(a -> a.name().equals("sub")).findFirst().orElseThrow().value();

        // WHEN a fresh JVM with the trigger functions' environment runs PostConfirmation and PostAuthentication
        ProcessBuilder builder = FreshJvm.of(TriggerProbe.class, poolId, email, sub, email);
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(Map.of("TABLE_NAME", stack.output("tableName"), "AWS_REGION", stack.output("region"),
                "DYNAMODB_ENDPOINT", stack.output("dynamoDbEndpoint"),
                "COGNITO_ENDPOINT", stack.output("cognitoEndpoint"), "HOME", home.toString()));
        String output = FreshJvm.run(builder);
        assertThat(output).as(output).contains("done");

        // THEN the founder's tenant, ADMIN record and registry entry exist, and Cognito has the tenant and the group
        Table table = new Table(stack.dynamoDb(), stack.output("tableName"));
        TenantId tenant = FounderTenantId.of(UserId.of(sub));
        assertThat(new TenantRepository(table).find(tenant)).hasValueSatisfying(item -> {
            assertThat(item.name()).isEqualTo("Runtime Triggers");
            assertThat(item.adminCount()).isEqualTo(1);
        });
        assertThat(new UserRepository(table).find(tenant, UserId.of(sub))).hasValueSatisfying(user -> {
            assertThat(user.role()).isEqualTo(Role.ADMIN);
            assertThat(user.status()).isEqualTo(UserStatus.ACTIVE);
        });
        assertThat(new TenantRegistry(table).tenants()).filteredOn(e -> e.tenantId().equals(tenant)).hasSize(1);
        assertThat(stack.cognito().adminGetUser(request -> request.userPoolId(poolId).username(email))
                .userAttributes()).contains(AttributeType.builder().name("custom:tenantId").value(tenant.value())
                .build());
        // by the username, the sub: cognito-local's AdminListGroupsForUser does not resolve the email alias
        assertThat(stack.cognito().adminListGroupsForUser(request -> request.userPoolId(poolId).username(sub))
                .groups().stream().map(GroupType::groupName)).containsExactly("ADMIN");
    }
}
