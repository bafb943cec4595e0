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
    public static final GraphQLScalarType DATE_TIME = scalar("DateTime", "An instant in UTC, ISO-8601",
            new DateTimeFormat());

    /** Calendar days, exactly {@code yyyy-MM-dd}. */
    public static final GraphQLScalarType DATE = scalar("Date", "A calendar day, ISO-8601 yyyy-MM-dd",
            new DateFormat());

    private static GraphQLScalarType scalar(String name, String description, StringFormat<?> format) {
        return GraphQLScalarType.newScalar().name(name).description(description).coercing(format).build();
    }

    /**
     * A scalar carried as a string in one format: {@link #parse} throws DateTimeException on anything else, refused
     * with the coercing exception of the step (variable value or literal) and a message that shows the format.
     */
    private abstract static class StringFormat<T> implements Coercing<T, String> {
        private final String name;
        private final Class<T> type;
        private final String formatHint;

        StringFormat(String name, Class<T> type, String formatHint) {
            this.name = name;
            this.type = type;
            this.formatHint = formatHint;
        }

        abstract String format(T value);

        abstract T parse(String text);

        @Override
        public String serialize(Object value, GraphQLContext context, Locale locale) {
            if (type.isInstance(value)) {
                return format(type.cast(value));
            }
            throw new CoercingSerializeException("not a " + name);
        }

        @Override
        public T parseValue(Object input, GraphQLContext context, Locale locale) {
            T parsed = input instanceof String text ? parsedOrNull(text) : null;
            if (parsed == null) {
                throw new CoercingParseValueException(formatHint);
            }
            return parsed;
        }

        @Override
        public T parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            T parsed = input instanceof StringValue text ? parsedOrNull(text.getValue()) : null;
            if (parsed == null) {
                throw new CoercingParseLiteralException(formatHint);
            }
            return parsed;
        }

        private T parsedOrNull(String text) {
            try {
                return parse(text);
            } catch (DateTimeException e) {
                return null;
            }
        }
    }

    private static final class DateTimeFormat extends StringFormat<Instant> {
        DateTimeFormat() {
            super("DateTime", Instant.class, "DateTime must be an ISO-8601 instant like 2026-11-25T09:30:00Z");
        }

        @Override
        String format(Instant value) {
            return value.toString();
        }

        @Override
        Instant parse(String text) {
            return Instant.parse(text);
        }
    }

    private static final class DateFormat extends StringFormat<LocalDate> {
        DateFormat() {
            super("Date", LocalDate.class, "Date must be a real day written yyyy-MM-dd, like 2026-12-24");
        }

        @Override
        String format(LocalDate value) {
            return DAY.format(value);
        }

        @Override
        LocalDate parse(String text) {
            if (text.length() != 10) {
                throw new DateTimeException("not yyyy-MM-dd");
            }
            return LocalDate.parse(text, DAY);
        }
    }
}
