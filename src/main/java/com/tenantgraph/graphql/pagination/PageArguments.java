package com.tenantgraph.graphql.pagination;

import com.tenantgraph.errors.ApiException;

/** {@code first}: 20 by default, 0 to {@value #MAX_PAGE_SIZE}; anything else is BAD_USER_INPUT on {@code first}. */
public final class PageArguments {
    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;

    private PageArguments() {
    }

    public static int first(Integer first) {
        if (first == null) {
            return DEFAULT_PAGE_SIZE;
        }
        if (first < 0 || first > MAX_PAGE_SIZE) {
            throw ApiException.badInput("first", "first must be between 0 and " + MAX_PAGE_SIZE);
        }
        return first;
    }
}
