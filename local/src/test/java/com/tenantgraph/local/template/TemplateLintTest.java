package com.tenantgraph.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.tenantgraph.data.TableDefinition;
import com.tenantgraph.local.gateway.GatewayResponses;
import com.tenantgraph.local.gateway.LocalApiGateway;
import com.tenantgraph.local.template.BlockYaml.Mapping;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Offline checks of {@code template.yaml}: AWS's cfn-lint finds nothing, and the parts that the code and the local
 * stack depend on — the gateway responses, the handlers and the table's indexes — match what they expect.
 *
 * <p>The repository root comes from the {@code tg.repoRoot} system property (set by the local module's surefire
 * configuration), else from the parent of the working directory.
 */
class TemplateLintTest {

    /** The cfn-lint executable: {@code TG_CFN_LINT} if set, else {@code cfn-lint} from PATH. */
    private static final String CFN_LINT = "cfn-lint";
    private static final String CFN_LINT_INSTALL = "python3 -m pip install cfn-lint";

    /**
     * API Gateway's own refusals: the local API Gateway's {@link GatewayResponses} is the one canonical table, and
     * template.yaml must configure exactly it. A null status keeps the status code of the refusal (the two defaults).
     */
    static final List<GatewayResponse> CANONICAL_GATEWAY_RESPONSES = Arrays.stream(GatewayResponses.Type.values())
            .map(t -> new GatewayResponse(t.name(), t.setsStatusCode() ? t.statusCode() : null, t.bodyTemplate()))
            .toList();

