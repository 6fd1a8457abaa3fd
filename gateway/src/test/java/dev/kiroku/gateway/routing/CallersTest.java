package dev.kiroku.gateway.routing;

import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A caller's rate-limit key and access-log fields are worked out once per verified token and are the same as worked
 * out afresh; callers that differ in client or subject never share a budget.
 */
class CallersTest {

    /** A verified token's principal, as small as the gateway reads it ({@code sub}, {@code azp}). */
    record Jwt(String sub, String azp) implements JsonWebToken {

        @Override
        public String getName() {
            return sub;
        }

        @Override
        public Set<String> getClaimNames() {
            return Set.of("sub", "azp");
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String name) {
            return (T) switch (name) {
                case "sub" -> sub;
                case "azp" -> azp;
                default -> null;
            };
        }
    }

    private final Callers callers = new Callers(100);

    @Test
    void oneTokensSummaryIsWorkedOutOnceAndEqualsAFreshOne() {
        SecurityIdentity identity = identity(new Jwt("3f1c-sub", "demo-crm"), "ingest", "offline_access");
        Callers.Caller first = callers.of(identity);
        assertThat(first).isEqualTo(Callers.summarise(identity));
        assertThat(callers.of(identity(identity.getPrincipal(), "ingest", "offline_access"))).isSameAs(first);
        assertThat(first.rateLimitKey()).isEqualTo("client:demo-crm:3f1c-sub");
        assertThat(first.accessLogFields()).isEqualTo(",\"user\":\"3f1c-sub\",\"client\":\"demo-crm\",\"roles\":[\"ingest\"]");
    }

    @Test
    void theSameSubjectThroughAnotherClientHasABudgetOfItsOwn() {
        Callers.Caller crm = callers.of(identity(new Jwt("same-sub", "demo-crm"), "ingest"));
        Callers.Caller cli = callers.of(identity(new Jwt("same-sub", "kiroku-dev-cli"), "ingest"));
        assertThat(crm.rateLimitKey()).isNotEqualTo(cli.rateLimitKey());
    }

    @Test
    void twoTokensWithEqualClaimsAreTwoEntries() {
        // kept by the principal's identity, not its equality: each verified token has a summary of its own
        Jwt one = new Jwt("sub-1", "demo-crm");
        Jwt other = new Jwt("sub-1", "demo-crm");
        Callers.Caller first = callers.of(identity(one, "auditor"));
        Callers.Caller second = callers.of(identity(other, "compliance-officer"));
        assertThat(first.accessLogFields()).contains("\"roles\":[\"auditor\"]");
        assertThat(second.accessLogFields()).contains("\"roles\":[\"compliance-officer\"]");
    }

    @Test
    void rolesAreKirokusOnlySortedAndOtherPrincipalsAreNotKept() {
        SecurityIdentity service = QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("svc"))
                .addRoles(Set.of("auditor", "uma_authorization", "compliance-officer")).build();
        Callers.Caller caller = callers.of(service);
        assertThat(caller.accessLogFields()).isEqualTo(",\"client\":\"svc\",\"roles\":[\"auditor\",\"compliance-officer\"]");
        assertThat(callers.of(service)).isEqualTo(caller).isNotSameAs(caller);
    }

    private static SecurityIdentity identity(java.security.Principal principal, String... roles) {
        return QuarkusSecurityIdentity.builder().setPrincipal(principal).addRoles(Set.of(roles)).build();
    }
}
