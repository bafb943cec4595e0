package com.tenantgraph.data.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import com.tenantgraph.data.Attributes;
import com.tenantgraph.data.CommentItem;
import com.tenantgraph.data.EmailMarker;
import com.tenantgraph.data.ItemSize;
import com.tenantgraph.data.Keys;
import com.tenantgraph.data.ProjectCounters;
import com.tenantgraph.data.ProjectItem;
import com.tenantgraph.data.RegistryEntry;
import com.tenantgraph.data.Table;
import com.tenantgraph.data.TaskItem;
import com.tenantgraph.data.TenantItem;
import com.tenantgraph.data.UserItem;
import com.tenantgraph.domain.Plan;
import com.tenantgraph.domain.UserStatus;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.tenancy.UserId;
import com.tenantgraph.domain.TaskPriority;
import com.tenantgraph.domain.TaskStatus;
import com.tenantgraph.errors.ApiException;
import com.tenantgraph.tenancy.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class EntityModelTest {
    private static final TenantId T = TenantId.of("acme");
    private static final Instant NOW = Instant.parse("2026-11-25T21:08:53.120Z");
    private static final Writes WRITES = new Writes(new Table(mock(DynamoDbClient.class), "t"),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static TaskItem task(TaskStatus status, String assignee, LocalDate due) {
        return TaskItem.draft(T, "p1", 42, "Title", null, status, TaskPriority.HIGH, assignee, "u-reporter", due,
                List.of("bug"));
    }

    @Test
    void newItem_setsTheAuditFields_andIndexKeysFromTheState() {
        Map<String, AttributeValue> item = WRITES.create(TaskItem.MODEL, task(TaskStatus.TODO, "u1",
                LocalDate.parse("2026-12-24")), NOW).item();
        assertThat(item.get("createdAt").s()).isEqualTo("2026-11-25T21:08:53.120Z");
        assertThat(item.get("updatedAt").s()).isEqualTo("2026-11-25T21:08:53.120Z");
        assertThat(item.get(Attributes.VERSION).n()).isEqualTo("1");
        assertThat(item.get("PK").s()).isEqualTo("TENANT#acme#TASK#p1#0000000042");
        assertThat(item.get("GSI2SK").s()).isEqualTo("TODO#0000000042");
        assertThat(item.get("GSI3PK").s()).isEqualTo("TENANT#acme#ASSIGNEE#u1");
        assertThat(item.get("GSI3SK").s()).isEqualTo("TODO#2026-12-24#p1#0000000042");
        assertThat(item.get("GSI4SK").s()).isEqualTo("2026-12-24#p1#0000000042");
        assertThat(item).doesNotContainKey("description");
        assertThat(TaskItem.MODEL.fromItem(item).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void indexKeys_leaveTheSparseIndexes_whenUnassignedDoneUndatedOrDeleted() {
        Map<String, AttributeValue> done = TaskItem.MODEL.toItem(task(TaskStatus.DONE, null,
                LocalDate.parse("2026-12-24")));
        assertThat(done).doesNotContainKeys("GSI3PK", "GSI3SK", "GSI4PK", "GSI4SK").containsKeys("GSI1PK", "GSI2PK");
        Map<String, AttributeValue> undated = TaskItem.MODEL.toItem(task(TaskStatus.TODO, "u1", null));
        assertThat(undated.get("GSI3SK").s()).isEqualTo("TODO#9999-12-31#p1#0000000042");
        assertThat(undated).doesNotContainKey("GSI4PK");
        Map<String, AttributeValue> deleted = TaskItem.MODEL.toItem(task(TaskStatus.TODO, "u1",
                LocalDate.parse("2026-12-24")).softDeleted(NOW));
        assertThat(deleted.keySet()).noneMatch(k -> k.startsWith("GSI"));
    }

    @Test
    void indexKeys_moveASoftDeletedProject_fromTheProjectsList_toThePendingPurges() {
        ProjectItem live = ProjectItem.draft(T, "p1", "WEB", "Website", null);
        assertThat(ProjectItem.MODEL.toItem(live).get("GSI1PK").s()).endsWith("#PROJECTS");
        Map<String, AttributeValue> deleted = ProjectItem.MODEL.toItem(live.softDeleted(NOW));
        assertThat(deleted.get("GSI1PK").s()).isEqualTo(Keys.purgingProjectsCollection(T));
        assertThat(deleted.get("GSI1SK").s()).isEqualTo("p1");
    }

    @Test
    void replacedItem_bumpsTheVersion_andKeepsTheCreationTime() {
        Map<String, AttributeValue> first = WRITES.create(ProjectItem.MODEL,
                ProjectItem.draft(T, "p1", "WEB", "Website", null), NOW.minusSeconds(60)).item();
        ProjectItem stored = ProjectItem.MODEL.fromItem(first).orElseThrow();
        Map<String, AttributeValue> next = WRITES.replace(ProjectItem.MODEL, stored,
                stored.withChanges("WWW", "Web", "d"), NOW).item();
        ProjectItem read = ProjectItem.MODEL.fromItem(next).orElseThrow();
        assertThat(read.version()).isEqualTo(2);
        assertThat(read.createdAt()).isEqualTo(NOW.minusSeconds(60));
        assertThat(read.updatedAt()).isEqualTo(NOW);
        assertThat(next.get("GSI1SK").s()).isEqualTo("WWW#p1");
    }

    @Test
    void validation_namesTheField_ofTheFirstRuleBroken() {
        assertBadInput(() -> ProjectItem.MODEL.validate(ProjectItem.draft(T, "p", "web-1", "n", null)), "key");
        assertBadInput(() -> ProjectItem.MODEL.validate(ProjectItem.draft(T, "p", "WEB", " ", null)), "name");
        assertBadInput(() -> ProjectItem.MODEL.validate(ProjectItem.draft(T, "p", "WEB", "x".repeat(101), null)),
                "name");
        assertBadInput(() -> TaskItem.MODEL.validate(TaskItem.draft(T, "p", 1, "", null, TaskStatus.TODO,
                TaskPriority.LOW, null, "r", null, List.of())), "title");
        assertBadInput(() -> TaskItem.MODEL.validate(TaskItem.draft(T, "p", 1, "t", null, TaskStatus.TODO,
                TaskPriority.LOW, null, "r", null, List.of("a", "a"))), "labels");
        assertBadInput(() -> TaskItem.MODEL.validate(TaskItem.draft(T, "p", 1, "t", "x".repeat(20_001),
                TaskStatus.TODO, TaskPriority.LOW, null, "r", null, List.of())), "description");
        assertBadInput(() -> TaskItem.MODEL.validate(TaskItem.draft(T, "p", 1, "t", null, TaskStatus.TODO,
                TaskPriority.LOW, "bad#id", "r", null, List.of())), "assigneeId");
        assertBadInput(() -> CommentItem.MODEL.validate(CommentItem.BODY, ""), "body");
    }

    @Test
    void fromItem_refusesAnItemOfAnotherType() {
        Map<String, AttributeValue> project = ProjectItem.MODEL.toItem(ProjectItem.draft(T, "p", "WEB", "n", null));
        assertThat(TaskItem.MODEL.fromItem(project)).isEmpty();
        assertThat(TaskItem.MODEL.fromItem(Map.of())).isEmpty();
    }

    @Test
    void theItemSizePlugin_refusesAnItemOverDynamoDbsLimit() {
        Map<String, AttributeValue> huge = new java.util.HashMap<>(Map.of("body",
                AttributeValue.fromS("x".repeat(ItemSize.MAX_ITEM_BYTES))));
        Write write = new Write(Write.Kind.CREATE, "Test", CommentItem.MODEL, null, NOW, huge, 0, null, null);
        assertThatThrownBy(() -> Plugins.ITEM_SIZE.before(write)).isInstanceOf(ItemSize.ItemTooLargeException.class);
    }

    @Test
    void everyModel_readsBackExactlyWhatItWrites_keysAndIndexKeysDerived() {
        UserItem user = UserItem.builder().tenantId(T).userId(UserId.of("u1")).email("ada@acme.test").name("Ada")
                .role(Role.ADMIN).createdAt(NOW).build();
        TenantItem tenant = TenantItem.builder().tenantId(T).name("Acme").plan(Plan.TEAM).adminCount(1)
                .createdAt(NOW).build();
        EmailMarker marker = EmailMarker.of(user, "hash");
        RegistryEntry entry = RegistryEntry.of(tenant);
        assertThat(UserItem.MODEL.fromItem(UserItem.MODEL.toItem(user))).contains(user);
        assertThat(TenantItem.MODEL.fromItem(TenantItem.MODEL.toItem(tenant))).contains(tenant);
        assertThat(EmailMarker.MODEL.fromItem(EmailMarker.MODEL.toItem(marker))).contains(marker);
        assertThat(RegistryEntry.MODEL.fromItem(RegistryEntry.MODEL.toItem(entry))).contains(entry);
        Map<String, AttributeValue> item = UserItem.MODEL.toItem(user);
        assertThat(item.get("GSI1SK").s()).isEqualTo("ADMIN#ACTIVE#ada@acme.test#u1");
        assertThat(item.get("GSI2SK").s()).isEqualTo("ACTIVE#ada@acme.test#u1");
        assertThat(RegistryEntry.MODEL.toItem(entry).get("tenantId").s()).isEqualTo("acme");
    }

    @Test
    void anAbsentAttribute_readsAsItsSchemaDefault() {
        Map<String, AttributeValue> counters = new java.util.HashMap<>(ProjectCounters.MODEL.toItem(
                ProjectCounters.initial(T, "p1")));
        counters.remove(ProjectCounters.NEXT_NUMBER);
        assertThat(ProjectCounters.MODEL.fromItem(counters).orElseThrow().nextNumber()).isEqualTo(1);
        Map<String, AttributeValue> user = new java.util.HashMap<>(UserItem.MODEL.toItem(UserItem.builder()
                .tenantId(T).userId(UserId.of("u1")).email("a@b.co").name("A").role(Role.VIEWER)
                .status(UserStatus.DISABLED).createdAt(NOW).build()));
        user.remove("status");
        assertThat(UserItem.MODEL.fromItem(user).orElseThrow().status()).isEqualTo(UserStatus.ACTIVE);
    }

    @Test
    void replace_refusesAChangeOfAReadOnlyAttribute_orOfTheKey() {
        UserItem user = UserItem.builder().tenantId(T).userId(UserId.of("u1")).email("ada@acme.test").name("Ada")
                .role(Role.ADMIN).createdAt(NOW).build();
        assertThatThrownBy(() -> WRITES.replace(UserItem.MODEL, user, user.toBuilder().email("eve@acme.test").build(),
                NOW)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("email is read-only");
        assertThatThrownBy(() -> WRITES.replace(UserItem.MODEL, user, user.toBuilder().createdAt(NOW.plusSeconds(1))
                .build(), NOW)).hasMessageContaining("createdAt is read-only");
        assertThat(WRITES.replace(UserItem.MODEL, user, user.toBuilder().role(Role.MEMBER).build(), NOW).entity()
                .version()).isEqualTo(user.version() + 1);
    }

    private static void assertBadInput(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).extensions()).containsEntry("code", "BAD_USER_INPUT")
                        .containsEntry("field", field));
    }
}
