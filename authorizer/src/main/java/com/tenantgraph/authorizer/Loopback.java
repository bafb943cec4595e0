package com.tenantgraph.authorizer;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a URL's host is a loopback address without ever asking DNS: {@code localhost}, an IPv4 literal in
 * 127.0.0.0/8 or the IPv6 literal {@code ::1} (also in its IPv4-mapped form). Plain http and the JWKS override are
 * allowed only there, i.e. only for the local stack.
 */
final class Loopback {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private Loopback() {
    }

    static boolean isLoopbackHost(URI uri) {
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        Matcher ipv4 = IPV4.matcher(host);
        if (ipv4.matches()) {
            return isLoopbackIpv4(ipv4);
        }
        if (host.length() > 2 && host.startsWith("[") && host.endsWith("]") && host.indexOf(':') > 0) {
            return isLoopbackIpv6Literal(host.substring(1, host.length() - 1));
        }
        return false;
    }

    private static boolean isLoopbackIpv4(Matcher octets) {
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(octets.group(i)) > 255) {
                return false;
            }
        }
        return Integer.parseInt(octets.group(1)) == 127;
    }

    /** Only called with a text containing ':', which the JDK parses as an IPv6 literal and never looks up. */
    private static boolean isLoopbackIpv6Literal(String literal) {
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }
}
