package com.tenantgraph.local.e2e;

import com.tenantgraph.local.LocalStack;
import com.tenantgraph.local.LocalStacks;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One real local stack (moto_server, cognito-local, the local API Gateway, the real handlers) for every end-to-end
 * test class of a run, on ports the OS picks. Started on first use, stopped by JUnit when the run ends (the root
 * store closes it), and by the child processes' shutdown hooks if the JVM dies.
 */
public final class SharedLocalStack implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedLocalStack.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == LocalStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return extension.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(LocalStack.class, key -> LocalStacks.ephemeral("tenantgraph-e2e"), LocalStack.class);
    }
}
