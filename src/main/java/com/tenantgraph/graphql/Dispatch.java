package com.tenantgraph.graphql;

import com.tenantgraph.pipeline.Guard;
import com.tenantgraph.tenancy.Member;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * How the fields of an area of the schema reach its code. An area (one {@code *Wiring} class) lists the fields it
 * resolves in an enum, and its mutations in another (each with the action the Guard checks), and resolves each in
 * one switch without a default, so the compiler refuses a listed field that has no case. What graphql-java holds
 * for a field is a {@link Read} (or, inside the Guard, a {@link Write}) naming the area and the field's constant:
 * two small classes shared by every field of the schema, where a lambda per field would be a class per field,
 * generated and linked at every cold start.
 */
final class Dispatch {
    private Dispatch() {
    }

    /** An area's reads: one switch over its fields. */
    interface Reads<F extends Enum<F>> {
        Object read(F field, DataFetchingEnvironment env);
    }

    /** An area's mutations, run by the Guard once the caller may: one switch over them. */
    interface Writes<M extends Enum<M>> {
        CompletableFuture<Map<String, Object>> write(M mutation, DataFetchingEnvironment env, Member member);
    }

    /** The data fetcher of one field: the area's {@link Reads#read} of the field's constant. */
    static final class Read<F extends Enum<F>> implements DataFetcher<Object> {
        private final Reads<F> area;
        private final F field;

        Read(Reads<F> area, F field) {
            this.area = area;
            this.field = field;
        }

        @Override
        public Object get(DataFetchingEnvironment env) {
            return area.read(field, env);
        }
    }

    /** The guarded write of one mutation: the area's {@link Writes#write} of the mutation's constant. */
    static final class Write<M extends Enum<M>> implements Guard.GuardedWrite<Map<String, Object>> {
        private final Writes<M> area;
        private final M mutation;

        Write(Writes<M> area, M mutation) {
            this.area = area;
            this.mutation = mutation;
        }

        @Override
        public CompletableFuture<Map<String, Object>> run(DataFetchingEnvironment env, Member member) {
            return area.write(mutation, env, member);
        }
    }
}
