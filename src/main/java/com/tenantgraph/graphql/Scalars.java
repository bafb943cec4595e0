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
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.function.Function;

/**
 * The custom scalars of schema.graphqls. Both are strings in one exact format; anything else is refused before
 * execution (BAD_USER_INPUT) with a message that shows the format.
 */
public final class Scalars {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    private Scalars() {
    }

    /** ISO-8601 instants in UTC. */
    public static final GraphQLScalarType DATE_TIME = stringScalar("DateTime", "An instant in UTC, ISO-8601",
            Instant.class, Instant::toString, Instant::parse,
            "DateTime must be an ISO-8601 instant like 2026-11-25T09:30:00Z");

    /** Calendar days, exactly {@code yyyy-MM-dd}. */
    public static final GraphQLScalarType DATE = stringScalar("Date", "A calendar day, ISO-8601 yyyy-MM-dd",
            LocalDate.class, DAY::format, Scalars::parseDay,
            "Date must be a real day written yyyy-MM-dd, like 2026-12-24");

    private static LocalDate parseDay(String text) {
        if (text.length() != 10) {
            throw new DateTimeException("not yyyy-MM-dd");
        }
        return LocalDate.parse(text, DAY);
    }

    /** A scalar carried as a string in one format: {@code parse} throws DateTimeException on anything else. */
    private static <T> GraphQLScalarType stringScalar(String name, String description, Class<T> type,
                                                       Function<T, String> format, Function<String, T> parse,
                                                       String formatHint) {
        return GraphQLScalarType.newScalar()
                .name(name)
                .description(description)
                .coercing(new Coercing<T, String>() {
                    @Override
                    public String serialize(Object value, GraphQLContext context, Locale locale) {
                        if (type.isInstance(value)) {
                            return format.apply(type.cast(value));
                        }
                        throw new CoercingSerializeException("not a " + name);
                    }

                    @Override
                    public T parseValue(Object input, GraphQLContext context, Locale locale) {
                        if (input instanceof String text) {
                            return parseOr(text, CoercingParseValueException::new);
                        }
                        throw new CoercingParseValueException(formatHint);
                    }

                    @Override
                    public T parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                                          Locale locale) {
                        if (input instanceof StringValue text) {
                            return parseOr(text.getValue(), CoercingParseLiteralException::new);
                        }
                        throw new CoercingParseLiteralException(formatHint);
                    }

                    private T parseOr(String text, Function<String, RuntimeException> error) {
                        try {
                            return parse.apply(text);
                        } catch (DateTimeException e) {
                            throw error.apply(formatHint);
                        }
                    }
                })
                .build();
    }
}
