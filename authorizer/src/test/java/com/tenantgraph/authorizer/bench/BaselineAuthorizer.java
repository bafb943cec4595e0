package com.tenantgraph.authorizer.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The authorizer of another build, loaded from its shaded jar beside this one, so a single bench run measures both
 * on the same tokens, rounds and machine noise ("before" and "after" a change). Only the authorizer's own classes
 * ({@code com.tenantgraph.authorizer.*}) come from that jar; the Lambda event types come from this class path, so
 * both handlers take and return the very same objects. Its handler is built through its public constructor
 * {@code (AuthorizerConfig, LogSink, Clock)}, which every version so far has.
 */
final class BaselineAuthorizer {

    private static final String PACKAGE = "com.tenantgraph.authorizer.";

    private BaselineAuthorizer() {
    }

    /**
     * @param jar   the other build's {@code -lambda} jar
     * @param env   the environment its configuration is read from
     * @param chars told the length of every log line it writes (a proxy: one reflective call per line)
     * @return a factory of new handlers of that build
     */
    @SuppressWarnings("unchecked")
    static Supplier<RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponse>> load(
            Path jar, Map<String, String> env, LongConsumer chars) throws Exception {
        ClassLoader loader = new AuthorizerFirst(jar.toUri().toURL(), BaselineAuthorizer.class.getClassLoader());
        Class<?> configType = loader.loadClass(PACKAGE + "AuthorizerConfig");
        Class<?> sinkType = loader.loadClass(PACKAGE + "LogSink");
        Object config = configType.getMethod("fromEnvironment", Map.class).invoke(null, env);
        Object sink = Proxy.newProxyInstance(loader, new Class<?>[] {sinkType}, (proxy, method, args) -> {
            if (method.getName().equals("write")) {
                chars.accept(((String) args[0]).length());
            }
            return null;
        });
        var constructor = loader.loadClass(PACKAGE + "TokenAuthorizerHandler")
                .getConstructor(configType, sinkType, Clock.class);
        return () -> {
            try {
                return (RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponse>)
                        constructor.newInstance(config, sink, Clock.systemUTC());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** Loads the authorizer's classes from the jar first, everything else from the parent. */
    private static final class AuthorizerFirst extends URLClassLoader {

        AuthorizerFirst(URL jar, ClassLoader parent) {
            super(new URL[] {jar}, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(PACKAGE) || name.startsWith(PACKAGE + "bench.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    loaded = findClass(name);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }
}
