package com.tenantgraph.pipeline;

import java.util.Map;

/** The HTTP answer: status, headers and a JSON body. */
public record HttpResult(int status, Map<String, String> headers, String body) {
}
