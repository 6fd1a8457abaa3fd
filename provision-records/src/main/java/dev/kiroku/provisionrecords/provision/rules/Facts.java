package dev.kiroku.provisionrecords.provision.rules;

import dev.kiroku.provisionrecords.provision.Art28Route;
import dev.kiroku.provisionrecords.provision.Direction;
import dev.kiroku.provisionrecords.provision.LegalBasis;
import dev.kiroku.provisionrecords.provision.ProvisionEvent;
import dev.kiroku.provisionrecords.provision.RecordMethod;

/**
 * What the rule tables decide on: direction, basis, the counterparty's country (ISO 3166-1 alpha-2) and, abroad, the
 * Art. 28 route claimed, the record method, and whether the provision is tied to goods or services supplied to the
 * subject.
 */
public record Facts(Direction direction, LegalBasis basis, String country, Art28Route route, RecordMethod method,
                    boolean goodsOrServices) {

    public static final String JAPAN = "JP";

    public static Facts of(ProvisionEvent event) {
        return new Facts(event.direction(), event.legalBasis(), event.counterparty().country(),
                event.foreignTransfer() == null ? null : event.foreignTransfer().route(), event.method(),
                event.goodsOrServices());
    }

    /** The counterparty is outside Japan. */
    public boolean foreign() {
        return !JAPAN.equals(country);
    }

    /** The counterparty is in a country the PPC designated as equivalent (Art. 28(1), Rule 15). */
    public boolean designatedCountry() {
        return foreign() && DesignatedCountries.isDesignated(country);
    }
}
