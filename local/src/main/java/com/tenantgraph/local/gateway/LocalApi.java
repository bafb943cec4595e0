package com.tenantgraph.local.gateway;

/**
 * The identity of the local REST API: the execute-api ARNs of its methods, in a fixed local account and region. A
 * deployed API's id is random; locally it is {@code local}.
 */
final class LocalApi {
    static final String REGION = "us-east-1";
    static final String ACCOUNT_ID = "000000000000";
    static final String API_ID = "local";

    private LocalApi() {
    }

    /** {@code arn:aws:execute-api:REGION:ACCOUNT:API/STAGE/METHOD/RESOURCE}: what an authorizer's policy must cover. */
    static String methodArn(String stage, String httpMethod, String resource) {
        return "arn:aws:execute-api:" + REGION + ":" + ACCOUNT_ID + ":" + API_ID + "/" + stage + "/" + httpMethod
                + resource;
    }
}
