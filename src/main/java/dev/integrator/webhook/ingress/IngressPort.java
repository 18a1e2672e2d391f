package dev.integrator.webhook.ingress;

import java.util.List;

/** The ingress port from the environment: 0 takes a free one (tests, several instances on one machine). */
final class IngressPort {

    private IngressPort() {
    }

    static int parse(String value, int fallback, String name, List<String> problems) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(name + " must be a port number from 0 to 65535, but was '" + value + "'");
        return fallback;
    }
}
