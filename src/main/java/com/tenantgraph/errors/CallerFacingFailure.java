package com.tenantgraph.errors;

/**
 * A failure of a layer below the API (the data layer) that says what the caller is told about it. The error mapping
 * asks it ({@link ErrorMapper#toApiException}) rather than knowing the layer's exception types, so {@code errors}
 * depends on no layer and each layer keeps its own failures' wording beside the failures themselves.
 */
public interface CallerFacingFailure {
    /** The caller-facing error, with this failure as its cause. */
    ApiException toApiException();
}
