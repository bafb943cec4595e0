package com.tenantgraph.data;

import com.tenantgraph.data.model.EntityModel;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Every entity of the single table, by its model: what the table definition is derived from. */
public final class Entities {
    public static final List<EntityModel<?>> ALL = List.of(TenantItem.MODEL, UserItem.MODEL, EmailMarker.MODEL,
            RegistryEntry.MODEL, ProjectItem.MODEL, ProjectCounters.MODEL, ProjectKeyMarker.MODEL, TaskItem.MODEL,
            CommentItem.MODEL, IdempotencyRecord.MODEL, InvitationItem.MODEL);

    private Entities() {
    }

    /** The GSIs the models write to, in name order. */
    public static List<String> indexes() {
        Set<String> names = new TreeSet<>();
        ALL.forEach(model -> names.addAll(model.indexes()));
        return List.copyOf(names);
    }
}
