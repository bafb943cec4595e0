package com.tenantgraph.graphql;

import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** schema.graphqls as the tests read it: the file itself, a test resource (the function's jar does not carry it). */
final class SchemaSdl {
    static final String RESOURCE = "/schema.graphqls";

    private SchemaSdl() {
    }

    static TypeDefinitionRegistry parse() {
        try (InputStream in = SchemaSdl.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test class path (graphql/pom.xml testResources)");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return new SchemaParser().parse(reader);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
