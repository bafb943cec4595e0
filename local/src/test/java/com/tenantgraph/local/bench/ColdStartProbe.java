package com.tenantgraph.local.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.tenantgraph.api.AppConfig;
import com.tenantgraph.api.Application;
import com.tenantgraph.api.GraphQlHandler;
import com.tenantgraph.data.AwsClients;
import com.tenantgraph.data.Keys;
import com.tenantgraph.data.Table;
import com.tenantgraph.data.TenantItem;
import com.tenantgraph.data.TenantProvisioning;
import com.tenantgraph.data.UserItem;
import com.tenantgraph.domain.Plan;
import com.tenantgraph.graphql.pagination.CursorKeys;
import com.tenantgraph.cognito.UnconfiguredUserDirectory;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * One cold start, in a fresh JVM started by {@link ApiBench} (and by the tests of the runtime's path). Modes:
 * <ul>
 *   <li>{@code floor}: a DynamoDB client built with the SDK's own builder (URL-connection client, static credentials)
 *       and one GetItem: the least any function of this table does;</li>
 *   <li>{@code graphql}: the GraphQL Lambda built exactly as the runtime builds it (the no-argument constructor, its
 *       configuration from the environment) answering one authorized {@value #QUERY} event;</li>
 *   <li>{@code breakdown}: the same work as {@code graphql}, step by step and one step at a time (configuration,
 *       SDK client, wiring and executable schema, first request, second request), each step's wall time,
 *       class-loading time and classes loaded printed as {@code step name wall_ms cl_ms classes}.</li>
 * </ul>
 * Each run ends with one line {@code done cpu_ms=.. peak_rss_kb=.. init_ms=.. first_ms=.. classes=..}: the process's
 * CPU time and resident high-water mark (both from /proc, read before anything else is loaded to ask); the time from
 * {@code main} to the end of init (the handler's constructor, the floor's client build) and then the first answer's
 * (as Lambda reports an init duration and the first invocation's), not printed by {@code breakdown}, whose steps are
 * its figures; then the classes loaded. Apart from {@code breakdown} the probe touches nothing the Lambda jar does
 * not hold, so it runs on the jar's class path.
 */
public final class ColdStartProbe {
    static final String QUERY = "{ me { email role } tenant { name } }";

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        URI endpoint = URI.create(args[1]);
        String table = args[2];
        String tenant = args[3];
        String user = args[4];
        long[] marks = new long[3]; // from main: init done, first answer done (nanoseconds)
        marks[0] = System.nanoTime();
        boolean answered = switch (mode) {
            case "floor" -> floor(endpoint, table, tenant, marks);
            case "graphql" -> {
                GraphQlHandler handler = new GraphQlHandler(); // the runtime's constructor: TABLE_NAME etc. from the env
                marks[1] = System.nanoTime();
                String body = handler.handleRequest(request(tenant, user), null).getBody();
                marks[2] = System.nanoTime();
                yield answered(body);
            }
            case "breakdown" -> breakdown(tenant, user);
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        };
        String usage = usage(); // before the class count: asking the JVM for it loads classes of its own
        long classes = loadedClasses(); // before the line is formatted, for the same reason
        String split = marks[2] == 0 ? "" : String.format(java.util.Locale.ROOT, " init_ms=%.1f first_ms=%.1f",
                (marks[1] - marks[0]) / 1e6, (marks[2] - marks[1]) / 1e6);
        System.out.println(answered ? "done " + usage + split + " classes=" + classes : "failed");
        System.exit(0);
    }

    /** Its init is the client's build, its first answer the GetItem, marked in {@code marks} as the handler's are. */
    private static boolean floor(URI endpoint, String table, String tenant, long[] marks) {
        DynamoDbClient client = DynamoDbClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        marks[1] = System.nanoTime();
        boolean found = client.getItem(GetItemRequest.builder().tableName(table)
                .key(Keys.tenant(TenantId.of(tenant)).toAttributeMap()).consistentRead(true).build()).hasItem();
        marks[2] = System.nanoTime();
        return found;
    }

    private static boolean answered(String body) {
        if (!body.contains("\"email\"") || !body.contains("\"name\"") || body.contains("\"errors\"")) {
            System.out.println("unexpected answer: " + body);
            return false;
        }
        return true;
    }

    /**
     * The no-argument constructor's work one step at a time (the constructor builds the schema beside the SDK
     * client and the two warm-ups side by side; here they are sequential so that each has its own figures). Needs
     * {@code --add-exports java.management/sun.management=ALL-UNNAMED} for the class-loading time.
     */
    private static boolean breakdown(String tenant, String user) throws Exception {
        Steps steps = new Steps();
        Map<String, String> env = System.getenv();
        AppConfig config = AppConfig.fromEnvironment(env);
        steps.mark("configuration");
        DynamoDbClient dynamoDb = AwsClients.dynamoDb(AwsClients.Settings.fromEnvironment(env, "DYNAMODB_ENDPOINT",
                AwsClients.Timeouts.GRAPHQL));
        steps.mark("SDK DynamoDB client");
        Application application = new Application(config, dynamoDb, new UnconfiguredUserDirectory(), Clock.systemUTC(),
                CursorKeys.fromEnvironment(env));
        steps.mark("wiring + executable schema");
        GraphQlHandler handler = new GraphQlHandler(application);
        // the constructor's two warm-ups: one request over in-memory items, one DynamoDB call; then the first request
        handler.handleRequest(request(tenant, user), null);
        steps.mark("first request");
        handler.handleRequest(request(tenant, user), null);
        steps.mark("second request");
        steps.print();
        return true;
    }

    /** Wall time, class-loading time (the JVM's sun.cls.time counter) and classes loaded between marks. */
    private static final class Steps {
        private final Method loadingTime;
        private final Object loadingBean;
        private final java.lang.management.ClassLoadingMXBean classes =
                java.lang.management.ManagementFactory.getClassLoadingMXBean();
        private final List<String> lines = new ArrayList<>();
        private long wall = System.nanoTime();
        private long loading;
        private long loaded;

        Steps() throws ReflectiveOperationException {
            loadingBean = Class.forName("sun.management.ManagementFactoryHelper")
                    .getMethod("getHotspotClassLoadingMBean").invoke(null);
            loadingTime = Class.forName("sun.management.HotspotClassLoadingMBean").getMethod("getClassLoadingTime");
            loading = classLoadingMillis();
            loaded = classes.getTotalLoadedClassCount();
            lines.add("step before-main 0 " + loading + " " + loaded);
        }

        void mark(String name) throws ReflectiveOperationException {
            long now = System.nanoTime();
            long loadingNow = classLoadingMillis();
            long loadedNow = classes.getTotalLoadedClassCount();
            lines.add(String.format("step %s %.1f %d %d", name.replace(' ', '_'), (now - wall) / 1e6,
                    loadingNow - loading, loadedNow - loaded));
            wall = System.nanoTime();
            loading = classLoadingMillis();
            loaded = classes.getTotalLoadedClassCount();
        }

        private long classLoadingMillis() throws ReflectiveOperationException {
            return (Long) loadingTime.invoke(loadingBean);
        }

        void print() {
            lines.forEach(System.out::println);
        }
    }

    /** CPU time of the whole process so far and its peak resident set, from /proc/self (Linux). */
    private static String usage() throws IOException {
        long cpuMillis = ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
        long peakKb = -1;
        Path status = Path.of("/proc/self/status");
        if (Files.isReadable(status)) {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    peakKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        }
        return "cpu_ms=" + cpuMillis + " peak_rss_kb=" + peakKb;
    }

    private static long loadedClasses() {
        return java.lang.management.ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
    }

    /** A tenant with {@code user} as its ADMIN, for a probe to read. */
    static void seedAdmin(Table table, TenantId tenant, UserId user) {
        Instant now = Instant.now();
        new TenantProvisioning(table).createTenantWithAdmin(
                TenantItem.builder().tenantId(tenant).name("Probe " + tenant.value()).plan(Plan.TEAM).createdAt(now)
                        .build(),
                UserItem.builder().tenantId(tenant).userId(user).email(user.value() + "@probe.test").name("Probe")
                        .role(Role.ADMIN).createdAt(now).build());
    }

    /**
     * The environment template.yaml gives the GraphQL function, pointed at a local table (a fresh cursor key) and a
     * user pool: USER_POOL_ID is set as deployed, so init builds whatever a deployed init builds for Cognito (no
     * Cognito call is made by a read; the endpoint is any loopback address).
     */
    public static Map<String, String> lambdaEnvironment(String table, URI dynamoDbEndpoint) {
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        return Map.of("TABLE_NAME", table, "AWS_REGION", "us-east-1", "DYNAMODB_ENDPOINT", dynamoDbEndpoint.toString(),
                "USER_POOL_ID", "us-east-1_probe", "COGNITO_ENDPOINT", dynamoDbEndpoint.toString(),
                "CURSOR_KEYS", "probe:" + java.util.Base64.getEncoder().encodeToString(secret),
                "LOG_LEVEL", "WARN");
    }

    /** The authorized event API Gateway sends after the TOKEN authorizer allowed {@code user} of {@code tenant}. */
    static APIGatewayProxyRequestEvent request(String tenant, String user) {
        return request(tenant, user, QUERY);
    }

    static APIGatewayProxyRequestEvent request(String tenant, String user, String query) {
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setRequestId("bench");
        context.setAuthorizer(Map.of("principalId", user, "tenantId", tenant, "userId", user,
                "exp", String.valueOf(Instant.now().plusSeconds(3600).getEpochSecond())));
        return new APIGatewayProxyRequestEvent().withHttpMethod("POST").withPath("/graphql").withResource("/graphql")
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody("{\"query\":\"" + query.replace("\"", "\\\"") + "\"}")
                .withRequestContext(context);
    }
}
