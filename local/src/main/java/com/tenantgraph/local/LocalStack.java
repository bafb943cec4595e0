package com.tenantgraph.local;

import com.tenantgraph.local.emulator.FreshTable;
import com.tenantgraph.api.AppConfig;
import com.tenantgraph.api.Application;
import com.tenantgraph.api.BrowserConfig;
import com.tenantgraph.api.GraphQlHandler;
import com.tenantgraph.authorizer.AuthorizerConfig;
import com.tenantgraph.authorizer.TokenAuthorizerHandler;
import com.tenantgraph.cognito.CognitoUserDirectory;
import com.tenantgraph.data.Table;
import com.tenantgraph.data.TenantProvisioning;
import com.tenantgraph.pipeline.QueryLimits;
import com.tenantgraph.local.cognito.CognitoSetup;
import com.tenantgraph.local.cognito.WriteAttributesProxy;
import com.tenantgraph.local.emulator.CognitoLocal;
import com.tenantgraph.local.emulator.MotoServer;
import com.tenantgraph.local.emulator.Ports;
import com.tenantgraph.local.gateway.ApiDefinition;
import com.tenantgraph.local.gateway.LocalApiGateway;
import com.tenantgraph.local.lambda.LocalLambdaEndpoint;
import com.tenantgraph.local.seed.DemoData;
import com.tenantgraph.local.seed.DemoUser;
import com.tenantgraph.local.seed.DemoWorkspace;
import com.tenantgraph.local.template.SamTemplate;
import com.tenantgraph.local.websocket.WebSocketApiDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The whole system on loopback, from a clean state: moto_server (DynamoDB), cognito-local (Cognito) calling the local
 * Lambda Invoke endpoint for triggers, the table and user pool, the demo tenants and users, the local API Gateway
 * that calls the real authorizer and the real GraphQL handler in this JVM, and, when template.yaml declares the
 * WebSocket API, the local WebSocket API and stream poller in front of the real subscription handlers
 * ({@link LocalSubscriptions}). ./dev up runs one; each end-to-end test
 * run starts its own on ports the OS picks. {@link #close()} stops everything it started, in reverse order.
 */
public final class LocalStack implements AutoCloseable {
    /** The logical id in template.yaml of the function the API integrates. */
    private static final String GRAPHQL_FUNCTION = "GraphQlFunction";

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Map<String, Object> outputs = new LinkedHashMap<>();
    private final FaultInjector faults = new FaultInjector();
    private final CallCounter graphqlCalls = new CallCounter();
    private List<DemoUser> demoUsers = List.of();
    private DynamoDbClient dynamoDb;
    private CognitoIdentityProviderClient cognito;
    private URI cognitoLocalEndpoint;
    /** Null when template.yaml declares no WebSocket API. */
    private LocalSubscriptions subscriptions;
    /** cognito-local's data directory (its user database holds the sign-up confirmation codes it "sends"). */
    private Path cognitoData;

    private LocalStack() {
    }

    /** Starts every part; on any failure stops what was already started and rethrows. */
    public static LocalStack start(LocalSettings settings, Consumer<String> progress) {
        LocalStack stack = new LocalStack();
        try {
            stack.startAll(settings, progress);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(LocalSettings settings, Consumer<String> progress) {
        requireFreePorts(settings);
        // before any process starts: a template the local API Gateway cannot serve stops everything here
        SamTemplate template = SamTemplate.read(settings.template(), settings.templateParameters());
        ApiDefinition api = ApiDefinition.fromTemplate(template);
        Optional<WebSocketApiDefinition> webSocketApi = WebSocketApiDefinition.fromTemplate(template);
        Path state = freshStateDir(settings.stateDir());

        progress.accept("starting moto_server (DynamoDB)");
        MotoServer moto = track(MotoServer.start(portOrFree(settings.dynamoDbPort()), state));
        dynamoDb = track(SdkClients.dynamoDb(moto.endpoint(), settings.region()));

        LocalLambdaEndpoint lambda = track(LocalLambdaEndpoint.start(settings.lambdaPort()));

        progress.accept("starting cognito-local (Cognito) behind its WriteAttributes proxy");
        // the Cognito endpoint everyone uses is the proxy's port; cognito-local sits on another, and names the
        // proxy in its tokens' iss
        int cognitoPort = portOrFree(settings.cognitoPort());
        URI cognitoEndpoint = URI.create("http://127.0.0.1:" + cognitoPort);
        cognitoData = state.resolve("cognito");
        CognitoLocal cognitoLocal = track(CognitoLocal.start(freeExcept(cognitoPort), cognitoData,
                lambda.endpoint(), TriggerFunctions.NAMES, cognitoEndpoint));
        cognitoLocalEndpoint = cognitoLocal.endpoint();

        progress.accept("creating table " + settings.tableName() + " and the user pool");
        FreshTable.create(dynamoDb, settings.tableName());
        CognitoSetup.UserPool pool;
        try (CognitoIdentityProviderClient setup = SdkClients.cognito(cognitoLocal.endpoint(), settings.region())) {
            pool = CognitoSetup.create(setup, "tenantgraph-local", template);
        }
        WriteAttributesProxy cognitoProxy = track(WriteAttributesProxy.start(cognitoPort, LocalSettings.COGNITO_PORT,
                cognitoLocal.endpoint(), pool.writeAttributesByClient()));
        cognito = track(SdkClients.cognito(cognitoProxy.endpoint(), settings.region()));
        // before any user exists: seeding must not meet a trigger that is not there yet. What template.yaml gives
        // the trigger functions, plus this stack's pool (cognito-local calls them for every pool it has) and the
        // emulators: the deployed composition root builds their clients
        track(TriggerFunctions.register(lambda, Map.of(
                "TABLE_NAME", settings.tableName(),
                "AWS_REGION", settings.region(),
                "USER_POOL_ID", pool.poolId(),
                "DYNAMODB_ENDPOINT", moto.endpoint().toString(),
                "COGNITO_ENDPOINT", cognitoLocal.endpoint().toString())));

        progress.accept("seeding demo tenants and users");
        Table table = new Table(dynamoDb, settings.tableName());
        demoUsers = new DemoData(cognito, pool.poolId(), new TenantProvisioning(table)).seed(Clock.systemUTC().instant());
        progress.accept("seeding demo projects, tasks and comments");
        new DemoWorkspace(table, Clock.systemUTC()).seed(DemoWorkspace.today(Clock.systemUTC()));

        progress.accept("starting the local API Gateway");
        URI issuer = URI.create(cognitoProxy.endpoint() + "/" + pool.poolId());
        AuthorizerConfig authorizerConfig = AuthorizerConfig.fromEnvironment(Map.of(
                "USER_POOL_ISSUER", issuer.toString(),
                "ALLOWED_CLIENT_IDS", pool.clientId() + "," + pool.explorerClientId()));
        TokenAuthorizerHandler authorizer = new TokenAuthorizerHandler(authorizerConfig);
        AppConfig appConfig = new AppConfig(settings.tableName(), true,
                QueryLimits.defaults());
        DynamoDbClient functionDynamoDb = track(SdkClients.dynamoDb(moto.endpoint(), settings.region(), faults,
                graphqlCalls));
        CognitoIdentityProviderClient functionCognito = track(SdkClients.functionCognito(cognitoLocal.endpoint(),
                settings.region(), faults));
        // what template.yaml gives the function: the CorsAllowOrigin parameter and the explorer client
        BrowserConfig browsers = new BrowserConfig(template.parameter("CorsAllowOrigin"), settings.region(),
                cognitoProxy.endpoint(), pool.explorerClientId(), null);
        GraphQlHandler graphql = new GraphQlHandler(new Application(appConfig, functionDynamoDb,
                new CognitoUserDirectory(functionCognito, pool.poolId()), Clock.systemUTC()), browsers);
        LocalApiGateway gateway = track(LocalApiGateway.start(LocalApiGateway.Config.defaults(settings.apiPort()), api,
                authorizer, Map.of(GRAPHQL_FUNCTION, graphql)));

        if (webSocketApi.isPresent()) {
            progress.accept("starting the local WebSocket API and the stream poller");
            subscriptions = LocalSubscriptions.start(new LocalSubscriptions.Dependencies(template,
                    webSocketApi.get(), settings, moto.endpoint(), settings.tableName(), appConfig,
                    new CognitoUserDirectory(functionCognito, pool.poolId()), authorizerConfig), this::track);
        }

        outputs.put("graphqlUrl", gateway.url("/graphql").toString());
        if (subscriptions != null) {
            outputs.put("graphqlWsUrl", subscriptions.url().toString());
        }
        outputs.put("graphiqlUrl", gateway.url("/graphiql").toString());
        outputs.put("region", settings.region());
        outputs.put("userPoolId", pool.poolId());
        outputs.put("userPoolClientId", pool.clientId());
        outputs.put("explorerClientId", pool.explorerClientId());
        outputs.put("userPoolIssuer", issuer.toString());
        outputs.put("cognitoEndpoint", cognitoProxy.endpoint().toString());
        outputs.put("dynamoDbEndpoint", moto.endpoint().toString());
        outputs.put("lambdaEndpoint", lambda.endpoint().toString());
        outputs.put("tableName", settings.tableName());
        outputs.put("demoUsers", demoUsers.stream().map(u -> Map.of("tenant", u.tenant(), "username", u.username(),
                "password", u.password(), "role", u.role().name())).toList());
        outputs.put("processes", Map.of("moto_server", moto.process().pid(),
                "cognito-local", cognitoLocal.process().pid(), "dev", ProcessHandle.current().pid()));
    }

    private static void requireFreePorts(LocalSettings settings) {
        requireFree(settings.apiPort(), "the local API Gateway", LocalSettings.API_PORT);
        requireFree(settings.lambdaPort(), "the local Lambda Invoke endpoint", LocalSettings.LAMBDA_PORT);
        requireFree(settings.cognitoPort(), "the local Cognito endpoint (cognito-local's WriteAttributes proxy)",
                LocalSettings.COGNITO_PORT);
        requireFree(settings.dynamoDbPort(), "moto_server (DynamoDB)", LocalSettings.DYNAMODB_PORT);
        requireFree(settings.webSocketPort(), "the local WebSocket API", LocalSettings.WS_PORT);
        requireFree(settings.webSocketManagementPort(), "the local WebSocket Management API",
                LocalSettings.WS_MANAGEMENT_PORT);
    }

    private static void requireFree(int port, String what, String setting) {
        if (port != 0) {
            Ports.requireFree(port, what, setting);
        }
    }

    private static int portOrFree(int port) {
        return port == 0 ? Ports.free() : port;
    }

    /** A free port other than {@code taken} (which is chosen but not yet bound). */
    private static int freeExcept(int taken) {
        int port = Ports.free();
        while (port == taken) {
            port = Ports.free();
        }
        return port;
    }

    /** moto keeps nothing between runs, so cognito-local's state is reset too. */
    private static Path freshStateDir(Path stateDir) {
        try {
            Path cognitoData = stateDir.resolve("cognito");
            if (Files.exists(cognitoData)) {
                try (var paths = Files.walk(cognitoData)) {
                    paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(cognitoData);
            return stateDir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + stateDir, e);
        }
    }

    private <T extends AutoCloseable> T track(T component) {
        started.push(component);
        return component;
    }

    /** What a deployed stack's Outputs would give: endpoints, ids and the demo logins. */
    public Map<String, Object> outputs() {
        return java.util.Collections.unmodifiableMap(outputs);
    }

    public List<DemoUser> demoUsers() {
        return demoUsers;
    }

    /** The WebSocket API and stream poller; empty when template.yaml declares no WebSocket API. */
    public Optional<LocalSubscriptions> subscriptions() {
        return Optional.ofNullable(subscriptions);
    }

    public URI graphqlUrl() {
        return URI.create((String) outputs.get("graphqlUrl"));
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    /**
     * cognito-local's data directory: {@code .cognito/db/<userPoolId>.json} holds each unconfirmed user's
     * {@code ConfirmationCode}, the code Cognito would have emailed (tests confirm sign-ups with it).
     */
    public Path cognitoData() {
        return cognitoData;
    }

    /** A Cognito client of the local Cognito endpoint (through the WriteAttributes proxy, as front ends reach it). */
    public CognitoIdentityProviderClient cognito() {
        return cognito;
    }

    /**
     * cognito-local itself, without {@link WriteAttributesProxy} in front: only for tests that show what the proxy
     * stops. Everything else uses {@code cognitoEndpoint}.
     */
    public URI cognitoLocalEndpoint() {
        return cognitoLocalEndpoint;
    }

    /** The DynamoDB calls of the GraphQL function so far (the benchmark's cost per mutation). */
    public CallCounter graphqlCalls() {
        return graphqlCalls;
    }

    /** Failure injection on the GraphQL function's own DynamoDB and Cognito clients (tests only). */
    public FaultInjector faults() {
        return faults;
    }

    public String output(String name) {
        return String.valueOf(outputs.get(name));
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("while stopping the local stack: " + e);
            }
        }
    }
}