    /** Headers every gateway response carries, with API Gateway's quoting of static values. */
    static final Map<String, String> GATEWAY_RESPONSE_HEADERS = GatewayResponses.HEADERS.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> "'" + e.getValue() + "'"));

    /** The table the code creates locally is the table the template deploys. */
    static final List<String> GSI_NON_KEY_ATTRIBUTES = TableDefinition.PROJECTED_ATTRIBUTES;

    static final List<String> GSI_NAMES = TableDefinition.GSI_NAMES;

    /** DynamoDB's limit on projected non-key attributes, summed over all secondary indexes of a table. */
    private static final int MAX_PROJECTED_ATTRIBUTES = 100;

    private static Path repoRoot;
    private static Path template;
    private static Mapping document;

    record GatewayResponse(String type, Integer status, String body) {
    }

    @BeforeAll
    static void readTemplate() throws IOException {
        String configured = System.getProperty("tg.repoRoot");
        repoRoot = (configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.dir")).getParent()).toAbsolutePath().normalize();
        template = repoRoot.resolve("template.yaml");
        assertThat(template).as("template.yaml at the repository root (tg.repoRoot=%s)", repoRoot).isRegularFile();
        document = BlockYaml.parse(Files.readString(template));
    }

    @Test
    void cfnLint_reportsNothing_forTemplate() throws Exception {
        Path cfnLint = locateCfnLint().orElseGet(() -> fail("cfn-lint (AWS's, Python) was not found on PATH."
                + " Install it with: " + CFN_LINT_INSTALL + "  (or point TG_CFN_LINT at the executable)"));

        ProcessResult version = run(List.of(cfnLint.toString(), "--version"));
        assertThat(version.output().strip())
                .as("%s is not AWS's Python cfn-lint (the npm package of that name is another, stale tool)."
                        + " Install AWS's with: %s", cfnLint, CFN_LINT_INSTALL)
                .matches("cfn-lint \\d+\\.\\d+\\.\\d+.*");
        ProcessResult lint = run(List.of(cfnLint.toString(), template.getFileName().toString()));

        assertThat(lint.exitCode())
                .as("%s on template.yaml must exit 0 with no error and no warning; it reported:%n%s",
                        version.output().strip(), lint.output())
                .isZero();
        assertThat(lint.output())
                .as("%s on template.yaml must print nothing", version.output().strip())
                .isBlank();
    }

    @Test
    void gatewayResponses_matchCanonicalTable() {
        Mapping responses = theResourceOfType("AWS::Serverless::Api").mapping("Properties").mapping("GatewayResponses");

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(responses.entries().keySet())
                .as("gateway response types in template.yaml")
                .containsExactlyInAnyOrderElementsOf(
                        CANONICAL_GATEWAY_RESPONSES.stream().map(GatewayResponse::type).collect(Collectors.toList()));
        for (GatewayResponse expected : CANONICAL_GATEWAY_RESPONSES) {
            if (!responses.has(expected.type())) {
                continue;
            }
            Mapping actual = responses.mapping(expected.type());
            String type = expected.type();

            if (expected.status() == null) {
                softly.assertThat(actual.has("StatusCode")).as("%s keeps the refusal's own status: no StatusCode", type)
                        .isFalse();
            } else {
                softly.assertThat(actual.has("StatusCode") ? actual.text("StatusCode") : null).as("%s StatusCode", type)
                        .isEqualTo(expected.status().toString());
            }
            softly.assertThat(textsOf(actual.mapping("ResponseParameters").mapping("Headers")))
                    .as("%s headers", type)
                    .isEqualTo(GATEWAY_RESPONSE_HEADERS);
            softly.assertThat(textsOf(actual.mapping("ResponseTemplates")))
                    .as("%s body template", type)
                    .isEqualTo(Map.of(GatewayResponses.CONTENT_TYPE, expected.body()));
            softly.assertThat(actual.entries().keySet())
                    .as("%s properties", type)
                    .isSubsetOf("StatusCode", "ResponseParameters", "ResponseTemplates");
        }
        softly.assertAll();
    }

    @Test
    void functionHandlers_areHandlerMethodsOfClassesTheBuildCompiles() {
        Map<String, Mapping> functions = resourcesOfType("AWS::Serverless::Function");
        assertThat(functions).as("functions in template.yaml").isNotEmpty();

        SoftAssertions softly = new SoftAssertions();
        for (Map.Entry<String, Mapping> function : functions.entrySet()) {
            String handler = functionProperty(function.getValue(), "Handler");
            assertThat(handler).as("%s Handler", function.getKey()).matches("[a-z][\\w.]*\\.[A-Z]\\w*::\\w+");
            String className = handler.substring(0, handler.indexOf("::"));
            String method = handler.substring(handler.indexOf("::") + 2);
            try {
                Class<?> type = Class.forName(className, false, getClass().getClassLoader());
                softly.assertThat(Arrays.stream(type.getMethods()).map(java.lang.reflect.Method::getName))
                        .as("%s: public methods of %s", function.getKey(), className)
                        .contains(method);
            } catch (ClassNotFoundException e) {
                softly.fail("%s: the handler class %s is not in the authorizer or graphql module", function.getKey(),
                        className);
            }
        }
        softly.assertAll();
    }

    @Test
    void functionCodeUris_nameTheLambdaJarOfTheirModule() throws Exception {
        for (Map.Entry<String, Mapping> function : resourcesOfType("AWS::Serverless::Function").entrySet()) {
            String codeUri = functionProperty(function.getValue(), "CodeUri");
            int target = codeUri.indexOf("/target/");
            assertThat(target).as("%s CodeUri %s points into a module's target/ directory", function.getKey(), codeUri)
                    .isPositive();
            Path pom = repoRoot.resolve(codeUri.substring(0, target)).resolve("pom.xml");
            assertThat(pom).as("%s CodeUri %s: the module's pom", function.getKey(), codeUri).isRegularFile();

            assertThat(lambdaJar(pom))
                    .as("%s CodeUri: the Lambda jar that %s builds", function.getKey(), repoRoot.relativize(pom))
                    .hasValue(codeUri);
        }
    }

    @Test
    void apiEventsOfTheGraphqlFunction_areTheMethodsOfTheLocalApiGateway() {
        Mapping events = resourcesOfType("AWS::Serverless::Function").get("GraphQlFunction").mapping("Properties")
                .mapping("Events");

        Set<LocalApiGateway.FunctionMethod> declared = new LinkedHashSet<>();
        for (Map.Entry<String, BlockYaml.Node> event : events.entries().entrySet()) {
            Mapping api = BlockYaml.asMapping(event.getValue());
            assertThat(api.text("Type")).as("%s Type", event.getKey()).isEqualTo("Api");
            Mapping properties = api.mapping("Properties");
            boolean noAuthorizer = properties.has("Auth")
                    && "NONE".equals(properties.mapping("Auth").text("Authorizer"));
            declared.add(new LocalApiGateway.FunctionMethod(properties.text("Method"), properties.text("Path"),
                    !noAuthorizer));
        }

        assertThat(declared).as("methods (and their authorizer) of GraphQlFunction's events in template.yaml")
                .containsExactlyInAnyOrderElementsOf(LocalApiGateway.functionMethods());
        assertThat(BlockYaml.asScalar(document.mapping("Outputs").mapping("GraphiQlUrl").get("Value")).raw())
                .as("the GraphiQlUrl output").endsWith("/${StageName}/graphiql'");
    }

    @Test
    void table_hasExactlyGsi1ToGsi4_withIncludeProjections_andConsistentKeys() {
        Mapping table = theResourceOfType("AWS::DynamoDB::Table").mapping("Properties");
        SoftAssertions softly = new SoftAssertions();

        softly.assertThat(table.has("LocalSecondaryIndexes")).as("the table has LocalSecondaryIndexes").isFalse();
        softly.assertThat(keySchema(table)).as("table KeySchema")
                .containsExactly(Map.entry("PK", "HASH"), Map.entry("SK", "RANGE"));

        List<Mapping> indexes = table.sequence("GlobalSecondaryIndexes").mappings();
        softly.assertThat(indexes.stream().map(index -> index.text("IndexName")))
                .as("GSI names, in order").containsExactlyElementsOf(GSI_NAMES);

        Set<String> keyAttributes = new LinkedHashSet<>(List.of("PK", "SK"));
        indexes.forEach(index -> keySchema(index).forEach(key -> keyAttributes.add(key.getKey())));
        int projectedAttributes = 0;
        for (Mapping index : indexes) {
            String name = index.text("IndexName");
            softly.assertThat(keySchema(index)).as("%s KeySchema", name)
                    .containsExactly(Map.entry(name + "PK", "HASH"), Map.entry(name + "SK", "RANGE"));

            Mapping projection = index.mapping("Projection");
            softly.assertThat(projection.text("ProjectionType")).as("%s ProjectionType", name).isEqualTo("INCLUDE");
            List<String> nonKey = projection.has("NonKeyAttributes")
                    ? projection.sequence("NonKeyAttributes").texts()
                    : List.of();
            softly.assertThat(nonKey).as("%s NonKeyAttributes", name)
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(GSI_NON_KEY_ATTRIBUTES)
                    .doesNotContainAnyElementsOf(keyAttributes);
            projectedAttributes += nonKey.size();
        }
        softly.assertThat(projectedAttributes).as("projected attributes over all indexes (DynamoDB's limit)")
                .isLessThanOrEqualTo(MAX_PROJECTED_ATTRIBUTES);

        List<Mapping> definitions = table.sequence("AttributeDefinitions").mappings();
        softly.assertThat(definitions.stream().map(d -> d.text("AttributeName")).collect(Collectors.toList()))
                .as("AttributeDefinitions: every key attribute of the table and its GSIs, nothing else")
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(keyAttributes);
        for (Mapping definition : definitions) {
            softly.assertThat(definition.text("AttributeType")).as("type of %s", definition.text("AttributeName"))
                    .isEqualTo("S");
        }
        softly.assertAll();
    }

    @Test
    void table_isOnDemand_protected_andExpiresIdempotencyRecords() {
        Mapping table = theResourceOfType("AWS::DynamoDB::Table");
        Mapping properties = table.mapping("Properties");

        assertThat(table.text("DeletionPolicy")).isEqualTo("Retain");
        assertThat(table.text("UpdateReplacePolicy")).isEqualTo("Retain");
        assertThat(properties.text("BillingMode")).isEqualTo("PAY_PER_REQUEST");
        assertThat(properties.text("DeletionProtectionEnabled")).isEqualTo("true");
        assertThat(properties.mapping("PointInTimeRecoverySpecification").text("PointInTimeRecoveryEnabled"))
                .isEqualTo("true");
        assertThat(textsOf(properties.mapping("SSESpecification")))
                .isEqualTo(Map.of("SSEEnabled", "true", "SSEType", "KMS"));
        assertThat(textsOf(properties.mapping("TimeToLiveSpecification")))
                .isEqualTo(Map.of("AttributeName", "expiresAt", "Enabled", "true"));
    }

    // ---- template helpers -------------------------------------------------------------------------------------

    private static Map<String, Mapping> resourcesOfType(String type) {
        Map<String, Mapping> found = new LinkedHashMap<>();
        document.mapping("Resources").entries().forEach((id, node) -> {
            Mapping resource = BlockYaml.asMapping(node);
            if (type.equals(resource.text("Type"))) {
                found.put(id, resource);
            }
        });
        return found;
    }

    private static Mapping theResourceOfType(String type) {
        Map<String, Mapping> found = resourcesOfType(type);
        assertThat(found).as("resources of type %s in template.yaml", type).hasSize(1);
        return found.values().iterator().next();
    }

    /** A function property, or the Globals' value when the function does not set it. */
    private static String functionProperty(Mapping function, String name) {
        Mapping properties = function.mapping("Properties");
        if (properties.has(name)) {
            return properties.text(name);
        }
        return document.mapping("Globals").mapping("Function").text(name);
    }

    private static List<Map.Entry<String, String>> keySchema(Mapping owner) {
        return owner.sequence("KeySchema").mappings().stream()
                .map(key -> Map.entry(key.text("AttributeName"), key.text("KeyType")))
                .collect(Collectors.toList());
    }

    private static Map<String, String> textsOf(Mapping mapping) {
        Map<String, String> texts = new LinkedHashMap<>();
        mapping.entries().forEach((key, value) -> texts.put(key, BlockYaml.asScalar(value).text()));
        return texts;
    }

    /** The shade plugin's {@code outputFile} of a module's pom, relative to the repository root. */
    private static Optional<String> lambdaJar(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element project = factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
        var outputFiles = project.getElementsByTagName("outputFile");
        if (outputFiles.getLength() != 1) {
            return Optional.empty();
        }
        String module = repoRoot.relativize(pom.getParent()).toString();
        return Optional.of(outputFiles.item(0).getTextContent().strip()
                .replace("${project.build.directory}", module + "/target")
                .replace("${project.artifactId}", childText(project, "artifactId")));
    }

    private static Element firstChild(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }

    private static String childText(Element parent, String name) {
        Element child = firstChild(parent, name);
        return child == null ? null : child.getTextContent().strip();
    }

    // ---- cfn-lint ---------------------------------------------------------------------------------------------

    private record ProcessResult(int exitCode, String output) {
    }

    private static Optional<Path> locateCfnLint() {
        String override = System.getenv("TG_CFN_LINT");
        if (override != null && !override.isBlank()) {
            return Optional.of(Path.of(override)).filter(Files::isExecutable);
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        Set<String> seen = new HashSet<>();
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank() || !seen.add(dir)) {
                continue;
            }
            Path candidate = Path.of(dir, CFN_LINT);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Runs a command in the repository root, both output streams together, within a bounded time. */
    private static ProcessResult run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command)
                .directory(repoRoot.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("%s did not finish within 5 minutes", String.join(" ", command));
        }
        return new ProcessResult(process.exitValue(), output.get(1, TimeUnit.MINUTES));
    }

    private static String readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            return buffer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
