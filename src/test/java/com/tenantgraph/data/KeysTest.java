package com.tenantgraph.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.domain.Plan;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.domain.TenantStatus;
import com.tenantgraph.domain.UserStatus;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * docs/security.md rules 2 and 3 as properties of {@link Keys}: every key a tenant method builds lies inside
 * {@code TENANT#<id>#}, so no tenant's keys can match another's, whatever key methods are added later (the methods are
 * found by reflection; a new parameter type fails the test until it is given a sample value here).
 */
class KeysTest {
    /** Pairs of tenants where the first id is a prefix of the second: the case a missing delimiter would break. */
    private static final List<List<String>> PREFIX_PAIRS = List.of(
            List.of("t1", "t12"), List.of("a", "a-b"), List.of("acme", "acme_2"), List.of("x", "x1"));

    private static final String REGISTRY_METHOD = "registryEntry";

    /** Every static method of Keys that takes the tenant first, except the documented registry exception. */
    private static List<Method> tenantKeyMethods() {
        return Arrays.stream(Keys.class.getDeclaredMethods())
                .filter(m -> Modifier.isStatic(m.getModifiers()) && !m.isSynthetic())
                .filter(m -> m.getParameterCount() > 0 && m.getParameterTypes()[0] == TenantId.class)
                .filter(m -> !m.getName().equals(REGISTRY_METHOD))
                .toList();
    }

    private static Object sample(Class<?> type) {
        if (type == UserId.class) {
            return UserId.of("0f8fad5b-d9cb-469f-a165-70867728950e");
        }
        if (type == String.class) {
            return " Alice@Example.com ";
        }
        if (type == String[].class) {
            return new String[] {"PROJECT", "p1"};
        }
        if (type == Role.class) {
            return Role.MEMBER;
        }
        if (type == UserStatus.class) {
            return UserStatus.ACTIVE;
        }
        if (type == long.class) {
            return 42L;
        }
        if (type == java.time.Instant.class) {
            return java.time.Instant.parse("2026-11-25T09:30:00Z");
        }
        throw new AssertionError("KeysTest has no sample for " + type + ": add one so the new key method is covered");
    }

    /** The partition-key strings a method builds for {@code tenant}: a TableKey's PK, or the String itself. */
    private static String partitionOf(Method method, TenantId tenant) {
        Object[] arguments = new Object[method.getParameterCount()];
        arguments[0] = tenant;
        for (int i = 1; i < arguments.length; i++) {
            arguments[i] = sample(method.getParameterTypes()[i]);
        }
        Object key;
        try {
            method.setAccessible(true);
            key = method.invoke(null, arguments);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new AssertionError("cannot call Keys." + method.getName(), e);
        }
        if (key instanceof TableKey tableKey) {
            return tableKey.pk();
        }
        if (key instanceof String text) {
            return text;
        }
        throw new AssertionError("Keys." + method.getName() + " returns " + key + ": teach KeysTest what its key is");
    }

    @Test
    void tenantKeyMethods_areFound() {
        // GIVEN the reflection that drives the properties below
        // WHEN it looks for tenant key methods
        List<String> names = tenantKeyMethods().stream().map(Method::getName).toList();

        // THEN it finds at least the ones known today (so the properties cannot pass vacuously)
        assertThat(names).contains("tenant", "user", "emailMarker", "usersCollection", "tenantPartition");
    }

    @Test
    void everyTenantKey_startsWithTheTenantAndTheDelimiter() {
        // GIVEN every tenant key method and several tenants
        for (Method method : tenantKeyMethods()) {
            for (String id : List.of("t1", "t12", "Acme-Corp_1", "x")) {
                // WHEN the key is built
                String partition = partitionOf(method, TenantId.of(id));

                // THEN it starts with TENANT#<id>#
                assertThat(partition).as("Keys.%s(%s)", method.getName(), id).startsWith("TENANT#" + id + "#");
            }
        }
    }

