package dev.kiroku.provisionrecords.record.rest;

import dev.kiroku.provisionrecords.record.service.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller of a request as the services record it: login (or service account) and OAuth client. */
final class Callers {

    private Callers() {
    }

    static Caller of(SecurityIdentity identity) {
        String actor = identity.getPrincipal().getName();
        String client = null;
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            client = jwt.getClaim("azp");
        }
        return new Caller(actor, client == null ? actor : client);
    }
}
