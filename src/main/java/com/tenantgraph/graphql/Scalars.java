package com.tenantgraph.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Locale;

/** The custom scalars of schema.graphqls. */
public final class Scalars {
    private Scalars() {
    }

    /** ISO-8601 instants in UTC. */
    public static final GraphQLScalarType DATE_TIME = GraphQLScalarType.newScalar()
            .name("DateTime")
            .description("An instant in UTC, ISO-8601")
            .coercing(new Coercing<Instant, String>() {
                @Override
                public String serialize(Object value, GraphQLContext context, Locale locale) {
                    if (value instanceof Instant instant) {
                        return instant.toString();
                    }
                    throw new CoercingSerializeException("not an instant");
                }

                @Override
                public Instant parseValue(Object input, GraphQLContext context, Locale locale) {
                    if (input instanceof String text) {
                        return parse(text, CoercingParseValueException::new);
                    }
                    throw new CoercingParseValueException("DateTime must be an ISO-8601 string");
                }

                @Override
                public Instant parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                                            Locale locale) {
                    if (input instanceof StringValue text) {
                        return parse(text.getValue(), CoercingParseLiteralException::new);
                    }
                    throw new CoercingParseLiteralException("DateTime must be an ISO-8601 string");
                }
            })
            .build();

    private static Instant parse(String text, java.util.function.Function<String, RuntimeException> error) {
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            throw error.apply("DateTime must be an ISO-8601 instant like 2026-11-25T09:30:00Z");
        }
    }
}
