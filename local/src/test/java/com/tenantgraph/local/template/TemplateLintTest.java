package com.tenantgraph.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.tenantgraph.data.TableDefinition;
import com.tenantgraph.local.RepoFiles;
import com.tenantgraph.local.gateway.ApiDefinition;
import java.io.File;
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
import javax.xml.parsers.DocumentBuilderFactory;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Offline checks of {@code template.yaml}: AWS's cfn-lint finds nothing, and what the build and the code depend on
 * holds: each handler is a method of a class the build compiles, each CodeUri is the Lambda jar its module builds,
 * the table is the one the code creates locally, and the URL outputs point at resources of the API. (The local API
 * Gateway reads its API from the template itself; its own tests cover that reading.)
 */
class TemplateLintTest {

    /** The cfn-lint executable: {@code TG_CFN_LINT} if set, else {@code cfn-lint} from PATH. */
    private static final String CFN_LINT = "cfn-lint";
    private static final String CFN_LINT_INSTALL = "python3 -m pip install cfn-lint";

    /** The table the code creates locally is the table the template deploys. */
    static final List<String> GSI_NON_KEY_ATTRIBUTES = TableDefinition.PROJECTED_ATTRIBUTES;

    static final List<String> GSI_NAMES = TableDefinition.GSI_NAMES;

    /** DynamoDB's limit on projected non-key attributes, summed over all secondary indexes of a table. */
    private static final int MAX_PROJECTED_ATTRIBUTES = 100;

    private static Path repoRoot;
    private static Path template;
    private static SamTemplate document;

    @BeforeAll
    static void readTemplate() {
        repoRoot = RepoFiles.root();
        template = RepoFiles.template();
        assertThat(template).as("template.yaml at the repository root (tg.repoRoot=%s)", repoRoot).isRegularFile();
        document = SamTemplate.read(template, Map.of());
    }

    @Test
    void cfnLint_reportsNothing_forTemplate() throws Exception {
        Path cfnLint = locateCfnLint().orElseGet(() -> fail("cfn-lint (AWS's, Python) was not found on PATH."
                + " Install it with: " + CFN_LINT_INSTALL + "  (or point TG_CFN_LINT at the executable)"));

        ToolRun version = ToolRun.of(repoRoot, List.of(cfnLint.toString(), "--version"));
        assertThat(version.output().strip())
                .as("%s is not AWS's Python cfn-lint (the npm package of that name is another, stale tool)."
                        + " Install AWS's with: %s", cfnLint, CFN_LINT_INSTALL)
                .matches("cfn-lint \\d+\\.\\d+\\.\\d+.*");
        ToolRun lint = ToolRun.of(repoRoot, List.of(cfnLint.toString(), template.getFileName().toString()));

        assertThat(lint.exitCode())
                .as("%s on template.yaml must exit 0 with no error and no warning; it reported:%n%s",
                        version.output().strip(), lint.output())
                .isZero();
        assertThat(lint.output())
                .as("%s on template.yaml must print nothing", version.output().strip())
                .isBlank();
    }

    @Test
    void functionHandlers_areHandlerMethodsOfClassesTheBuildCompiles() {
        Map<String, TemplateNode> functions = document.resourcesOfType("AWS::Serverless::Function");
        assertThat(functions).as("functions in template.yaml").isNotEmpty();

        SoftAssertions softly = new SoftAssertions();
        for (String function : functions.keySet()) {
            String handler = document.property(function, "Handler").text();
            assertThat(handler).as("%s Handler", function).matches("[a-z][\\w.]*\\.[A-Z]\\w*::\\w+");
            String className = handler.substring(0, handler.indexOf("::"));
            String method = handler.substring(handler.indexOf("::") + 2);
            try {
                Class<?> type = Class.forName(className, false, getClass().getClassLoader());
                softly.assertThat(Arrays.stream(type.getMethods()).map(java.lang.reflect.Method::getName))
                        .as("%s: public methods of %s", function, className)
                        .contains(method);
            } catch (ClassNotFoundException e) {
                softly.fail("%s: the handler class %s is not in the authorizer or graphql module", function,
                        className);
            }
        }
        softly.assertAll();
    }

    @Test
    void functionCodeUris_nameTheLambdaJarOfTheirModule() throws Exception {
        for (String function : document.resourcesOfType("AWS::Serverless::Function").keySet()) {
            String codeUri = document.property(function, "CodeUri").text();
            int target = codeUri.indexOf("/target/");
            assertThat(target).as("%s CodeUri %s points into a module's target/ directory", function, codeUri)
                    .isPositive();
            Path pom = repoRoot.resolve(codeUri.substring(0, target)).resolve("pom.xml");
            assertThat(pom).as("%s CodeUri %s: the module's pom", function, codeUri).isRegularFile();

            assertThat(lambdaJar(pom))
                    .as("%s CodeUri: the Lambda jar that %s builds", function, repoRoot.relativize(pom))
                    .hasValue(codeUri);
        }
    }

