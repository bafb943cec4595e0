package com.tenantgraph.graphql;

import com.tenantgraph.admin.TenantAdministration;
import com.tenantgraph.admin.UserAdministration;
import com.tenantgraph.data.BatchGetter;
import com.tenantgraph.data.ListQueries;
import com.tenantgraph.graphql.pagination.CursorCodec;
import com.tenantgraph.workspace.CommentService;
import com.tenantgraph.workspace.ProjectService;
import com.tenantgraph.workspace.TaskService;
import java.util.concurrent.Executor;

/**
 * What the resolvers use, built once per container by the composition root: the lists, the workspace's write
 * services, user and tenant administration, the cursor codec, a direct batch reader (for reads that are two
 * sequential round trips by design) and the I/O executor on which every blocking call runs.
 */
public record Services(ListQueries lists, ProjectService projects, TaskService tasks, CommentService comments,
                       UserAdministration users, TenantAdministration tenants, CursorCodec cursors,
                       BatchGetter batchGetter, Executor io) {
}
