package dev.kiroku.provisionrecords.common;

/**
 * Who makes a change: the actor recorded with it (a user's login or a service account, never a data subject) and the
 * OAuth client that idempotency keys are scoped to.
 */
public record Caller(String actor, String clientId) {
}
