package com.tenantgraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.language.DescribedNode;
import graphql.language.Description;
import graphql.language.DirectiveDefinition;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.ImplementingTypeDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.Node;
import graphql.language.ObjectTypeDefinition;
import graphql.language.TypeDefinition;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GraphiQL's docs are the API reference: every type, field, argument, input field, enum value and directive that
 * schema.graphqls declares must carry a description. Walks the parsed SDL, the file itself (the single source of
 * truth), so a new element without one fails the build with its path.
 */
class SchemaDescriptionsTest {
    private static TypeDefinitionRegistry registry;

    @BeforeAll
    static void parseTheSchema() {
        registry = SchemaSdl.parse();
    }

    /** Elements parsed from the file carry a source location; graphql-java's built-ins do not. */
    private static boolean declaredInTheFile(Node<?> node) {
        return node.getSourceLocation() != null;
    }

    private static boolean described(Node<?> node) {
        Description description = node instanceof DescribedNode<?> d ? d.getDescription() : null;
        return description != null && description.getContent() != null && !description.getContent().isBlank();
    }

    /** Every describable element the SDL declares, with its path (Type, Type.field, Type.field(arg), @directive). */
    private static List<Element> elements() {
        List<Element> all = new ArrayList<>();
        Stream.concat(Stream.concat(registry.types().values().stream(), registry.scalars().values().stream()),
                        Stream.concat(registry.objectTypeExtensions().values().stream().flatMap(List::stream),
                                registry.interfaceTypeExtensions().values().stream().flatMap(List::stream)))
                .filter(SchemaDescriptionsTest::declaredInTheFile)
                .forEach(type -> addType(all, type));
        registry.getDirectiveDefinitions().values().stream().filter(SchemaDescriptionsTest::declaredInTheFile)
                .forEach(directive -> addDirective(all, directive));
        return all;
    }

    private static void addType(List<Element> all, TypeDefinition<?> type) {
        String name = type.getName();
        all.add(new Element(name, type));
        if (type instanceof ImplementingTypeDefinition<?> implementing) {
            for (FieldDefinition field : implementing.getFieldDefinitions()) {
                all.add(new Element(name + "." + field.getName(), field));
                addArguments(all, name + "." + field.getName(), field.getInputValueDefinitions());
            }
        }
        if (type instanceof InputObjectTypeDefinition input) {
            addArguments(all, name, input.getInputValueDefinitions());
        }
        if (type instanceof EnumTypeDefinition enumType) {
            for (EnumValueDefinition value : enumType.getEnumValueDefinitions()) {
                all.add(new Element(name + "." + value.getName(), value));
            }
        }
    }

    private static void addDirective(List<Element> all, DirectiveDefinition directive) {
        all.add(new Element("@" + directive.getName(), directive));
        addArguments(all, "@" + directive.getName(), directive.getInputValueDefinitions());
    }

    private static void addArguments(List<Element> all, String owner, List<InputValueDefinition> values) {
        for (InputValueDefinition value : values) {
            all.add(new Element(owner + "(" + value.getName() + ")", value));
        }
    }

    private record Element(String path, Node<?> node) {
    }

    @Test
    void everyDeclaredElement_hasADescription() {
        // GIVEN every type, field, argument, input field, enum value and directive declared in schema.graphqls
        List<Element> elements = elements();

        // WHEN those without a description are listed
        List<String> undocumented = elements.stream().filter(e -> !described(e.node())).map(Element::path).toList();

        // THEN there are none
        assertThat(undocumented).as("schema elements without a description").isEmpty();
    }

    @Test
    void theWalk_coversTypesFieldsEnumValuesAndScalars() {
        // GIVEN the walk the test above relies on
        // WHEN its paths are listed
        List<String> paths = elements().stream().map(Element::path).toList();

        // THEN it reaches every kind of element in today's schema, and no built-in scalar
        assertThat(paths).contains("Query", "Query.me", "Node", "Node.id", "Tenant.plan", "Plan", "Plan.ENTERPRISE",
                "UserStatus.REMOVED", "DateTime");
        assertThat(paths).doesNotContain("String", "ID", "Boolean", "Int", "Float");
    }

    @Test
    void theDescriptionCheck_rejectsAnUndocumentedElement() {
        // GIVEN a schema fragment with an undocumented field and an undocumented argument
        TypeDefinitionRegistry sample = new SchemaParser().parse(
                "\"A type.\" type T { \"Documented.\" a: Int b(\"Documented.\" x: Int, y: Int): Int }");
        ObjectTypeDefinition type = (ObjectTypeDefinition) sample.types().get("T");
        List<Element> all = new ArrayList<>();

        // WHEN walked and checked like the real schema
        addType(all, type);
        List<String> undocumented = all.stream().filter(e -> !described(e.node())).map(Element::path).toList();

        // THEN exactly the undocumented ones are named
        assertThat(undocumented).containsExactly("T.b", "T.b(y)");
        assertThat(all.stream().map(Element::path)).contains("T", "T.a", "T.b(x)");
    }
}
