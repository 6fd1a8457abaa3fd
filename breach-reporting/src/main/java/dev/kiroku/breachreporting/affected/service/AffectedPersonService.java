package dev.kiroku.breachreporting.affected.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.breachreporting.affected.AffectedPerson;
import dev.kiroku.breachreporting.affected.AffectedPersonSource;
import dev.kiroku.breachreporting.affected.AffectedSubject;
import dev.kiroku.breachreporting.affected.Candidate;
import dev.kiroku.breachreporting.affected.ImportJob;
import dev.kiroku.breachreporting.affected.PersonCsv;
import dev.kiroku.breachreporting.affected.Rejection;
import dev.kiroku.breachreporting.affected.client.ProvisionRecordsClient;
import dev.kiroku.breachreporting.affected.client.ProvisionSubjectsApi;
import dev.kiroku.breachreporting.affected.repository.AffectedPersonRepository;
import dev.kiroku.breachreporting.affected.repository.ImportJobRepository;
import dev.kiroku.breachreporting.config.AffectedPersonsConfig;
import dev.kiroku.breachreporting.incident.service.IncidentService;
import dev.kiroku.platform.web.CsvCharsets;
import dev.kiroku.platform.web.Digests;
import dev.kiroku.platform.persistence.IdempotencyStore;
import dev.kiroku.platform.web.Idempotency;
import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemException;
import dev.kiroku.platform.web.ProblemType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names an incident's affected persons from a CSV file or from provision-records, as jobs: the request is checked at
 * once (an unusable file or filter is refused before anything is written), then a worker thread processes it in
 * chunks, each chunk its own transaction (so the job's progress is visible while it runs, and a failure keeps the
 * chunks committed before it). CSV files are spooled to a private temporary file first, so the upload ends before the
 * work starts and a 202 answers quickly. Logs carry ids and counts only.
 */
@ApplicationScoped
public class AffectedPersonService {

    private static final Logger LOG = Logger.getLogger(AffectedPersonService.class);
    public static final URI CSV_REFUSED = ProblemType.of("affected-person-file-refused");

    private final IncidentService incidents;
    private final AffectedPersonLedger ledger;
    private final ImportJobRepository jobs;
    private final AffectedPersonRepository persons;
    private final PersonVault vault;
    private final ProvisionRecordsClient provisionRecords;
    private final AffectedPersonsConfig config;
    private final ObjectMapper json;
    private final ExecutorService workers;
    private final Set<UUID> held = ConcurrentHashMap.newKeySet();
    private final Clock clock;
    private final IdempotencyStore idempotency;

