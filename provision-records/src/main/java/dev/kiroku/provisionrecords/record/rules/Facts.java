package dev.kiroku.provisionrecords.record.rules;

import dev.kiroku.provisionrecords.record.Art28Route;
import dev.kiroku.provisionrecords.record.Direction;
import dev.kiroku.provisionrecords.record.LegalBasis;
import dev.kiroku.provisionrecords.record.ProvisionEvent;
import dev.kiroku.provisionrecords.record.RecordMethod;

/**
 * What the rule tables decide on: direction, basis, whether the counterparty is abroad and on which Art. 28 route,
 * the record method, and whether the provision is tied to goods or services supplied to the subject.
 */
public record Facts(Direction direction, LegalBasis basis, boolean foreign, Art28Route route, RecordMethod method,
                    boolean goodsOrServices) {

    public static Facts of(ProvisionEvent event) {
        return new Facts(event.direction(), event.legalBasis(), event.counterparty().foreign(),
                event.foreignTransfer() == null ? null : event.foreignTransfer().route(), event.method(),
                event.goodsOrServices());
    }
}
