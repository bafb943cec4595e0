package com.tenantgraph.local.e2e;

import com.tenantgraph.local.LocalSettings;
import com.tenantgraph.local.LocalStack;
import com.tenantgraph.local.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
                .computeIfAbsent(LocalStack.class, key -> LocalStack.start(LocalSettings.ephemeral(
                        temporaryStateDir(), RepoFiles.template()), step -> { }), LocalStack.class);
    }

    private static Path temporaryStateDir() {
        try {
            return Files.createTempDirectory("tenantgraph-e2e");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