    public AffectedPersonService(IncidentService incidents, AffectedPersonLedger ledger, ImportJobRepository jobs,
            AffectedPersonRepository persons, PersonVault vault, ProvisionRecordsClient provisionRecords,
            AffectedPersonsConfig config, ObjectMapper json, Clock clock, IdempotencyStore idempotency) {
        this.clock = clock;
        this.idempotency = idempotency;
        this.incidents = incidents;
        this.ledger = ledger;
        this.jobs = jobs;
        this.persons = persons;
        this.vault = vault;
        this.provisionRecords = provisionRecords;
        this.config = config;
        this.json = json;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(config.workers(), r -> {
            Thread t = new Thread(r, "affected-persons-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A job as started (or found again for a retried request). */
    public record Started(ImportJob job, boolean replayed) {
    }

    /** What a derivation asks provision-records: the counterparty, the items, the period. */
    public record Derivation(String counterpartyCorporateNumber, String counterpartyName, Set<String> items,
                             LocalDate from, LocalDate to) {

        public Derivation {
            items = items == null ? Set.of() : Set.copyOf(new TreeSet<>(items));
        }

        Map<String, Object> filter() {
            Map<String, Object> f = new LinkedHashMap<>();
            if (counterpartyCorporateNumber != null) {
                f.put("counterpartyCorporateNumber", counterpartyCorporateNumber);
            }
            if (counterpartyName != null) {
                f.put("counterpartyName", counterpartyName);
            }
            f.put("items", List.copyOf(new TreeSet<>(items)));
            f.put("from", from.toString());
            f.put("to", to.toString());
            return f;
        }
    }

    /**
     * Spools the file, checks its header and its CSV syntax at once (refused with every problem, nothing written),
     * records the job and hands it to a worker. With an idempotency key, the same file again answers the first job;
     * another file with the same key is refused.
     */
    public Started importCsv(UUID incidentId, InputStream body, String declaredCharset, String idempotencyKey,
            String clientId, String actor) {
        String key = Idempotency.key(idempotencyKey, null);
        incidents.find(incidentId);
        Path file = null;
        try {
            file = Files.createTempFile("kiroku-affected-", ".csv",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            String sha256 = spool(body, file);
            CsvCharsets.Encoding encoding = encodingOf(file, declaredCharset);
            long rows = check(file, encoding);
            var once = new IdempotencyStore.Request(clientId,
                    "POST /api/v1/incidents/" + incidentId + "/affected-person-imports", key, sha256);
            Started started = start(once, () -> ImportJob.start(incidentId, AffectedPersonSource.CSV_IMPORT, rows,
                    null, sha256, actor, clock.instant()));
            if (started.replayed()) {
                return started;
            }
            ImportJob job = started.job();
            Path spooled = file;
            hold(job.id(), () -> runCsv(job.id(), spooled, encoding));
            file = null;
            LOG.infof("affected-person import %s of incident %s started: %d rows", job.id(), incidentId, rows);
            return new Started(job, false);
        } catch (IOException e) {
            throw new UncheckedIOException("could not spool the uploaded file", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file the system cleans up
                }
            }
        }
    }

    /** Records a derivation job and hands it to a worker; the same request with the same key answers the first job. */
    public Started derive(UUID incidentId, Derivation derivation, String idempotencyKey, String clientId,
            String actor) {
        String key = Idempotency.key(idempotencyKey, null);
        incidents.find(incidentId);
        String sha256 = Digests.sha256Hex(fingerprint(derivation.filter()));
        var once = new IdempotencyStore.Request(clientId,
                "POST /api/v1/incidents/" + incidentId + "/affected-person-derivations", key, sha256);
        Started started = start(once, () -> ImportJob.start(incidentId, AffectedPersonSource.PROVISION_RECORDS, null,
                derivation.filter(), sha256, actor, clock.instant()));
        if (started.replayed()) {
            return started;
        }
        ImportJob job = started.job();
        hold(job.id(), () -> runDerivation(job.id(), derivation));
        LOG.infof("affected-person derivation %s of incident %s started", job.id(), incidentId);
        return new Started(job, false);
    }

    @Transactional
    public ImportJob job(UUID incidentId, UUID jobId, AffectedPersonSource kind) {
        incidents.find(incidentId);
        return jobs.find(incidentId, jobId).filter(j -> j.kind() == kind)
                .orElseThrow(() -> ProblemException.notFound("Incident " + incidentId + " has no "
                        + (kind == AffectedPersonSource.CSV_IMPORT ? "import " : "derivation ") + jobId));
    }

    @Transactional
    public List<Rejection> rejections(UUID jobId) {
        return jobs.rejections(jobId, config.rejectionsListed());
    }

    /** A page of the incident's persons, the total and the count per source. */
    public record PersonPage(List<AffectedPerson> persons, long total, Map<AffectedPersonSource, Long> bySource) {
    }

    @Transactional
    public PersonPage persons(UUID incidentId, UUID after, int limit) {
        incidents.find(incidentId);
        return new PersonPage(persons.listAfter(incidentId, after, limit), persons.countOf(incidentId),
                persons.countsBySource(incidentId));
    }

    public AffectedPerson.Sealer sealer() {
        return vault;
    }

    // ---- the workers ---------------------------------------------------------------------------------------------

    /** Queues a job's work; the job counts as held by this instance (its heartbeat stamps it) until the work ends. */
    private void hold(UUID jobId, Runnable work) {
        held.add(jobId);
        try {
            workers.execute(() -> {
                try {
                    work.run();
                } finally {
                    held.remove(jobId);
                }
            });
        } catch (RuntimeException e) {
            held.remove(jobId);
            throw e;
        }
    }

    /** The jobs this instance is running or has queued: the ones its heartbeat keeps alive. */
    public Set<UUID> held() {
        return Set.copyOf(held);
    }

    void runCsv(UUID jobId, Path file, CsvCharsets.Encoding encoding) {
        try (Reader reader = PersonCsv.reader(Files.newInputStream(file), encoding);
             CSVParser parser = PersonCsv.FORMAT.parse(reader)) {
            PersonCsv.Header header = PersonCsv.header(parser.getHeaderNames(), new ArrayList<>());
            Iterator<CSVRecord> records = parser.iterator();
            long row = 1;
            List<Candidate> chunk = new ArrayList<>(config.chunkSize());
            while (records.hasNext()) {
                chunk.add(PersonCsv.check(++row, records.next(), header));
                if (chunk.size() == config.chunkSize()) {
                    ledger.apply(jobId, chunk, clock.instant());
                    chunk = new ArrayList<>(config.chunkSize());
                }
            }
            if (!chunk.isEmpty()) {
                ledger.apply(jobId, chunk, clock.instant());
            }
            ImportJob job = ledger.complete(jobId, clock.instant());
            LOG.infof("affected-person import %s completed: %d rows, %d added, %d completed, %d duplicates, "
                    + "%d rejected", jobId, job.processed(), job.added(), job.completed(), job.duplicates(),
                    job.rejected());
        } catch (RuntimeException | IOException e) {
            failed(jobId, "the import stopped: " + safeMessage(e), e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file the system cleans up
            }
        }
    }

    /**
     * Pages through provision-records' subjects and stores each page as a chunk. The next page is read while the
     * current one is stored (one page ahead, on the job's own reader thread): provision-records answering and this
     * service sealing and inserting overlap, and the order of the chunks, their positions and a failure's effect (the
     * chunks committed before stay) are those of a page-by-page loop. The total (a count over every matching record)
     * is asked beside the pages and becomes the job's expected total when it arrives, at the latest before the job
     * completes; a count that fails leaves the total unknown, not the job failed.
     */
    void runDerivation(UUID jobId, Derivation d) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService reader = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "affected-persons-read-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Long> total = reader.submit(() -> provisionRecords.count(d.counterpartyCorporateNumber(),
                    d.counterpartyName(), d.items(), d.from(), d.to()));
            ProvisionSubjectsApi.SubjectPage page = page(d, null);
            long position = 0;
            while (true) {
                String after = page.next();
                Future<ProvisionSubjectsApi.SubjectPage> next = after == null ? null
                        : reader.submit(() -> page(d, after));
                List<Candidate> chunk = new ArrayList<>(page.items().size());
                for (ProvisionSubjectsApi.Subject s : page.items()) {
                    chunk.add(Candidate.of(++position, new AffectedSubject(s.scheme(), s.identifier(), s.name(), null,
                            null)));
                }
                if (!chunk.isEmpty()) {
                    ledger.apply(jobId, chunk, clock.instant());
                }
                if (total != null && total.isDone()) {
                    expect(jobId, total);
                    total = null;
                }
                if (next == null) {
                    break;
                }
                page = awaitPage(next);
            }
            if (total != null) {
                expect(jobId, total);
            }
            ImportJob job = ledger.complete(jobId, clock.instant());
            LOG.infof("affected-person derivation %s completed: %d subjects, %d added, %d already known", jobId,
                    job.processed(), job.added(), job.completed() + job.duplicates());
        } catch (ProvisionRecordsClient.Unavailable e) {
            failed(jobId, e.getMessage() + "; the persons of the pages read before stay, and a new derivation may "
                    + "be started", e);
        } catch (RuntimeException e) {
            failed(jobId, "the derivation stopped: " + safeMessage(e), e);
        } finally {
            reader.shutdownNow();
        }
    }

