package dev.kiroku.provisionrecords.export.service;

import dev.kiroku.platform.audit.AuditChain;
import dev.kiroku.platform.audit.AuditEvent;
import dev.kiroku.platform.web.TimeOrderedIds;
import dev.kiroku.provisionrecords.common.Caller;
import dev.kiroku.provisionrecords.provision.ProvisionRecord;
import dev.kiroku.provisionrecords.provision.RecordReceipt;
import dev.kiroku.provisionrecords.provision.SearchCriteria;
import dev.kiroku.provisionrecords.provision.service.RecordReceipts;
import dev.kiroku.provisionrecords.provision.service.ProvisionService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/** The regulator export (APPI Art. 146): every record of a period, the export itself on the audit chain. */
@ApplicationScoped
public class RegulatorExportService {

    private final ProvisionService provisions;
    private final AuditChain audit;
    private final Clock clock;

    private final RecordReceipts receipts;

    RegulatorExportService(ProvisionService provisions, AuditChain audit, Clock clock, RecordReceipts receipts) {
        this.receipts = receipts;
        this.clock = clock;
        this.provisions = provisions;
        this.audit = audit;
    }

    /**
     * Streams every current version matching the criteria to the sink (never held in memory), after appending the
     * export itself to the audit chain: who exported which period and filters, for inspection under APPI Art. 146.
     */
    public void export(SearchCriteria criteria, String format, Caller caller, Consumer<ProvisionRecord> sink) {
        QuarkusTransaction.requiringNew().run(() -> {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("format", format);
            facts.put("from", String.valueOf(criteria.from()));
            facts.put("to", String.valueOf(criteria.to()));
            facts.put("direction", String.valueOf(criteria.direction()));
            facts.put("basis", String.valueOf(criteria.basis()));
            facts.put("counterparty", String.valueOf(criteria.counterparty()));
            UUID exportId = TimeOrderedIds.next(clock);
            audit.append(new AuditEvent("provision-export.made", "provision-export", exportId.toString(),
                    caller.actor(), null, facts));
        });
        provisions.stream(criteria, sink);
    }

    /**
     * Streams the receipts of the records an export of these criteria holds, into the newest signed checkpoint (given
     * to {@code header} first): what an auditor checks the export against, offline.
     */
    public void receipts(SearchCriteria criteria, Consumer<RecordReceipts.Into> header, Consumer<RecordReceipt> sink) {
        receipts.export(criteria, header, sink);
    }

    /**
     * Reads what an export would hold, without exporting it (nothing audited): to check, before a byte is sent,
     * that every record can be written in the charset asked for.
     */
    public void check(SearchCriteria criteria, Consumer<ProvisionRecord> sink) {
        provisions.stream(criteria, sink);
    }
}
