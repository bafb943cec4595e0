package com.tenantgraph.graphql.domain;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.function.Function;

/** The {@code Date} scalar: exactly {@code yyyy-MM-dd}; anything else is refused before execution (BAD_USER_INPUT). */
public final class DateScalar {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    private DateScalar() {
    }

    public static final GraphQLScalarType DATE = GraphQLScalarType.newScalar()
            .name("Date")
            .description("A calendar day, ISO-8601 yyyy-MM-dd")
            .coercing(new Coercing<LocalDate, String>() {
                @Override
                public String serialize(Object value, GraphQLContext context, Locale locale) {
                    if (value instanceof LocalDate date) {
                        return FORMAT.format(date);
                    }
                    throw new CoercingSerializeException("not a date");
                }

                @Override
                public LocalDate parseValue(Object input, GraphQLContext context, Locale locale) {
                    if (input instanceof String text) {
                        return parse(text, CoercingParseValueException::new);
                    }
                    throw new CoercingParseValueException("Date must be a string yyyy-MM-dd");
                }

                @Override
                public LocalDate parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                                              Locale locale) {
                    if (input instanceof StringValue text) {
                        return parse(text.getValue(), CoercingParseLiteralException::new);
                    }
                    throw new CoercingParseLiteralException("Date must be a string yyyy-MM-dd");
                }
            })
            .build();

    static LocalDate parse(String text, Function<String, RuntimeException> error) {
        try {
            if (text.length() != 10) {
                throw error.apply("Date must be yyyy-MM-dd, like 2026-12-24");
            }
            return LocalDate.parse(text, FORMAT);
        } catch (DateTimeParseException e) {
            throw error.apply("Date must be a real day written yyyy-MM-dd, like 2026-12-24");
        }
    }
}
