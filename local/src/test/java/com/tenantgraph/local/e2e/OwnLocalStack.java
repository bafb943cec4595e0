package com.tenantgraph.local.e2e;

import com.tenantgraph.local.LocalStack;
import com.tenantgraph.local.LocalStacks;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real local stack of the test class's own, started on first use and stopped when the class ends, for tests that
 * time what flows through the table's stream. The local event source mapping, like Lambda's, delivers every domain
 * change in order since it started; on the stack every other end-to-end class shares, that is thousands of changes,
 * each a fan-out Query that moto answers by scanning the table, so a new change waits behind that backlog far longer
 * than it would on DynamoDB. A fresh stack's stream holds only the class's own changes.
 */
public final class OwnLocalStack implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(OwnLocalStack.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == LocalStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        ExtensionContext testClass = extension.getTestMethod().isPresent()
                ? extension.getParent().orElseThrow() : extension;
        return testClass.getStore(NAMESPACE).computeIfAbsent(LocalStack.class,
                key -> LocalStacks.ephemeral("tenantgraph-e2e-own"), LocalStack.class);
    }
}
