package com.tenantgraph.build;

import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.EnumValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLDirective;
import graphql.schema.GraphQLDirectiveContainer;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLImplementingType;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLUnionType;
import graphql.schema.InputValueWithState;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.ScalarInfo;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Build step of the GraphQL Lambda (graphql/pom.xml, phase generate-sources): reads schema.graphqls, checks it with
 * graphql-java's own SchemaGenerator, and writes {@code com.tenantgraph.graphql.SchemaTypes}, Java code that builds
 * the same types with graphql-java's builders. At a cold start the function then builds its executable schema
 * without parsing SDL or running the SDL-to-schema generator (docs/performance.md, "The schema at init").
 *
 * <p>schema.graphqls stays the single source of truth: the generated class is never committed, it is rewritten by
 * every build, and {@code SchemaTypesTest} holds that the schema it builds prints exactly as the SDL's does. What the
 * generator does not know how to write (a custom directive, an applied directive other than {@code @deprecated})
 * fails the build with what to extend, rather than being left out.
 *
 * <p>Launched as a single-file program ({@code java -cp <graphql-java> SchemaTypesGenerator.java <sdl> <out dir>}),
 * so the build needs no module of its own.
 */
public final class SchemaTypesGenerator {
    private static final String PACKAGE = "com.tenantgraph.graphql";
    private static final String CLASS = "SchemaTypes";
    /** What graphql-java adds to every schema itself; a definition of one of these in the SDL would be refused. */
    private static final Set<String> BUILT_IN_DIRECTIVES = Set.of(
            "include", "skip", "deprecated", "specifiedBy", "oneOf", "defer", "experimental_disableErrorPropagation");

