package com.tenantgraph.local.data;

import com.tenantgraph.data.Table;
import com.tenantgraph.data.TableDefinition;
import com.tenantgraph.local.SdkClients;
import com.tenantgraph.local.emulator.MotoServer;
import com.tenantgraph.local.emulator.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One moto_server for the data-layer integration tests of a run; every test method gets a {@link Table} of its own
 * (a new table), so tests are isolated without restarting the emulator.
 */
public final class SharedMoto implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedMoto.class);

    /** The running emulator and a client for it. */
    record Running(MotoServer moto, DynamoDbClient client) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
            moto.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return type == Table.class || type == DynamoDbClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        Running running = extension.getRoot().getStore(NAMESPACE).computeIfAbsent(Running.class, key -> start(),
                Running.class);
        if (parameter.getParameter().getType() == DynamoDbClient.class) {
            return running.client();
        }
        String name = "t-" + UUID.randomUUID();
        try {
            running.client().createTable(TableDefinition.createTableRequest(name));
        } catch (software.amazon.awssdk.services.dynamodb.model.ResourceInUseException e) {
            // the name is new: the SDK retried a CreateTable whose first attempt timed out on a loaded machine but
            // succeeded, so the table is ours
        }
        return new Table(running.client(), name);
    }

    private static Running start() {
        try {
            MotoServer moto = MotoServer.start(Ports.free(), Files.createTempDirectory("tenantgraph-moto"));
            return new Running(moto, SdkClients.dynamoDb(moto.endpoint(), "us-east-1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
