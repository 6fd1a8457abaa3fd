package dev.kiroku.breachreporting.affected.client;

import dev.kiroku.breachreporting.config.ProvisionRecordsConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import java.time.LocalDate;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** breach-reporting's client of provision-records: typed URL and timeouts, the service account's token on every call. */
@ApplicationScoped
public class ProvisionRecordsClient {

    /** provision-records could not answer a page: why, without personal data. */
    public static class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final ProvisionRecordsConfig config;
    private final ProvisionSubjectsApi api;

    public ProvisionRecordsClient(ProvisionRecordsConfig config) {
        this.config = config;
        this.api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(config.url())
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build(ProvisionSubjectsApi.class);
    }

    /**
     * One page of the distinct subjects of a counterparty's records with any of the items in the period, without
     * their total (see {@link #count}).
     */
    public ProvisionSubjectsApi.SubjectPage subjects(String corporateNumber, String counterpartyName,
            Set<String> items, LocalDate from, LocalDate to, String after) {
        return call(corporateNumber, counterpartyName, items, from, to, after, config.pageSize(), false);
    }

    /**
     * How many distinct subjects match in all: a request of its own (a first page of one, with its total), as
     * counting reads every matching record and the pages need not wait for it.
     */
    public long count(String corporateNumber, String counterpartyName, Set<String> items, LocalDate from,
            LocalDate to) {
        Long total = call(corporateNumber, counterpartyName, items, from, to, null, 1, true).total();
        if (total == null) {
            throw new Unavailable("provision-records at " + config.url() + " answered no total", null);
        }
        return total;
    }

    private ProvisionSubjectsApi.SubjectPage call(String corporateNumber, String counterpartyName, Set<String> items,
            LocalDate from, LocalDate to, String after, int limit, boolean count) {
        try {
            return api.subjects(corporateNumber, counterpartyName, items, from == null ? null : from.toString(),
                    to == null ? null : to.toString(), after, limit, count);
        } catch (WebApplicationException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatus();
            throw new Unavailable("provision-records at " + config.url() + " answered " + status
                    + (status == 401 || status == 403 ? " (the service account kiroku-breach-reporting was not "
                    + "accepted: check its secret and its role service-breach-reporting)" : ""), e);
        } catch (ProcessingException e) {
            throw new Unavailable("provision-records at " + config.url() + " could not be reached: "
                    + rootMessage(e), e);
        } catch (RuntimeException e) {
            throw new Unavailable("provision-records at " + config.url() + " could not be called: "
                    + rootMessage(e), e);
        }
    }

    public ProvisionRecordsConfig config() {
        return config;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? e.getMessage() : t.getMessage();
        return message == null ? "no answer" : message;
    }
}
