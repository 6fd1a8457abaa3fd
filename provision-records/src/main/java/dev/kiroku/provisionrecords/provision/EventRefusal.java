package dev.kiroku.provisionrecords.provision;

import dev.kiroku.provisionrecords.provision.rules.RuleViolation;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Why an event was not recorded: a value, so a batch answers each event on its own. */
public sealed interface EventRefusal {

    /** The batch held no event at this position. */
    record Missing() implements EventRefusal {
    }

    /** Fields missing or malformed: each field, where it is (body, header) and what it must be. */
    record Invalid(String detail, List<Field> fields) implements EventRefusal {

        public Invalid {
            fields = List.copyOf(fields);
        }

        /** The detail naming how many fields are not valid. */
        public static Invalid of(List<Field> fields) {
            return new Invalid(fields.size() + (fields.size() == 1 ? " field is" : " fields are") + " not valid",
                    fields);
        }
    }

    /** One field that is not valid. */
    record Field(String name, String in, String message) {
    }

    /** The key was used by this client with a different event. */
    record KeyReused(String key) implements EventRefusal {
    }

    /** The law does not allow the event as sent: every rule it breaks. */
    record RulesBroken(List<RuleViolation> violations) implements EventRefusal {

        public RulesBroken {
            violations = List.copyOf(violations);
        }
    }

    /** An opt-out provision after the subject asked to stop it. */
    record Stopped(UUID stopId, LocalDate effectiveFrom) implements EventRefusal {
    }
}
