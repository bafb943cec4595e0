package com.tenantgraph.local.gateway;

/**
 * The API's CORS settings, one definition for the local gateway's preflight answer, its gateway responses and (through
 * a test) template.yaml's {@code Cors} and gateway response parameters. Any origin may call: the API is authorized by
 * a bearer token, never by cookies, so a permissive origin exposes nothing a token does not already grant.
 */
public final class Cors {
    public static final String ALLOW_ORIGIN = "*";
    public static final String ALLOW_HEADERS = "Authorization,Content-Type";
    public static final String ALLOW_METHODS = "GET,POST,OPTIONS";

    private Cors() {
    }
}
