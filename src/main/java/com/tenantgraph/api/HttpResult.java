package com.tenantgraph.api;

import java.util.Map;

/** The HTTP answer: status, headers and a JSON body. */
record HttpResult(int status, Map<String, String> headers, String body) {
}
