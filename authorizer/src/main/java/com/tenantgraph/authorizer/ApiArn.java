package com.tenantgraph.authorizer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives the API-wide resource from the event's methodArn.
 *
 * <p>API Gateway caches a TOKEN authorizer's answer per token and applies it to every route of the API, so an Allow
 * scoped to the one method that happened to be called first would make the next, different route fail with 403
 * from the cache. The Allow therefore covers {@code arn:PARTITION:execute-api:REGION:ACCOUNT:API_ID/STAGE/*}{@code /*}:
 * every method and path of this API and stage, nothing of other APIs or stages.
 */
final class ApiArn {

    private static final Pattern METHOD_ARN = Pattern.compile(
            "arn:(aws[a-z-]*):execute-api:([a-z0-9-]+):(\\d{12}):([A-Za-z0-9]+)/([A-Za-z0-9_-]+)/.*");

    private ApiArn() {
    }

    /**
     * @return {@code arn:PARTITION:execute-api:REGION:ACCOUNT:API_ID/STAGE/*}{@code /*}, or {@code null} if the
     *         methodArn is missing or not an execute-api method ARN of a concrete API and stage
     */
    static String apiWideResource(String methodArn) {
        if (methodArn == null || methodArn.length() > 2048) {
            return null;
        }
        Matcher m = METHOD_ARN.matcher(methodArn);
        if (!m.matches()) {
            return null;
        }
        return "arn:" + m.group(1) + ":execute-api:" + m.group(2) + ":" + m.group(3) + ":" + m.group(4) + "/"
                + m.group(5) + "/*/*";
    }
}
