package com.tenantgraph.local.lambda;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Java Lambda function run in-process the way the Lambda Java runtime runs it: the JSON event is deserialized into
 * the handler's input type, the handler gets a real {@link com.amazonaws.services.lambda.runtime.Context}, and its
 * answer is serialized back to JSON, with the runtime's serializers (see {@link RuntimeSerializers}).
 *
 * <p>Going through JSON rather than passing objects is the point: a caller (the local API Gateway, cognito-local)
 * sees exactly the bytes it would see from Lambda, so a field that does not survive serialization, a
 * {@code null} dropped by the runtime's Jackson settings or an answer over Lambda's size limit behaves as deployed.
 *
 * <p>{@link #invoke} runs on the caller's thread; a caller that must stop waiting (API Gateway's integration timeout)
 * runs it on an executor of its own.
 */
public final class LocalFunction<I, O> {
    /** Lambda's limit on a synchronous invocation's answer, the figure its own error message gives. */
    public static final int MAX_RESPONSE_BYTES = 6_291_556;

    private static final byte[] JSON_NULL = {'n', 'u', 'l', 'l'};

    private final String name;
    private final Class<I> inputType;
    private final RequestHandler<I, O> handler;
    private final LambdaLogger logger;
    private final PojoSerializer<I> inputSerializer;
    private final Map<Class<?>, PojoSerializer<Object>> outputSerializers = new ConcurrentHashMap<>();

    private LocalFunction(String name, Class<I> inputType, RequestHandler<I, O> handler, LambdaLogger logger) {
        this.name = name;
        this.inputType = inputType;
        this.handler = handler;
        this.logger = logger;
        this.inputSerializer = Void.class.equals(inputType) ? null : RuntimeSerializers.forType(inputType, classLoader());
    }

    /** A function whose context logger writes to stdout. */
    public static <I, O> LocalFunction<I, O> of(String name, Class<I> inputType, RequestHandler<I, O> handler) {
        return new LocalFunction<>(requireName(name), Objects.requireNonNull(inputType, "inputType"),
                Objects.requireNonNull(handler, "handler"), StdoutLambdaLogger.INSTANCE);
    }

    private static String requireName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("a Lambda function name is 1-64 letters, digits, '-' or '_': " + name);
        }
        return name;
    }

    public String name() {
        return name;
    }

    public Class<I> inputType() {
        return inputType;
    }

    /**
     * Invokes the handler with {@code event} (JSON); the context's remaining time counts down from {@code timeout}.
     * Never throws for anything the handler or the serialization does: that is a {@link InvocationResult.FunctionError}.
     */
    public InvocationResult invoke(byte[] event, Duration timeout) {
        LocalContext context = new LocalContext(UUID.randomUUID().toString(), name,
                System.nanoTime() + timeout.toNanos(), logger);
        I input;
        try {
            input = inputSerializer == null ? null : inputSerializer.fromJson(new ByteArrayInputStream(event));
        } catch (RuntimeException e) {
            return FunctionErrors.of(new RuntimeException("An error occurred during JSON parsing", e));
        }
        O output;
        try {
            output = handler.handleRequest(input, context);
        } catch (Throwable t) { // as in the Lambda runtime, anything the handler throws is a function error
            return FunctionErrors.of(t);
        }
        return serialize(output);
    }

    private InvocationResult serialize(O output) {
        byte[] payload;
        try {
            payload = output == null ? JSON_NULL.clone() : toJson(output);
        } catch (RuntimeException e) {
            return FunctionErrors.of(new RuntimeException("An error occurred during JSON serialization of response", e));
        }
        if (payload.length > MAX_RESPONSE_BYTES) {
            return FunctionErrors.responseTooLarge(MAX_RESPONSE_BYTES);
        }
        return new InvocationResult.Success(payload);
    }

    @SuppressWarnings("unchecked")
    private byte[] toJson(Object output) {
        PojoSerializer<Object> serializer = outputSerializers.computeIfAbsent(output.getClass(),
                type -> (PojoSerializer<Object>) RuntimeSerializers.forType(type, classLoader()));
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        serializer.toJson(output, json);
        return json.toByteArray();
    }

    private ClassLoader classLoader() {
        ClassLoader handlerLoader = handler.getClass().getClassLoader();
        return handlerLoader != null ? handlerLoader : LocalFunction.class.getClassLoader();
    }

    @Override
    public String toString() {
        return "LocalFunction[" + name + "(" + inputType.getSimpleName() + ")]";
    }
}
