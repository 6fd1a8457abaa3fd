package dev.kiroku.platform.testing.robustness;

import dev.kiroku.platform.testing.LocalTokens;

/**
 * The test profile of a service's robustness test: locally signed tokens as {@link LocalTokens.Profile}, but a profile
 * of its own, so Quarkus starts the application — and its test resources, among them the embedded PostgreSQL — afresh
 * for it alone. The rows the accepted mutations create live in that database only and no other test sees them.
 */
public class RobustnessProfile extends LocalTokens.Profile {
}