    private final StringBuilder out = new StringBuilder();

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: SchemaTypesGenerator <schema.graphqls> <generated sources dir>");
        }
        Path sdl = Path.of(args[0]);
        Path file = Path.of(args[1]).resolve(PACKAGE.replace('.', '/')).resolve(CLASS + ".java");
        String source = generate(Files.readString(sdl, StandardCharsets.UTF_8), sdl.getFileName().toString());
        Files.createDirectories(file.getParent());
        if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(source)) {
            Files.writeString(file, source, StandardCharsets.UTF_8); // unchanged input, untouched file: no recompile
        }
    }

    /** The Java source of {@code SchemaTypes} for the given SDL. */
    public static String generate(String sdl, String sourceName) {
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl),
                RuntimeWiring.MOCKED_WIRING);
        return new SchemaTypesGenerator().write(schema, sourceName);
    }

    private String write(GraphQLSchema schema, String sourceName) {
        for (GraphQLDirective directive : schema.getDirectives()) {
            if (!BUILT_IN_DIRECTIVES.contains(directive.getName())) {
                throw unsupported("the directive definition @" + directive.getName());
            }
        }
        if (!schema.getSchemaAppliedDirectives().isEmpty()) {
            throw unsupported("directives on the schema definition");
        }
        List<GraphQLNamedType> types = schema.getAllTypesAsList().stream()
                .filter(t -> !t.getName().startsWith("__"))
                .filter(t -> !ScalarInfo.isGraphqlSpecifiedScalar(t.getName()))
                .collect(Collectors.toList());

        line(0, "package " + PACKAGE + ";");
        line(0, "");
        line(0, "import static graphql.schema.GraphQLArgument.newArgument;");
        line(0, "import static graphql.schema.GraphQLEnumType.newEnum;");
        line(0, "import static graphql.schema.GraphQLEnumValueDefinition.newEnumValueDefinition;");
        line(0, "import static graphql.schema.GraphQLFieldDefinition.newFieldDefinition;");
        line(0, "import static graphql.schema.GraphQLInputObjectField.newInputObjectField;");
        line(0, "import static graphql.schema.GraphQLInputObjectType.newInputObject;");
        line(0, "import static graphql.schema.GraphQLInterfaceType.newInterface;");
        line(0, "import static graphql.schema.GraphQLList.list;");
        line(0, "import static graphql.schema.GraphQLNonNull.nonNull;");
        line(0, "import static graphql.schema.GraphQLObjectType.newObject;");
        line(0, "import static graphql.schema.GraphQLTypeReference.typeRef;");
        line(0, "import static graphql.schema.GraphQLUnionType.newUnionType;");
        line(0, "");
        line(0, "import graphql.schema.GraphQLNamedType;");
        line(0, "import graphql.schema.GraphQLScalarType;");
        line(0, "import graphql.schema.GraphQLSchema;");
        line(0, "import java.util.LinkedHashSet;");
        line(0, "import java.util.Map;");
        line(0, "import java.util.Set;");
        line(0, "");
        line(0, "/**");
        line(0, " * GENERATED at build time from " + sourceName + " by");
        line(0, " * src/build/java/com/tenantgraph/build/SchemaTypesGenerator.java: do not edit it, edit the SDL. The SDL's");
        line(0, " * types built with graphql-java's builders, so that a cold start does not parse SDL ({@link Schema#executable}).");
        line(0, " */");
        line(0, "final class " + CLASS + " {");
        line(1, "private " + CLASS + "() {");
        line(1, "}");
        line(0, "");
        line(1, "/**");
        line(1, " * The schema's types, roots and description, ready for its code registry; {@code scalars} gives each");
        line(1, " * custom scalar of the SDL its implementation (the runtime wiring's scalars).");
        line(1, " */");
        line(1, "static GraphQLSchema.Builder newSchema(Map<String, GraphQLScalarType> scalars) {");
        line(2, "Set<GraphQLNamedType> types = new LinkedHashSet<>();");
        for (GraphQLNamedType type : types) {
            if (type instanceof GraphQLScalarType) {
                line(2, "types.add(scalar(scalars, " + literal(type.getName()) + "));");
            } else if (!isRoot(schema, type)) {
                line(2, "types.add(" + methodName(type) + "());");
            }
        }
        line(2, "return GraphQLSchema.newSchema()");
        if (schema.getDescription() != null) {
            line(4, ".description(" + literal(schema.getDescription()) + ")");
        }
        line(4, ".query(" + methodName(schema.getQueryType()) + "())");
        if (schema.getMutationType() != null) {
            line(4, ".mutation(" + methodName(schema.getMutationType()) + "())");
        }
        if (schema.getSubscriptionType() != null) {
            line(4, ".subscription(" + methodName(schema.getSubscriptionType()) + "())");
        }
        line(4, ".additionalTypes(types);");
        line(1, "}");
        line(0, "");
        line(1, "private static GraphQLScalarType scalar(Map<String, GraphQLScalarType> scalars, String name) {");
        line(2, "GraphQLScalarType scalar = scalars.get(name);");
        line(2, "if (scalar == null) {");
        line(3, "throw new IllegalStateException(\"scalar \" + name + \" of the schema has no implementation in the wiring\");");
        line(2, "}");
        line(2, "return scalar;");
        line(1, "}");
        for (GraphQLNamedType type : types) {
            if (!(type instanceof GraphQLScalarType)) {
                writeType(type);
            }
        }
        line(0, "}");
        return out.toString();
    }

    private void writeType(GraphQLNamedType type) {
        line(0, "");
        String builderType = type.getClass().getSimpleName();
        line(1, "private static graphql.schema." + builderType + " " + methodName(type) + "() {");
        if (type instanceof GraphQLImplementingType implementing) { // an object type or an interface
            String kind = type instanceof GraphQLObjectType ? "type" : "interface";
            noDirectives((GraphQLDirectiveContainer) type, kind + " " + type.getName());
            line(2, "return " + (kind.equals("type") ? "newObject()" : "newInterface()") + ".name("
                    + literal(type.getName()) + ")" + description(implementing.getDescription()));
            for (GraphQLNamedType iface : implementing.getInterfaces()) {
                line(4, ".withInterface(typeRef(" + literal(iface.getName()) + "))");
            }
            implementing.getFieldDefinitions().forEach(f -> writeField(f, type.getName()));
        } else if (type instanceof GraphQLUnionType union) {
            noDirectives(union, "union " + union.getName());
            line(2, "return newUnionType().name(" + literal(union.getName()) + ")" + description(union.getDescription()));
            for (GraphQLNamedType member : union.getTypes()) {
                line(4, ".possibleType(typeRef(" + literal(member.getName()) + "))");
            }
        } else if (type instanceof GraphQLEnumType enumType) {
            noDirectives(enumType, "enum " + enumType.getName());
            line(2, "return newEnum().name(" + literal(enumType.getName()) + ")" + description(enumType.getDescription()));
            for (GraphQLEnumValueDefinition value : enumType.getValues()) {
                String where = enumType.getName() + "." + value.getName();
                if (!value.getName().equals(value.getValue())) {
                    throw unsupported("the enum value " + where + " with a value of its own");
                }
                line(4, ".value(newEnumValueDefinition().name(" + literal(value.getName()) + ").value("
                        + literal(value.getName()) + ")" + description(value.getDescription())
                        + deprecation(value, where, "deprecationReason") + ".build())");
            }
        } else if (type instanceof GraphQLInputObjectType input) {
            noDirectives(input, "input " + input.getName());
            line(2, "return newInputObject().name(" + literal(input.getName()) + ")" + description(input.getDescription()));
            for (GraphQLInputObjectField field : input.getFieldDefinitions()) {
                String where = input.getName() + "." + field.getName();
                line(4, ".field(newInputObjectField().name(" + literal(field.getName()) + ")"
                        + description(field.getDescription()) + ".type(" + typeExpression(field.getType()) + ")"
                        + defaultValue(field.getInputFieldDefaultValue(), where) + deprecation(field, where) + ")");
            }
        } else {
            throw unsupported("the kind of type " + type.getName() + " (" + type.getClass().getSimpleName() + ")");
        }
        line(4, ".build();");
        line(1, "}");
    }

    private void writeField(GraphQLFieldDefinition field, String owner) {
        String where = owner + "." + field.getName();
        StringBuilder call = new StringBuilder(".field(newFieldDefinition().name(" + literal(field.getName()) + ")"
                + description(field.getDescription()));
        for (GraphQLArgument argument : field.getArguments()) {
            String argumentAt = where + "(" + argument.getName() + ":)";
            call.append("\n").append("    ".repeat(6)).append(".argument(newArgument().name(")
                    .append(literal(argument.getName())).append(")").append(description(argument.getDescription()))
                    .append(".type(").append(typeExpression(argument.getType())).append(")")
                    .append(defaultValue(argument.getArgumentDefaultValue(), argumentAt))
                    .append(deprecation(argument, argumentAt)).append(")");
        }
        call.append(".type(").append(typeExpression(field.getType())).append(")")
                .append(deprecation(field, where)).append(")");
        line(4, call.toString());
    }

    private static String typeExpression(GraphQLType type) {
        if (type instanceof GraphQLNonNull nonNull) {
            return "nonNull(" + typeExpression(nonNull.getWrappedType()) + ")";
        }
        if (type instanceof GraphQLList list) {
            return "list(" + typeExpression(list.getWrappedType()) + ")";
        }
        String name = ((GraphQLNamedType) type).getName();
        if (ScalarInfo.isGraphqlSpecifiedScalar(name)) {
            return "graphql.Scalars.GraphQL" + name;
        }
        return "typeRef(" + literal(name) + ")";
    }

    private static String defaultValue(InputValueWithState value, String where) {
        if (value.isNotSet()) {
            return "";
        }
        if (!value.isLiteral()) {
            throw unsupported("the default of " + where + " (not a literal)");
        }
        return ".defaultValueLiteral(" + valueExpression((Value<?>) value.getValue(), where) + ")";
    }

    private static String valueExpression(Value<?> value, String where) {
        if (value instanceof IntValue v) {
            return "graphql.language.IntValue.of(" + v.getValue().intValueExact() + ")";
        }
        if (value instanceof FloatValue v) {
            return "graphql.language.FloatValue.of(" + v.getValue().doubleValue() + "d)";
        }
        if (value instanceof StringValue v) {
            return "graphql.language.StringValue.of(" + literal(v.getValue()) + ")";
        }
        if (value instanceof BooleanValue v) {
            return "graphql.language.BooleanValue.of(" + v.isValue() + ")";
        }
        if (value instanceof EnumValue v) {
            return "graphql.language.EnumValue.of(" + literal(v.getName()) + ")";
        }
        if (value instanceof NullValue) {
            return "graphql.language.NullValue.of()";
        }
        if (value instanceof ArrayValue v) {
            return "graphql.language.ArrayValue.newArrayValue()" + v.getValues().stream()
                    .map(e -> ".value(" + valueExpression(e, where) + ")").collect(Collectors.joining()) + ".build()";
        }
        if (value instanceof ObjectValue v) {
            StringBuilder s = new StringBuilder("graphql.language.ObjectValue.newObjectValue()");
            for (ObjectField f : v.getObjectFields()) {
                s.append(".objectField(graphql.language.ObjectField.newObjectField().name(").append(literal(f.getName()))
                        .append(").value(").append(valueExpression(f.getValue(), where)).append(").build())");
            }
            return s.append(".build()").toString();
        }
        throw unsupported("the default of " + where + " (" + value.getClass().getSimpleName() + ")");
    }

    /** {@code @deprecated} is written as graphql-java's deprecation; any other applied directive is refused. */
    private static String deprecation(GraphQLDirectiveContainer element, String where) {
        return deprecation(element, where, "deprecate");
    }

    /** {@code builderMethod}: what the element's builder calls it (an enum value's says deprecationReason). */
    private static String deprecation(GraphQLDirectiveContainer element, String where, String builderMethod) {
        String reason = null;
        for (GraphQLAppliedDirective applied : element.getAppliedDirectives()) {
            if (!applied.getName().equals("deprecated")) {
                throw unsupported("@" + applied.getName() + " on " + where);
            }
            reason = applied.getArgument("reason").getValue();
        }
        return reason == null ? "" : "." + builderMethod + "(" + literal(reason) + ")";
    }

    private static void noDirectives(GraphQLDirectiveContainer element, String where) {
        if (!element.getAppliedDirectives().isEmpty()) {
            throw unsupported("@" + element.getAppliedDirectives().get(0).getName() + " on " + where);
        }
    }

    private static String description(String description) {
        return description == null ? "" : ".description(" + literal(description) + ")";
    }

    private static boolean isRoot(GraphQLSchema schema, GraphQLNamedType type) {
        return type == schema.getQueryType() || type == schema.getMutationType() || type == schema.getSubscriptionType();
    }

    private static String methodName(GraphQLNamedType type) {
        String name = type.getName();
        return Character.toLowerCase(name.charAt(0)) + name.substring(1) + "Type";
    }

    static String literal(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static IllegalStateException unsupported(String what) {
        return new IllegalStateException("schema.graphqls uses " + what + ", which SchemaTypesGenerator does not write"
                + " yet: extend src/build/java/com/tenantgraph/build/SchemaTypesGenerator.java (and SchemaTypesTest)");
    }

    private void line(int indent, String text) {
        out.append("    ".repeat(indent)).append(text).append('\n');
    }
}