    /** The counted total as the job's expected one; a count that failed is logged and leaves it unknown. */
    private void expect(UUID jobId, Future<Long> total) {
        long counted;
        try {
            counted = total.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while counting", e);
        } catch (ExecutionException e) {
            LOG.warnf("affected-person derivation %s: provision-records did not count the subjects (%s); the job's "
                    + "total stays unknown", jobId, e.getCause().getClass().getSimpleName());
            return;
        }
        ledger.expect(jobId, counted);
    }

    private ProvisionSubjectsApi.SubjectPage page(Derivation d, String after) {
        return provisionRecords.subjects(d.counterpartyCorporateNumber(), d.counterpartyName(), d.items(), d.from(),
                d.to(), after);
    }

    /** The page read ahead, or what stopped its reading (as the page-by-page loop would have thrown it). */
    private static ProvisionSubjectsApi.SubjectPage awaitPage(Future<ProvisionSubjectsApi.SubjectPage> next) {
        try {
            return next.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a page", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void failed(UUID jobId, String reason, Exception e) {
        LOG.warnf("affected-person job %s failed: %s", jobId, e.getClass().getSimpleName());
        try {
            ledger.fail(jobId, reason, clock.instant());
        } catch (RuntimeException again) {
            LOG.errorf("affected-person job %s could not be marked failed: %s", jobId,
                    again.getClass().getSimpleName());
        }
    }

    /** An exception's message when it is one of ours or of the CSV reader (which names line numbers, not values). */
    private static String safeMessage(Exception e) {
        if (e instanceof UncheckedIOException || e instanceof IOException) {
            return "the file could not be read (" + e.getClass().getSimpleName().replace("Exception", "")
                    + ")";
        }
        return "an internal error (see the service log for job id)";
    }

    // ---- the checks at once --------------------------------------------------------------------------------------

    /**
     * Records the job once per client and idempotency key (the key and the job commit together); a retry answers the
     * first job, which its worker already runs.
     */
    private Started start(IdempotencyStore.Request once, Supplier<ImportJob> job) {
        var outcome = QuarkusTransaction.requiringNew().call(() -> idempotency.once(once,
                () -> ledger.open(job.get()), j -> j.id().toString(), id -> jobs.findById(UUID.fromString(id))));
        return new Started(outcome.value(), outcome.replayed());
    }

    private static String spool(InputStream body, Path file) throws IOException {
        MessageDigest sha = Digests.sha256();
        try (InputStream in = new DigestInputStream(body, sha)) {
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return Digests.hex(sha);
    }

    /** The header's problems and the CSV syntax, checked on the whole file before any job exists; answers the rows. */
    private static long check(Path file, CsvCharsets.Encoding encoding) throws IOException {
        try (Reader reader = PersonCsv.reader(Files.newInputStream(file), encoding);
             CSVParser parser = PersonCsv.FORMAT.parse(reader)) {
            List<Rejection> problems = new ArrayList<>();
            if (parser.getHeaderNames().isEmpty()) {
                problems.add(new Rejection(1, "*", "the file is empty: it needs a header row naming its columns "
                        + PersonCsv.COLUMNS));
            } else {
                PersonCsv.header(parser.getHeaderNames(), problems);
            }
            if (!problems.isEmpty()) {
                List<String> missing = problems.stream().filter(r -> PersonCsv.REQUIRED.contains(r.column()))
                        .map(Rejection::column).toList();
                throw refused(missing.isEmpty() ? "The file's header is not usable"
                        : "The file's header row lacks the required column" + (missing.size() == 1 ? " " : "s ")
                        + String.join(", ", missing) + " (the first row must name the columns " + PersonCsv.COLUMNS
                        + ")", problems);
            }
            long rows = 0;
            Iterator<CSVRecord> records = parser.iterator();
            while (records.hasNext()) {
                records.next();
                rows++;
            }
            return rows;
        } catch (UncheckedIOException | java.nio.charset.CharacterCodingException e) {
            // the parser's message names its own classes: only the line it stopped at is passed on
            Matcher line = e.getMessage() == null ? null : SYNTAX_LINE.matcher(e.getMessage());
            throw refused("The file is not valid CSV", List.of(new Rejection(1, "*", "the file is not valid "
                    + "CSV (RFC 4180)" + (line != null && line.find() ? " near line " + line.group(1) : ""))));
        }
    }

    /**
     * The file's charset: the one declared in its Content-Type, else UTF-8 (with or without a byte-order mark) or
     * Shift_JIS (windows-31j, what Excel in Japan saves) as its bytes decode; anything else is refused with how to
     * save the file from Excel.
     */
    private static CsvCharsets.Encoding encodingOf(Path file, String declaredCharset) throws IOException {
        try {
            return CsvCharsets.detect(file, declaredCharset);
        } catch (CsvCharsets.NotCsvText e) {
            throw refused("The file is neither UTF-8 nor Shift_JIS text", List.of(new Rejection(1, "*",
                    e.getMessage())));
        }
    }

    /** The line number in a Commons CSV syntax error ("(line 3) invalid char ..."). */
    private static final Pattern SYNTAX_LINE = Pattern.compile("\\(line ([0-9][0-9,]*)\\)");

    private static ProblemException refused(String detail, List<Rejection> problems) {
        ProblemException problem = ProblemException.unprocessable(CSV_REFUSED, "The CSV file is refused",
                detail + "; nothing was imported");
        for (Rejection r : problems) {
            problem = problem.withViolation(new Problem.Violation(r.column(), "body", "row " + r.row() + ": "
                    + r.message(), null));
        }
        return problem;
    }

    private String fingerprint(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot digest a derivation", e);
        }
    }
}
