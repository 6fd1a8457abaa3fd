package dev.kiroku.provisionrecords.common.rest;

import dev.kiroku.provisionrecords.common.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller of a request as the services record it: login (or service account) and OAuth client. */
public final class Callers {

    private Callers() {
    }

    public static Caller of(SecurityIdentity identity) {
        String actor = identity.getPrincipal().getName();
        String client = null;
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            client = jwt.getClaim("azp");
        }
        return new Caller(actor, client == null ? actor : client);
    }
}
