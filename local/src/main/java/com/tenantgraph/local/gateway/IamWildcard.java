package com.tenantgraph.local.gateway;

/**
 * IAM's wildcard matching for policy Action and Resource values: {@code *} matches any run of characters (slashes and
 * colons included, so {@code arn:aws:execute-api:*:*:local/*} covers every stage, method and path), {@code ?} exactly
 * one. Linear backtracking over the last {@code *}, no regular expressions, so ARN characters need no escaping.
 */
final class IamWildcard {
    private IamWildcard() {
    }

    static boolean matches(String pattern, String value, boolean ignoreCase) {
        int p = 0;
        int v = 0;
        int star = -1;
        int resume = 0;
        while (v < value.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = v;
            } else if (p < pattern.length() && same(pattern.charAt(p), value.charAt(v), ignoreCase)) {
                p++;
                v++;
            } else if (star >= 0) {
                p = star + 1;
                v = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private static boolean same(char patternChar, char valueChar, boolean ignoreCase) {
        if (patternChar == '?' || patternChar == valueChar) {
            return true;
        }
        return ignoreCase && Character.toLowerCase(patternChar) == Character.toLowerCase(valueChar);
    }
}
