package com.tenantgraph.local.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.tenantgraph.data.DataAccessException;
import com.tenantgraph.data.Milestone;
import com.tenantgraph.data.Table;
import com.tenantgraph.data.model.EntityModel;
import com.tenantgraph.data.model.Expr;
import com.tenantgraph.data.model.Plugin;
import com.tenantgraph.data.model.Update;
import com.tenantgraph.data.model.Write;
import com.tenantgraph.data.model.Writes;
import com.tenantgraph.errors.ApiException;
import com.tenantgraph.local.RepoFiles;
import com.tenantgraph.tenancy.TenantId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * docs/modeling.md's worked example ({@link Milestone}) compiled and run against moto_server with the real SDK: its
 * two access patterns and its hook, and a plugin added to its model that sees every kind of write.
 */
@ExtendWith(SharedMoto.class)
class ModelingGuideIT {
    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00.000Z");
    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");
    private static final Expr NEW = Expr.of("attribute_not_exists(PK)");

    @Test
    void theGuidesExample_isThisVerySource() throws IOException {
        Path root = RepoFiles.root();
        String guide = Files.readString(root.resolve("docs/modeling.md"));
        String source = Files.readString(root.resolve("local/src/test/java/com/tenantgraph/data/Milestone.java"));
        int start = guide.indexOf("```java\n") + "```java\n".length();
        String example = guide.substring(start, guide.indexOf("```\n", start));
        assertThat(source).isEqualTo(example);
        assertThat(guide).contains(source.lines().count() + " lines");
    }

    @Test
    void milestones_areWrittenAndListedByTheirTwoAccessPatterns(Table table) {
        Writes writes = new Writes(table, Clock.fixed(NOW, ZoneOffset.UTC));
        Writes.Transaction tx = writes.transaction("AddMilestones");
        tx.put(writes.create(Milestone.MODEL, milestone(ACME, "m1", "2026-12-24", false), NOW), NEW);
        tx.put(writes.create(Milestone.MODEL, milestone(ACME, "m2", "2026-12-10", false), NOW), NEW);
        tx.put(writes.create(Milestone.MODEL, milestone(ACME, "m3", "2027-03-01", false), NOW), NEW);
        tx.put(writes.create(Milestone.MODEL, milestone(GLOBEX, "m9", "2026-12-01", false), NOW), NEW);
        tx.execute();
        Milestone m2 = table.first(Milestone.ofProject(ACME, "p1")).get(1);
        writes.put("ReachMilestone", writes.replace(Milestone.MODEL, m2, reached(m2), NOW), Expr.of("version = :v")
                .value(":v", m2.version()));

        assertThat(table.page(Milestone.ofProject(ACME, "p1").page(10, null)).nodes())
                .extracting(Milestone::key, Milestone::reached, Milestone::version)
                .containsExactly(tuple("m1", false, 1L),
                        tuple("m2", true, 2L),
                        tuple("m3", false, 1L));
        assertThat(table.page(Milestone.openDueBefore(ACME, LocalDate.parse("2027-01-01")).page(10, null)).nodes())
                .extracting(Milestone::key, Milestone::title, Milestone::dueDate)
                .containsExactly(tuple("m1", "Milestone m1", LocalDate.parse("2026-12-24")));
    }

    @Test
    void theHook_refusesANewMilestoneThatIsReachedAlready_beforeAnythingIsWritten(Table table) {
        Writes writes = new Writes(table, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThatThrownBy(() -> writes.create(Milestone.MODEL, milestone(ACME, "m1", "2026-12-24", true), NOW))
                .isInstanceOf(ApiException.class).hasMessageContaining("cannot be reached already");
        assertThat(table.first(Milestone.ofProject(ACME, "p1"))).isEmpty();
    }

    @Test
    void aPluginAddedToAModel_runsBeforeAndAfterEveryKindOfWrite(Table table) {
        List<String> seen = new ArrayList<>();
        EntityModel<Milestone> model = Milestone.MODEL.with(new Plugin() {
            @Override
            public void before(Write write) {
                seen.add("before " + write.kind() + (write.hasItem() ? " item" : ""));
            }

            @Override
            public void after(Write write) {
                seen.add("after " + write.kind() + " " + write.operation());
            }
        });
        Writes writes = new Writes(table, Clock.fixed(NOW, ZoneOffset.UTC));
        Milestone m1 = milestone(ACME, "m1", "2026-12-24", false);

        Writes.Transaction tx = writes.transaction("Create");
        tx.put(writes.create(model, m1, NOW), NEW);
        tx.execute();
        Milestone stored = table.first(Milestone.ofProject(ACME, "p1")).get(0);
        writes.put("Replace", writes.replace(model, stored, reached(stored), NOW), Expr.of("version = :v")
                .value(":v", 1));
        writes.update("Rename", model, model.key(stored), Update.set("title = :t").value(":t", "Launch"),
                Expr.of("version = :v").value(":v", 2), ReturnValue.NONE, null);
        Writes.Transaction delete = writes.transaction("Delete");
        delete.delete(model, model.key(stored), Expr.of("version = :v").value(":v", 3));
        delete.execute();
        assertThatThrownBy(() -> writes.delete("DeleteAgain", model, model.key(stored),
                Expr.of("attribute_exists(PK)"))).isInstanceOf(DataAccessException.ConditionFailedException.class);

        assertThat(seen).containsExactly("before CREATE item", "after CREATE Create",
                "before UPDATE item", "after UPDATE Replace",
                "before UPDATE", "after UPDATE Rename",
                "before DELETE", "after DELETE Delete",
                "before DELETE");
        assertThat(table.first(Milestone.ofProject(ACME, "p1"))).isEmpty();
        assertThat(Milestone.MODEL.plugins()).hasSize(model.plugins().size() - 1);
    }

    private static Milestone milestone(TenantId tenant, String id, String due, boolean reached) {
        return new Milestone(tenant, "p1", id, "Milestone " + id, LocalDate.parse(due), reached, null, null, 0);
    }

    private static Milestone reached(Milestone m) {
        return new Milestone(m.tenantId(), m.projectId(), m.key(), m.title(), m.dueDate(), true, m.createdAt(),
                m.updatedAt(), m.version());
    }
}
