package com.tenantgraph.pipeline;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;

/** Facts about a request's operation that the HTTP layer needs before execution. */
public final class Operations {
    private Operations() {
    }

    /**
     * The type of the operation that would run: "query", "mutation" or "subscription"; "none" when the document does
     * not parse or has no such operation. A metric dimension: a handful of values, whatever a client sends.
     */
    public static String type(String query, String operationName) {
        Document document;
        try {
            document = Parser.parse(query);
        } catch (InvalidSyntaxException e) {
            return "none";
        }
        return document.getDefinitionsOfType(OperationDefinition.class).stream()
                .filter(op -> operationName == null || operationName.equals(op.getName()))
                .findFirst()
                .map(op -> op.getOperation().name().toLowerCase(java.util.Locale.ROOT))
                .orElse("none");
    }
}
