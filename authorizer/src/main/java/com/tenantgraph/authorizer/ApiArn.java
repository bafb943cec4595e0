package com.tenantgraph.authorizer;

/**
 * Derives the API-wide resource from the event's methodArn.
 *
 * <p>API Gateway caches a TOKEN authorizer's answer per token and applies it to every route of the API, so an Allow
 * scoped to the one method that happened to be called first would make the next, different route fail with 403
 * from the cache. The Allow therefore covers {@code arn:PARTITION:execute-api:REGION:ACCOUNT:API_ID/STAGE/*}{@code /*}:
 * every method and path of this API and stage, nothing of other APIs or stages.
 *
 * <p>Accepted methodArn: {@code arn:aws[-suffix]:execute-api:REGION:ACCOUNT:API_ID/STAGE/...} with REGION
 * {@code [a-z0-9-]+}, ACCOUNT twelve digits, API_ID {@code [A-Za-z0-9]+}, STAGE {@code [A-Za-z0-9_-]+}; no
 * wildcard anywhere in what is kept. Hand-written rather than a regex: it runs on every request, cached or not.
 */
final class ApiArn {

    private static final String ARN_AWS = "arn:aws";
    private static final String SERVICE = ":execute-api:";

    private ApiArn() {
    }

    /**
     * @return {@code arn:PARTITION:execute-api:REGION:ACCOUNT:API_ID/STAGE/*}{@code /*}, or {@code null} if the
     *         methodArn is missing or not an execute-api method ARN of a concrete API and stage
     */
    static String apiWideResource(String methodArn) {
        if (methodArn == null || methodArn.length() > 2048 || !methodArn.startsWith(ARN_AWS)) {
            return null;
        }
        int partitionEnd = scan(methodArn, ARN_AWS.length(), Chars.PARTITION_SUFFIX);
        if (!methodArn.startsWith(SERVICE, partitionEnd)) {
            return null;
        }
        int regionStart = partitionEnd + SERVICE.length();
        int regionEnd = scan(methodArn, regionStart, Chars.REGION);
        int accountStart = regionEnd + 1;
        int accountEnd = scan(methodArn, accountStart, Chars.DIGIT);
        int apiStart = accountEnd + 1;
        int apiEnd = scan(methodArn, apiStart, Chars.API_ID);
        int stageStart = apiEnd + 1;
        int stageEnd = scan(methodArn, stageStart, Chars.STAGE);
        if (regionEnd == regionStart || !charAt(methodArn, regionEnd, ':')
                || accountEnd - accountStart != 12 || !charAt(methodArn, accountEnd, ':')
                || apiEnd == apiStart || !charAt(methodArn, apiEnd, '/')
                || stageEnd == stageStart || !charAt(methodArn, stageEnd, '/')) {
            return null;
        }
        return methodArn.substring(0, stageEnd) + "/*/*";
    }

    private static boolean charAt(String s, int index, char expected) {
        return index < s.length() && s.charAt(index) == expected;
    }

    /** The index of the first character at or after {@code from} that is not in {@code allowed}. */
    private static int scan(String s, int from, Chars allowed) {
        int i = from;
        while (i < s.length() && allowed.contains(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** What each part of the ARN may contain. */
    @FunctionalInterface
    private interface Chars {
        Chars PARTITION_SUFFIX = c -> isLower(c) || c == '-';
        Chars REGION = c -> isLower(c) || isDigit(c) || c == '-';
        Chars DIGIT = ApiArn::isDigit;
        Chars API_ID = c -> isLower(c) || isUpper(c) || isDigit(c);
        Chars STAGE = c -> isLower(c) || isUpper(c) || isDigit(c) || c == '-' || c == '_';

        boolean contains(char c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }
}
