package com.tenantgraph.graphql;

import com.tenantgraph.data.CommentItem;
import com.tenantgraph.data.Topics;
import com.tenantgraph.data.ProjectItem;
import com.tenantgraph.data.TaskItem;
import com.tenantgraph.data.model.EntityModel;
import com.tenantgraph.errors.ApiException;
import com.tenantgraph.errors.ErrorCode;
import com.tenantgraph.pipeline.RequestContext;
import com.tenantgraph.pipeline.SubscriptionEvent;
import com.tenantgraph.pipeline.SubscriptionTopic;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Publisher;

/**
 * The Subscription root fields (see {@link com.tenantgraph.pipeline.SubscriptionOperations}). Each field runs in one
 * of two modes, told apart by the execution's context:
 * <ul>
 *   <li>subscribing: the watched object is loaded with the caller's tenant through the request's loader (in the
 *       same batch as the membership check) — an id of another tenant, or of nothing, is NOT_FOUND exactly as a read
 *       — and the topic is recorded; the returned stream is empty, as events are pushed by the fan-out;</li>
 *   <li>an event: the change's payload (kind, version, node) is the field's value, and the subscriber's selection
 *       resolves below it with the ordinary resolvers and field rules.</li>
 * </ul>
 */
final class SubscriptionWiring {
    /** The source stream a subscribe returns: events do not flow through the function, they come from the stream. */
    private static final Publisher<Object> PUSHED_BY_FAN_OUT = subscriber -> {
        subscriber.onSubscribe(new org.reactivestreams.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
            }
        });
        subscriber.onComplete();
    };

    private SubscriptionWiring() {
    }

    static void register(RuntimeWiring.Builder wiring) {
        wiring.type("Subscription", t -> t
                .dataFetcher("taskChanged", env -> {
                    String projectId = Ids.projectId((String) env.getArgument("projectId"), "projectId");
                    return watch(env, TaskItem.MODEL, "task", Topics.tasks(projectId),
                            context -> Loads.project(context, projectId).thenApply(p -> Arguments.found(p, "Project")));
                })
                .dataFetcher("commentChanged", env -> {
                    Ids.TaskRef task = Ids.taskRef((String) env.getArgument("taskId"), "taskId");
                    return watch(env, CommentItem.MODEL, "comment", Topics.comments(task.projectId(), task.number()),
                            context -> Loads.task(context, task.projectId(), task.number())
                                    .thenApply(found -> Arguments.found(found, "Task")));
                })
                .dataFetcher("projectChanged", env -> {
                    String projectId = Ids.projectId((String) env.getArgument("projectId"), "projectId");
                    return watch(env, ProjectItem.MODEL, "project", Topics.project(projectId),
                            context -> Loads.project(context, projectId).thenApply(p -> Arguments.found(p, "Project")));
                }));
    }

    private static Object watch(DataFetchingEnvironment env, EntityModel<?> model, String nodeField, String topic,
                                java.util.function.Function<RequestContext, CompletableFuture<?>> target) {
        SubscriptionEvent event = env.getGraphQlContext().get(SubscriptionEvent.class);
        if (event != null) {
            return payload(event, model, nodeField, topic);
        }
        RequestContext context = RequestContext.of(env);
        CompletableFuture<?> watched = target.apply(context);
        context.loaders().dispatchAll(); // the subscription strategy dispatches nothing: the watched object and the
                                         // membership record go out now, in one batch
        return watched.thenCombine(context.membership(), (found, member) -> {
            env.getGraphQlContext().<SubscriptionTopic>get(SubscriptionTopic.class).set(topic);
            return PUSHED_BY_FAN_OUT;
        });
    }

    private static Map<String, Object> payload(SubscriptionEvent event, EntityModel<?> model, String nodeField,
                                               String topic) {
        if (!event.topic().equals(topic)) {
            throw new ApiException(ErrorCode.INTERNAL, "an event of another topic reached this subscription");
        }
        Object node = model.fromItem(event.item()).orElseThrow(() ->
                new ApiException(ErrorCode.INTERNAL, "the event's item is not a " + model.entityType()));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("kind", event.kind().name());
        payload.put("version", event.version());
        payload.put(nodeField, node);
        return payload;
    }
}
