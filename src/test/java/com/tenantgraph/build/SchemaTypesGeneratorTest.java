package com.tenantgraph.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import graphql.Scalars;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.TypeResolver;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.SchemaPrinter;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build step that writes {@code SchemaTypes} from schema.graphqls. The project's own schema is held by
 * {@code SchemaTypesTest}; these tests hold the generator to every kind of element an SDL may grow (so a schema change
 * cannot silently lose a default, a deprecation or an escape), and to refusing, with what to extend, what it does
 * not write. The generated source is compiled and run here, and the schema it builds compared with graphql-java's.
 */
class SchemaTypesGeneratorTest {
    private static final GraphQLScalarType MONEY = GraphQLScalarType.newScalar(Scalars.GraphQLString).name("Money")
            .description("An amount with its currency.").build();
    private static final TypeResolver NONE = env -> null;

    private static final String EVERY_KIND = """
            "A schema with one of each kind of element; \\"quoted\\", back\\\\slashed, été, tab\\tand\\nnew line."
            schema { query: Root mutation: Change }

            "Has a name."
            interface Named { name: String! }
            interface Entity implements Named { name: String! id: ID! }
            "A person."
            type Person implements Entity & Named { name: String! id: ID! nick: String @deprecated(reason: "Use name.") }
            type Robot implements Named { name: String! model: Int @deprecated }
            "Either kind."
            union Actor = Person | Robot
            enum Mood { "Glad." HAPPY GRUMPY @deprecated(reason: "No longer felt.") }
            scalar Money
            input Filter {
              "How many."
              first: Int = 20
              ratio: Float = 0.5
              label: String = "a \\"b\\""
              strict: Boolean = true
              mood: Mood = HAPPY
              nothing: String = null
              ids: [ID!] = ["1", "2"]
              nested: Inner = {depth: 2, tags: ["x"]}
              old: Int @deprecated(reason: "Gone.")
            }
            input Inner { depth: Int tags: [String] }
            type Root {
              "Who."
              actors("Which." filter: Filter, legacy: Int @deprecated(reason: "Ignored.")): [Actor!]!
              price: Money
              named(names: [[String!]]!): [Named]
            }
            type Change { ping(mood: Mood = GRUMPY): Mood! }
            """;

    @Test
    void generate_writesEveryKindOfElement_soThatTheSchemaBuiltIsGraphQlJavasOwn(@TempDir Path dir) throws Exception {
        // GIVEN an SDL with every kind of element and the schema graphql-java's SchemaGenerator builds from it
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring().scalar(MONEY)
                .type("Named", t -> t.typeResolver(NONE)).type("Entity", t -> t.typeResolver(NONE))
                .type("Actor", t -> t.typeResolver(NONE)).build();
        GraphQLSchema expected = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(EVERY_KIND), wiring);

        // WHEN the generated source is compiled and builds the schema with the same scalars and resolvers
        String source = SchemaTypesGenerator.generate(EVERY_KIND, "every-kind.graphqls");
        GraphQLSchema actual = build(source, dir, Map.of("Money", MONEY), GraphQLCodeRegistry.newCodeRegistry()
                .typeResolver("Named", NONE).typeResolver("Entity", NONE).typeResolver("Actor", NONE).build());

        // THEN the two print the same, defaults, deprecations, descriptions and escapes included
        SchemaPrinter printer = new SchemaPrinter(SchemaPrinter.Options.defaultOptions().includeSchemaDefinition(true));
        assertThat(printer.print(actual)).isEqualTo(printer.print(expected))
                .contains("nested: Inner = {depth : 2, tags : [\"x\"]}", "été", "@deprecated(reason : \"No longer felt.\")");
        assertThat(source).startsWith("package com.tenantgraph.graphql;").contains("GENERATED at build time");
    }

    @Test
    void generate_refusesACustomDirectiveDefinition_sayingWhatToExtend() {
        String sdl = "directive @cached(seconds: Int) on FIELD_DEFINITION\ntype Query { a: Int }";

        assertThatThrownBy(() -> SchemaTypesGenerator.generate(sdl, "s.graphqls"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the directive definition @cached")
                .hasMessageContaining("extend src/build/java/com/tenantgraph/build/SchemaTypesGenerator.java");
    }

    @Test
    void generate_refusesAnAppliedDirectiveOtherThanDeprecated() {
        String sdl = "type Query { a(f: F): Int }\ninput F @oneOf { x: Int y: String }";

        assertThatThrownBy(() -> SchemaTypesGenerator.generate(sdl, "s.graphqls"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("@oneOf on input F");
    }

    @Test
    void generate_refusesAnSdlGraphQlJavaRefuses() {
        String sdl = "type Query { a: Missing }";

        assertThatThrownBy(() -> SchemaTypesGenerator.generate(sdl, "s.graphqls"))
                .hasMessageContaining("Missing");
    }

    @Test
    void literal_escapesWhatJavaSourceCannotHoldAsIs() {
        assertThat(SchemaTypesGenerator.literal("a\"b\\c\nd\te\u0001é"))
                .isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001\\u00e9\"");
    }

    /** Compiles {@code source} into {@code dir}, loads it apart from the project's own SchemaTypes, and builds. */
    private static GraphQLSchema build(String source, Path dir, Map<String, GraphQLScalarType> scalars,
                                       GraphQLCodeRegistry code) throws Exception {
        Path file = dir.resolve("com/tenantgraph/graphql/SchemaTypes.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", dir.toString(), "-classpath",
                System.getProperty("java.class.path"), file.toString());
        assertThat(status).as("javac of the generated source").isZero();
        Class<?> types = new IsolatingLoader(dir).loadClass("com.tenantgraph.graphql.SchemaTypes");
        Method newSchema = types.getDeclaredMethod("newSchema", Map.class);
        newSchema.setAccessible(true);
        return ((GraphQLSchema.Builder) newSchema.invoke(null, scalars)).codeRegistry(code).build();
    }

    /** Loads the generated class from the directory, everything else (graphql-java) from the test's class path. */
    private static final class IsolatingLoader extends ClassLoader {
        private final Path dir;

        IsolatingLoader(Path dir) {
            super(SchemaTypesGeneratorTest.class.getClassLoader());
            this.dir = dir;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            Path file = dir.resolve(name.replace('.', File.separatorChar) + ".class");
            if (!Files.exists(file)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded != null) {
                    return loaded;
                }
                try {
                    byte[] bytes = Files.readAllBytes(file);
                    return defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
        }
    }

}
