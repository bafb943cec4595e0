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
     * True when the operation that would run is a mutation (GET may only run queries). A document that does not parse
     * is not a mutation here: execution reports its syntax error.
     */
    public static boolean isMutation(String query, String operationName) {
        Document document;
        try {
            document = Parser.parse(query);
        } catch (InvalidSyntaxException e) {
            return false;
        }
        return document.getDefinitionsOfType(OperationDefinition.class).stream()
                .filter(op -> operationName == null || operationName.equals(op.getName()))
                .findFirst()
                .map(op -> op.getOperation() == OperationDefinition.Operation.MUTATION)
                .orElse(false);
    }
}