    @Test
    void urlOutputs_pointAtResourcesOfTheApi() {
        Set<String> resources = new LinkedHashSet<>();
        ApiDefinition.fromTemplate(document).routes().forEach(route -> resources.add(route.resource()));

        for (String output : List.of("graphqlUrl", "graphiqlUrl")) {
            String url = document.root().require("Outputs").require(output).require("Value").require("Fn::Sub").text();
            assertThat(url).as("the %s output", output).startsWith("https://${Api}.execute-api.")
                    .contains("/${StageName}/");
            assertThat(url.substring(url.indexOf("/${StageName}") + "/${StageName}".length()))
                    .as("the %s output's resource", output).isIn(resources);
        }
    }

    @Test
    void table_hasExactlyGsi1ToGsi4_withIncludeProjections_andConsistentKeys() {
        TemplateNode table = theResourceOfType("AWS::DynamoDB::Table").require("Properties");
        SoftAssertions softly = new SoftAssertions();

        softly.assertThat(table.get("LocalSecondaryIndexes").isPresent()).as("the table has LocalSecondaryIndexes")
                .isFalse();
        softly.assertThat(keySchema(table)).as("table KeySchema")
                .containsExactly(Map.entry("PK", "HASH"), Map.entry("SK", "RANGE"));

        List<TemplateNode> indexes = table.require("GlobalSecondaryIndexes").items();
        softly.assertThat(indexes.stream().map(index -> index.require("IndexName").text()))
                .as("GSI names, in order").containsExactlyElementsOf(GSI_NAMES);

        Set<String> keyAttributes = new LinkedHashSet<>(List.of("PK", "SK"));
        indexes.forEach(index -> keySchema(index).forEach(key -> keyAttributes.add(key.getKey())));
        int projectedAttributes = 0;
        for (TemplateNode index : indexes) {
            String name = index.require("IndexName").text();
            softly.assertThat(keySchema(index)).as("%s KeySchema", name)
                    .containsExactly(Map.entry(name + "PK", "HASH"), Map.entry(name + "SK", "RANGE"));

            TemplateNode projection = index.require("Projection");
            softly.assertThat(projection.require("ProjectionType").text()).as("%s ProjectionType", name)
                    .isEqualTo("INCLUDE");
            List<String> nonKey = projection.get("NonKeyAttributes").items().stream().map(TemplateNode::text).toList();
            softly.assertThat(nonKey).as("%s NonKeyAttributes", name)
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(GSI_NON_KEY_ATTRIBUTES)
                    .doesNotContainAnyElementsOf(keyAttributes);
            projectedAttributes += nonKey.size();
        }
        softly.assertThat(projectedAttributes).as("projected attributes over all indexes (DynamoDB's limit)")
                .isLessThanOrEqualTo(MAX_PROJECTED_ATTRIBUTES);

        List<TemplateNode> definitions = table.require("AttributeDefinitions").items();
        softly.assertThat(definitions.stream().map(d -> d.require("AttributeName").text()).toList())
                .as("AttributeDefinitions: every key attribute of the table and its GSIs, nothing else")
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(keyAttributes);
        for (TemplateNode definition : definitions) {
            softly.assertThat(definition.require("AttributeType").text())
                    .as("type of %s", definition.require("AttributeName").text())
                    .isEqualTo("S");
        }
        softly.assertAll();
    }

    @Test
    void table_isOnDemand_protected_andExpiresIdempotencyRecords() {
        TemplateNode table = theResourceOfType("AWS::DynamoDB::Table");
        TemplateNode properties = table.require("Properties");

        assertThat(table.require("DeletionPolicy").text()).isEqualTo("Retain");
        assertThat(table.require("UpdateReplacePolicy").text()).isEqualTo("Retain");
        assertThat(properties.require("BillingMode").text()).isEqualTo("PAY_PER_REQUEST");
        assertThat(properties.require("DeletionProtectionEnabled").text()).isEqualTo("true");
        assertThat(properties.require("PointInTimeRecoverySpecification").require("PointInTimeRecoveryEnabled").text())
                .isEqualTo("true");
        assertThat(textsOf(properties.require("SSESpecification")))
                .isEqualTo(Map.of("SSEEnabled", "true", "SSEType", "KMS"));
        assertThat(textsOf(properties.require("TimeToLiveSpecification")))
                .isEqualTo(Map.of("AttributeName", "expiresAt", "Enabled", "true"));
    }

    // ---- template helpers -------------------------------------------------------------------------------------

    private static TemplateNode theResourceOfType(String type) {
        Map<String, TemplateNode> found = document.resourcesOfType(type);
        assertThat(found).as("resources of type %s in template.yaml", type).hasSize(1);
        return found.values().iterator().next();
    }

    private static List<Map.Entry<String, String>> keySchema(TemplateNode owner) {
        return owner.require("KeySchema").items().stream()
                .map(key -> Map.entry(key.require("AttributeName").text(), key.require("KeyType").text()))
                .toList();
    }

    private static Map<String, String> textsOf(TemplateNode mapping) {
        Map<String, String> texts = new LinkedHashMap<>();
        mapping.entries().forEach((key, value) -> texts.put(key, value.text()));
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
}
