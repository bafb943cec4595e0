package com.tenantgraph.graphql;

import static graphql.schema.idl.TypeRuntimeWiring.newTypeWiring;

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
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

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
final class SubscriptionWiring implements Dispatch.Reads<SubscriptionWiring.Field> {
    /** The fields resolved here, each at its coordinates in schema.graphqls; {@link #read} has a case for each. */
    enum Field {
        SUBSCRIPTION_TASK_CHANGED("Subscription", "taskChanged"),
        SUBSCRIPTION_COMMENT_CHANGED("Subscription", "commentChanged"),
        SUBSCRIPTION_PROJECT_CHANGED("Subscription", "projectChanged");

        final String type;
        final String fieldName;

        Field(String type, String fieldName) {
            this.type = type;
            this.fieldName = fieldName;
        }
    }

    private SubscriptionWiring() {
    }

    static void register(RuntimeWiring.Builder wiring) {
        SubscriptionWiring area = new SubscriptionWiring();
        for (Field field : Field.values()) {
            wiring.type(newTypeWiring(field.type).dataFetcher(field.fieldName, new Dispatch.Read<>(area, field)));
        }
    }

    @Override
    public Object read(Field field, DataFetchingEnvironment env) {
        return switch (field) {
            case SUBSCRIPTION_TASK_CHANGED -> {
                String projectId = Ids.projectId((String) env.getArgument("projectId"), "projectId");
                yield watch(env, TaskItem.MODEL, "task", Topics.tasks(projectId),
                        context -> Loads.project(context, projectId).thenApply(p -> Arguments.found(p, "Project")));
            }
            case SUBSCRIPTION_COMMENT_CHANGED -> {
                Ids.TaskRef task = Ids.taskRef((String) env.getArgument("taskId"), "taskId");
                yield watch(env, CommentItem.MODEL, "comment", Topics.comments(task.projectId(), task.number()),
                        context -> Loads.task(context, task.projectId(), task.number())
                                .thenApply(found -> Arguments.found(found, "Task")));
            }
            case SUBSCRIPTION_PROJECT_CHANGED -> {
                String projectId = Ids.projectId((String) env.getArgument("projectId"), "projectId");
                yield watch(env, ProjectItem.MODEL, "project", Topics.project(projectId),
                        context -> Loads.project(context, projectId).thenApply(p -> Arguments.found(p, "Project")));
            }
        };
    }

    /**
     * The source stream a subscribe returns: complete at once, as events do not flow through the function, they are
     * pushed by the fan-out.
     */
    private static final class PushedByFanOut implements Publisher<Object>, Subscription {
        static final PushedByFanOut STREAM = new PushedByFanOut();

        @Override
        public void subscribe(Subscriber<? super Object> subscriber) {
            subscriber.onSubscribe(this);
            subscriber.onComplete();
        }

        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
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
            return PushedByFanOut.STREAM;
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
