package com.tenantgraph.pipeline;

import com.tenantgraph.errors.ApiException;
import graphql.GraphQL;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.ParserOptions;

/** Facts about a request's operation that the HTTP layer needs before execution. */
public final class Operations {
    private Operations() {
    }

    /**
     * The type of the operation that would run: "query", "mutation" or "subscription"; "none" when the document does
     * not parse or has no such operation. A metric dimension: a handful of values, whatever a client sends. A query
     * the container has executed before is read from its parsed-document cache ({@link DocumentCache}), so a repeated
     * query is not parsed again here: that second parse was a fifth of the handler's own time on a warm read. Any
     * other is parsed by {@link QueryParser} (graphql-java's parser when it declines), with the parser options of an
     * operation.
     */
    static String type(GraphQL graphQl, String query, String operationName) {
        Document document = graphQl.getPreparsedDocumentProvider() instanceof DocumentCache documents
                ? documents.cachedDocument(query) : null;
        if (document == null) {
            try {
                document = QueryParser.parse(query, ParserOptions.getDefaultOperationParserOptions());
            } catch (InvalidSyntaxException | ApiException e) {
                return "none"; // execution answers with the error (DocumentCache)
            }
        }
        return document.getDefinitionsOfType(OperationDefinition.class).stream()
                .filter(op -> operationName == null || operationName.equals(op.getName()))
                .findFirst()
                .map(op -> op.getOperation().name().toLowerCase(java.util.Locale.ROOT))
                .orElse("none");
    }
}