    @Test
    void noTenantsKey_isInsideAnotherTenantsKeySpace_evenWhenOneIdIsAPrefixOfTheOther() {
        // GIVEN tenants whose ids are prefixes of each other (t1 / t12)
        List<String> violations = new ArrayList<>();
        for (List<String> pair : PREFIX_PAIRS) {
            TenantId shorter = TenantId.of(pair.get(0));
            TenantId longer = TenantId.of(pair.get(1));
            for (Method a : tenantKeyMethods()) {
                for (Method b : tenantKeyMethods()) {
                    // WHEN keys of both are built with any two key methods
                    String shortKey = partitionOf(a, shorter);
                    String longKey = partitionOf(b, longer);

                    // THEN neither lies in the other's TENANT#<id># space, nor is a begins_with match of the other
                    if (shortKey.startsWith("TENANT#" + longer + "#") || longKey.startsWith("TENANT#" + shorter + "#")
                            || longKey.startsWith(shortKey) || shortKey.startsWith(longKey)) {
                        violations.add(a.getName() + "(" + shorter + ")=" + shortKey + " vs "
                                + b.getName() + "(" + longer + ")=" + longKey);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void everyMethodThatBuildsAPartitionOrTableKey_takesTheTenantFirst() {
        // GIVEN the public methods of Keys
        Stream<Method> publicMethods = Arrays.stream(Keys.class.getMethods())
                .filter(m -> m.getDeclaringClass() == Keys.class && Modifier.isStatic(m.getModifiers()));

        // WHEN those that do not take a tenant first are listed
        List<String> withoutTenant = publicMethods
                .filter(m -> m.getParameterCount() == 0 || m.getParameterTypes()[0] != TenantId.class)
                .map(Method::getName).toList();

        // THEN they are only sort-key builders and their parts (email normalization, the padded task number), the
        // operators' registry and the WebSocket connection pointer (the documented keys outside every tenant, never
        // touched by a GraphQL request, docs/data-model.md §8): no other key without a tenant
        assertThat(withoutTenant).allSatisfy(name -> assertThat(name.endsWith("SortKey")
                || name.equals("normalizeEmail") || name.equals("paddedNumber") || name.equals("registryPartition")
                || name.equals("webSocketPointer")).as(name).isTrue());
        assertThat(Arrays.stream(Keys.class.getMethods()).filter(m -> m.getReturnType() == TableKey.class)
                .filter(m -> !m.getName().equals("webSocketPointer")))
                .allSatisfy(m -> assertThat(m.getParameterTypes()[0]).as(m.getName()).isEqualTo(TenantId.class));
    }

    @Test
    void tableKeys_haveTheDocumentedShapes() {
        // GIVEN tenant t1 and user u1
        TenantId t1 = TenantId.of("t1");
        UserId u1 = UserId.of("u1");

        // WHEN its keys are built
        // THEN they have the shapes of docs/data-model.md
        assertThat(Keys.tenant(t1)).isEqualTo(new TableKey("TENANT#t1#TENANT", "TENANT"));
        assertThat(Keys.user(t1, u1)).isEqualTo(new TableKey("TENANT#t1#USER#u1", "USER"));
        assertThat(Keys.emailMarker(t1, "a@b.co")).isEqualTo(new TableKey("TENANT#t1#EMAIL#a@b.co", "EMAIL"));
        assertThat(Keys.usersCollection(t1)).isEqualTo("TENANT#t1#USERS");
        assertThat(Keys.userByRoleSortKey(Role.ADMIN, UserStatus.ACTIVE, "A@B.co", u1))
                .isEqualTo("ADMIN#ACTIVE#a@b.co#u1");
        assertThat(Keys.userByStatusSortKey(UserStatus.DISABLED, "A@B.co", u1)).isEqualTo("DISABLED#a@b.co#u1");
    }

    @Test
    void registryEntry_isTheDocumentedExceptionOutsideEveryTenantsSpace() {
        // GIVEN two tenants
        // WHEN their registry entries are built
        TableKey t1 = Keys.registryEntry(TenantId.of("t1"));
        TableKey t12 = Keys.registryEntry(TenantId.of("t12"));

        // THEN both live in the one operators' partition, told apart by the sort key
        assertThat(t1.pk()).isEqualTo("REGISTRY#TENANTS").doesNotStartWith("TENANT#");
        assertThat(t12.pk()).isEqualTo(t1.pk());
        assertThat(t1.sk()).isEqualTo("TENANT#t1");
        assertThat(t12.sk()).isEqualTo("TENANT#t12");
    }

    @Test
    void everyPartitionKeyOfStoredItems_inTheTableAndEveryGsi_isInsideTheTenant() {
        // GIVEN a tenant and a user as they are written
        TenantId t1 = TenantId.of("t1");
        Instant created = Instant.parse("2026-01-01T00:00:00Z");
        Map<String, AttributeValue> tenant = TenantItem.MODEL.toItem(TenantItem.builder().tenantId(t1)
                .name("Acme").plan(Plan.FREE).status(TenantStatus.ACTIVE).createdAt(created).build());
        Map<String, AttributeValue> user = UserItem.MODEL.toItem(UserItem.builder().tenantId(t1)
                .userId(UserId.of("u1")).email("a@b.co").name("A").role(Role.ADMIN).status(UserStatus.ACTIVE)
                .createdAt(created).build());

        // WHEN their partition-key attributes (PK, GSI1PK, GSI2PK, ...) are read
        List<String> partitions = Stream.of(tenant, user).flatMap(item -> item.entrySet().stream())
                .filter(e -> e.getKey().endsWith("PK")).map(e -> e.getValue().s()).toList();

        // THEN all start with TENANT#t1#, the table's and the GSIs' alike
        assertThat(partitions).hasSize(4).allSatisfy(pk -> assertThat(pk).startsWith("TENANT#t1#"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "alice@example.com       | alice@example.com",
            "Alice@Example.COM       | alice@example.com",
            "'  bob@example.com\t'   | bob@example.com",
            "ÉLODIE@Exemple.fr       | élodie@exemple.fr"})
    void normalizeEmail_trimsAndLowerCases(String email, String normalized) {
        // GIVEN an email as typed
        // WHEN normalized
        // THEN trimmed and lower-cased
        assertThat(Keys.normalizeEmail(email)).isEqualTo(normalized);
    }

    @Test
    void normalizeEmail_ignoresTheDefaultLocale() {
        // GIVEN a JVM whose default locale lower-cases I to a dotless ı (Turkish)
        Locale previous = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try {
            // WHEN an email with a capital I is normalized
            String normalized = Keys.normalizeEmail("ILKAY@EXAMPLE.COM");

            // THEN the result is the same as on any other JVM
            assertThat(normalized).isEqualTo("ilkay@example.com");
        } finally {
            Locale.setDefault(previous);
        }
    }

    @Test
    void emailMarker_isTheSameForEveryWayOfWritingOneAddress() {
        // GIVEN one address written three ways
        TenantId t1 = TenantId.of("t1");

        // WHEN markers are built
        // THEN they are one key, so the uniqueness marker catches the duplicate
        assertThat(Keys.emailMarker(t1, " Alice@Example.com")).isEqualTo(Keys.emailMarker(t1, "alice@example.com"))
                .isEqualTo(Keys.emailMarker(t1, "ALICE@EXAMPLE.COM "));
    }
}
