package dev.integrator.auth;

import java.time.Duration;

/**
 * What one token answer gave: the access token, how long it lives (null when the answer did not say), and the new
 * refresh token (null when the answer carried none). {@code toString} shows neither token.
 */
record Grant(String accessToken, Duration lifetime, String refreshToken) {

    @Override
    public String toString() {
        return "Grant[lifetime=" + lifetime + ", refreshToken=" + (refreshToken == null ? "none" : "present") + "]";
    }
}
