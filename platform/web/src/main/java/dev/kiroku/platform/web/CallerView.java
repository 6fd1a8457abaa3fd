package dev.kiroku.platform.web;

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * How a service sees the caller of a request: lets an integrating engineer check a token's roles and audience
 * against a service before calling its business endpoints.
 *
 * @param service   the service that answered
 * @param subject   the token's {@code sub}
 * @param username  {@code preferred_username} (a user's login, or {@code service-account-<client>})
 * @param clientId  the client the token was issued to ({@code azp})
 * @param roles     the Kiroku realm roles the service recognised, sorted
 * @param expiresAt when the token expires
 */
@Schema(name = "Caller", description = "The authenticated caller as this service sees it")
public record CallerView(
        @Schema(example = "provision-records") String service,
        @Schema(example = "3f1e2d4c-6b7a-4c8d-9e0f-1a2b3c4d5e6f") String subject,
        @Schema(example = "officer") String username,
        @Schema(example = "kiroku-swagger") String clientId,
        @Schema(example = "[\"compliance-officer\"]") List<String> roles,
        @Schema(example = "2026-11-22T10:05:00Z") OffsetDateTime expiresAt) {

    public static CallerView of(String service, SecurityIdentity identity) {
        List<String> roles = identity.getRoles().stream().filter(KirokuRoles.ALL::contains).sorted().toList();
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Instant exp = jwt.getExpirationTime() > 0 ? Instant.ofEpochSecond(jwt.getExpirationTime()) : null;
            return new CallerView(service, jwt.getSubject(), jwt.getClaim("preferred_username"), jwt.getClaim("azp"),
                    roles, exp == null ? null : exp.atOffset(ZoneOffset.UTC));
        }
        return new CallerView(service, identity.getPrincipal().getName(), identity.getPrincipal().getName(), null,
                roles, null);
    }
}
