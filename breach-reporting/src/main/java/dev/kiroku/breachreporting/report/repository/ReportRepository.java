package dev.kiroku.breachreporting.report.repository;

import dev.kiroku.breachreporting.report.IncidentReport;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ReportRepository implements PanacheRepositoryBase<IncidentReport, UUID> {

    public List<IncidentReport> ofIncident(UUID incidentId) {
        return list("incidentId = ?1 order by seq", incidentId);
    }

    public Optional<IncidentReport> ofIncident(UUID incidentId, UUID reportId) {
        return find("incidentId = ?1 and id = ?2", incidentId, reportId).firstResultOptional();
    }
}
