import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * provision-records benchmark (see README.md): batch ingest through the REST API versus a raw batched-JDBC insert of
 * the same rows into a table of the same shape and indexes, in one run against the same PostgreSQL; then disclosure
 * latency for one subject with at least 1,000,000 records loaded; then a streamed export.
 *
 * Run by run.sh with the PostgreSQL driver on the class path: java -cp postgresql.jar Bench.java
 */
public class Bench {

    static final String API = env("BENCH_API", "http://127.0.0.1:8081");
    static final String TOKEN_URL = env("BENCH_TOKEN_URL",
            "http://127.0.0.1:8180/realms/kiroku/protocol/openid-connect/token");
    static final String JDBC = env("BENCH_JDBC", "jdbc:postgresql://127.0.0.1:55432/provision_records"
            + "?user=postgres&password=postgres&reWriteBatchedInserts=true");
    static final int N = Integer.parseInt(env("BENCH_EVENTS", "200000"));
    static final int TOTAL = Integer.parseInt(env("BENCH_TOTAL_RECORDS", "1000000"));
    static final int BATCH = Integer.parseInt(env("BENCH_BATCH", "1000"));
    static final int SENDERS = Integer.parseInt(env("BENCH_SENDERS", "2"));
    static final int ROUNDS = Integer.parseInt(env("BENCH_ROUNDS", "3"));
    /** Batches sent before anything is measured, so the rounds measure the JIT-compiled steady state. */
    static final int WARMUP_BATCHES = Integer.parseInt(env("BENCH_WARMUP_BATCHES", "300"));
    static final AtomicLong API_OFFSET = new AtomicLong(1_000_000_000L);
    static final int SUBJECTS = Integer.parseInt(env("BENCH_SUBJECTS", "200000"));
    static final int DISCLOSURES = Integer.parseInt(env("BENCH_DISCLOSURES", "2000"));
    static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final LocalDate TODAY = LocalDate.now(java.time.ZoneId.of("Asia/Tokyo"));

    static final String[] COMPANIES = {"株式会社サンプル商事", "株式会社データ提供", "東京マーケティング株式会社",
            "株式会社関西リサーチ", "合同会社ひかり通信", "株式会社みらい保険サービス", "さくら信販株式会社",
            "株式会社北海道物流", "九州メディア株式会社", "株式会社グローバル決済", "株式会社中部カード",
            "株式会社あおば広告", "日本ダイレクト株式会社", "株式会社ネクストデータ", "株式会社湘南ライフ"};
    static final String[] ITEMS = {"NAME", "ADDRESS", "PHONE", "EMAIL", "DATE_OF_BIRTH", "GENDER", "PURCHASE_HISTORY",
            "CUSTOMER_ID", "OCCUPATION"};

    public static void main(String[] args) throws Exception {
        try {
            run();
        } catch (Exception e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null
                    ? e.getCause() : e;
            String message = String.valueOf(cause.getMessage());
            System.err.println("bench failed: " + cause.getClass().getSimpleName() + ": "
                    + message.substring(0, Math.min(600, message.length())));
            System.exit(1);
        }
    }

    static void run() throws Exception {
        StringBuilder report = new StringBuilder("{\n");
        report.append(String.format(Locale.ROOT, "  \"machine\": {\"cpus\": %d, \"date\": \"%s\"},%n",
                Runtime.getRuntime().availableProcessors(), OffsetDateTime.now(ZoneOffset.UTC)));
        report.append(String.format(Locale.ROOT, "  \"settings\": {\"events\": %d, \"batch\": %d, \"senders\": %d, "
                + "\"rounds\": %d, \"totalRecords\": %d, \"subjects\": %d, \"disclosures\": %d},%n", N, BATCH,
                SENDERS, ROUNDS, TOTAL, SUBJECTS, DISCLOSURES));

        // --- 1+2. the floor (raw batched JDBC into a table of the same shape, indexes and size) and the REST API,
        // alternating over ROUNDS rounds of N each; the medians are compared ---------------------------------------
        Tokens tokens = new Tokens();
        warmUp(tokens);
        if (ROUNDS > 0) {
            ingestRounds(tokens, report);
            checkpointLag(report);
        }
        if ("0".equals(env("BENCH_DISCLOSURE_PHASE", "1"))) {
            report.append("  \"disclosure\": null,\n  \"export\": null\n}\n");
            Path out = Path.of(env("BENCH_RESULT", "bench/provision-records/results/latest.json"));
            Files.writeString(out, report.toString());
            say("written %s (no disclosure or export phase: BENCH_DISCLOSURE_PHASE=0)", out);
            return;
        }


        // --- 3. load up to TOTAL records through the API, then disclosure latency for one subject -----------------
        disclosurePhase(tokens, report);
    }

    static void ingestRounds(Tokens tokens, StringBuilder report) throws Exception {
        prepareRawTable();
        List<Double> raws = new ArrayList<>();
        List<Double> apis = new ArrayList<>();
        StringBuilder rounds = new StringBuilder();
        List<CpuShare> rawCpus = new ArrayList<>();
        List<CpuShare> apiCpus = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            double raw;
            double api;
            if (round % 2 == 0) {
                raw = rawJdbc(round);
                api = measuredApi(tokens);
            } else {
                api = measuredApi(tokens);
                raw = rawJdbc(round);
            }
            raws.add(raw);
            apis.add(api);
            say("round %d: raw JDBC %,.0f rows/s, REST API %,.0f events/s (%.0f%%)", round + 1, raw, api,
                    100 * api / raw);
            say("  raw JDBC %s", lastRawCpu.text());
            say("  REST API %s", lastApiCpu.text());
            rawCpus.add(lastRawCpu);
            apiCpus.add(lastApiCpu);
            rounds.append(round == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                    "{\"rawJdbcRowsPerSecond\": %.0f, \"apiEventsPerSecond\": %.0f, \"ratio\": %.3f, "
                            + "\"rawJdbcCpu\": %s, \"apiCpu\": %s}", raw, api, api / raw, lastRawCpu.json(),
                    lastApiCpu.json()));
        }
        dropRawTable();
        double raw = median(raws);
        double api = median(apis);
        say("median: raw JDBC %,.0f rows/s, REST API %,.0f events/s: %.0f%% of raw JDBC", raw, api, 100 * api / raw);
        CpuShare rawCpu = medianShare(rawCpus);
        CpuShare apiCpu = medianShare(apiCpus);
        say("median raw JDBC %s", rawCpu.text());
        say("median REST API %s", apiCpu.text());
        report.append(String.format(Locale.ROOT, "  \"ingest\": {\"rawJdbcRowsPerSecond\": %.0f, "
                + "\"apiEventsPerSecond\": %.0f, \"ratio\": %.3f, \"target\": 0.50, \"stretch\": 0.75, "
                + "\"rawJdbcCpu\": %s, \"apiCpu\": %s, \"rounds\": [%s]},%n", raw, api, api / raw, rawCpu.json(),
                apiCpu.json(), rounds));
        if ("1".equals(env("BENCH_ENFORCE_TARGETS", "0")) && api / raw < 0.5) {
            say("TARGET MISSED: ingest");
            System.exit(3);
        }
    }

    static void disclosurePhase(Tokens tokens, StringBuilder report) throws Exception {
        long loaded = count();
        if (loaded < TOTAL) {
            say("loading %,d more records through the API ...", TOTAL - loaded);
            double loadRate = apiIngest(tokens, (int) (TOTAL - loaded), N);
            say("  (%,.0f events/s)", loadRate);
        }
        long records = count();
        say("records in provision_record: %,d; VACUUM ANALYZE and CHECKPOINT before measuring disclosures", records);
        try (Connection c = DriverManager.getConnection(JDBC); Statement st = c.createStatement()) {
            st.execute("VACUUM ANALYZE provision_record");
            st.execute("CHECKPOINT");
        }
        double[] answer = {0, 0, 0, 0, 0};
        if (DISCLOSURES == 0) {
            report.append("  \"disclosure\": null,\n");
        } else {
            answer = disclosures(tokens);
            say("disclosure POST (answer + record) p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms",
                    answer[0], answer[1], answer[2], answer[3]);
            report.append(String.format(Locale.ROOT, "  \"disclosure\": {\"records\": %d, \"requests\": %d, "
                    + "\"p50Ms\": %.2f, \"p95Ms\": %.2f, \"p99Ms\": %.2f, \"maxMs\": %.2f, "
                    + "\"meanRecordsPerAnswer\": %.2f, \"targetP99Ms\": 20},%n", records, DISCLOSURES, answer[0],
                    answer[1], answer[2], answer[3], answer[4]));
        }

        // --- 4. breach-reporting's affected-person derivation over a counterparty's subjects -------------------
        if (!"0".equals(env("BENCH_DERIVATION", "1"))) {
            derivationPhase(tokens, report);
        }

        // --- 5. the regulator export of everything, streamed ---------------------------------------------------
        if ("0".equals(env("BENCH_EXPORT", "1"))) {
            report.append("  \"export\": null\n}\n");
            Files.writeString(Path.of(env("BENCH_RESULT", "bench/provision-records/results/latest.json")),
                    report.toString());
            return;
        }
        double[] export = export(tokens);
        say("export: %,.0f rows in %.1f s (%,.0f rows/s), %.0f MB", export[0], export[1], export[0] / export[1],
                export[2] / 1e6);
        report.append(String.format(Locale.ROOT, "  \"export\": {\"rows\": %.0f, \"seconds\": %.1f, "
                + "\"rowsPerSecond\": %.0f, \"bytes\": %.0f}%n}%n", export[0], export[1], export[0] / export[1],
                export[2]));
        Path out = Path.of(env("BENCH_RESULT", "bench/provision-records/results/latest.json"));
        Files.writeString(out, report.toString());
        say("written %s", out);
        if ("1".equals(env("BENCH_ENFORCE_TARGETS", "0")) && answer[2] > 20) {
            say("TARGET MISSED: disclosure p99");
            System.exit(3);
        }
    }

    // ---- affected-person derivation ----------------------------------------------------------------------------

    static final String BREACH_API = env("BENCH_BREACH_API", "http://127.0.0.1:8083");
    static final int DERIVATION_SUBJECTS = Integer.parseInt(env("BENCH_DERIVATION_SUBJECTS", "100000"));

    /**
     * The incident case of APPI Art. 26 at scale: a counterparty leaked what it received in a period; breach-reporting
     * derives the affected persons from provision-records (paging through /api/v1/provision-subjects, sealing and
     * storing every person). The period ends today and is widened by 30 days until the counterparty has at least
     * DERIVATION_SUBJECTS distinct subjects in it. Measured: the paging alone (this client reading every page, as
     * breach-reporting does), then the whole derivation job (POST to COMPLETED, and the job's own start..finish).
     */
    static void derivationPhase(Tokens tokens, StringBuilder report) throws Exception {
        String company = COMPANIES[0];
        String base = "/api/v1/provision-subjects?counterpartyName="
                + URLEncoder.encode(company, StandardCharsets.UTF_8);
        LocalDate to = TODAY;
        LocalDate from = TODAY;
        long total = 0;
        Pattern totalOf = Pattern.compile("\"total\":(\\d+)");
        for (int days = 30; days <= 400; days += 30) {
            from = TODAY.minusDays(days);
            HttpResponse<String> page = get(API, base + "&from=" + from + "&to=" + to + "&limit=1", tokens.officer());
            Matcher m = totalOf.matcher(page.body());
            if (!m.find()) {
                throw new IllegalStateException("no total in " + page.body());
            }
            total = Long.parseLong(m.group(1));
            if (total >= DERIVATION_SUBJECTS) {
                break;
            }
        }
        say("derivation: %s, %s..%s: %,d distinct subjects", "counterparty 0", from, to, total);

        // the paging alone, as breach-reporting pages (500 a page, the cursor of the previous page, no count)
        Pattern nextOf = Pattern.compile("\"next\":\"([0-9a-f]+)\"");
        long start = System.nanoTime();
        String after = null;
        long pages = 0;
        double slowestPageMs = 0;
        do {
            long pageStart = System.nanoTime();
            HttpResponse<String> page = get(API, base + "&from=" + from + "&to=" + to + "&limit=500&count=false"
                    + (after == null ? "" : "&after=" + after), tokens.officer());
            slowestPageMs = Math.max(slowestPageMs, (System.nanoTime() - pageStart) / 1e6);
            pages++;
            Matcher m = nextOf.matcher(page.body());
            after = m.find() ? m.group(1) : null;
        } while (after != null);
        double pagingSeconds = (System.nanoTime() - start) / 1e9;
        say("  paging alone: %,d pages in %.2f s (slowest page %.0f ms)", pages, pagingSeconds, slowestPageMs);

        // the whole job, through breach-reporting
        java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String incident = "{\"title\":\"bench: a counterparty's leak\",\"detectedAt\":\"" + now.minusSeconds(7200)
                + "\",\"awarenessAt\":\"" + now.minusSeconds(3600) + "\","
                + "\"awarenessJustification\":\"bench\",\"detectingDepartment\":\"bench\",\"role\":\"CONTROLLER\","
                + "\"euResidents\":false}";
        HttpResponse<String> created = send(BREACH_API, "/api/v1/incidents", incident, tokens.officer(), null);
        Matcher id = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(created.body());
        if (!id.find()) {
            throw new IllegalStateException("no incident id in " + created.body());
        }
        String incidentPath = "/api/v1/incidents/" + id.group(1);
        String filter = "{\"counterparty\":{\"name\":\"" + company + "\"},\"from\":\"" + from + "\",\"to\":\"" + to
                + "\"}";
        start = System.nanoTime();
        HttpResponse<String> accepted = send(BREACH_API, incidentPath + "/affected-person-derivations", filter,
                tokens.officer(), RUN + "-derivation");
        Matcher job = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(accepted.body());
        if (!job.find()) {
            throw new IllegalStateException("no job id in " + accepted.body());
        }
        String jobPath = incidentPath + "/affected-person-derivations/" + job.group(1);
        Pattern status = Pattern.compile("\"status\":\"([A-Z]+)\"");
        String body;
        while (true) {
            body = get(BREACH_API, jobPath, tokens.officer()).body();
            Matcher m = status.matcher(body);
            String state = m.find() ? m.group(1) : "?";
            if (!state.equals("RUNNING") && !state.equals("QUEUED")) {
                if (!state.equals("COMPLETED")) {
                    throw new IllegalStateException("the derivation ended " + state + ": " + body);
                }
                break;
            }
            Thread.sleep(250);
        }
        double jobSeconds = (System.nanoTime() - start) / 1e9;
        Matcher startedAt = Pattern.compile("\"startedAt\":\"([^\"]+)\"").matcher(body);
        Matcher finishedAt = Pattern.compile("\"finishedAt\":\"([^\"]+)\"").matcher(body);
        double serverSeconds = startedAt.find() && finishedAt.find() ? Duration.between(
                java.time.Instant.parse(startedAt.group(1)), java.time.Instant.parse(finishedAt.group(1)))
                .toMillis() / 1e3 : Double.NaN;
        Matcher added = Pattern.compile("\"added\":(\\d+)").matcher(body);
        long persons = added.find() ? Long.parseLong(added.group(1)) : -1;
        say("  derivation job: %,d persons added in %.2f s (POST to COMPLETED; the job's own start..finish %.2f s),"
                + " %,.0f subjects/s", persons, jobSeconds, serverSeconds, total / jobSeconds);
        report.append(String.format(Locale.ROOT, "  \"derivation\": {\"subjects\": %d, \"from\": \"%s\", "
                + "\"to\": \"%s\", \"pages\": %d, \"pagingSeconds\": %.2f, \"slowestPageMs\": %.0f, "
                + "\"jobSeconds\": %.2f, \"jobServerSeconds\": %.2f, \"personsAdded\": %d, "
                + "\"subjectsPerSecond\": %.0f, \"targetSeconds\": 10},%n", total, from, to, pages, pagingSeconds,
                slowestPageMs, jobSeconds, serverSeconds, persons, total / jobSeconds));
    }

    static HttpResponse<String> get(String api, String path, String token) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(api + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(2)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    static HttpResponse<String> send(String api, String path, String body, String token, String idempotencyKey)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(
                StandardCharsets.UTF_8));
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    // ---- raw JDBC ----------------------------------------------------------------------------------------------

    /** The floor's table: provision_record's shape and indexes, and a copy of its rows, so both are the same size. */
    static void prepareRawTable() throws Exception {
        try (Connection c = DriverManager.getConnection(JDBC); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_raw_provision_record");
            s.execute("CREATE TABLE bench_raw_provision_record (LIKE provision_record INCLUDING ALL)");
            say("raw JDBC: copying provision_record's %,d rows into the floor's table ...", count());
            s.execute("INSERT INTO bench_raw_provision_record SELECT * FROM provision_record");
            s.execute("VACUUM ANALYZE bench_raw_provision_record");
            s.execute("CHECKPOINT");
        }
    }

    /**
     * Before each measured side: no autovacuum worker running, then a CHECKPOINT, so that a vacuum already under way
     * and the dirty pages of the side before are not counted (in time and in PostgreSQL's CPU) against this one. An
     * insert-triggered vacuum that autovacuum has not launched yet (it looks once a minute) can still start during the
     * side. Waits at most two minutes, and says how long it waited.
     */
    static void quiesce() throws Exception {
        try (Connection c = DriverManager.getConnection(JDBC); Statement s = c.createStatement()) {
            long start = System.nanoTime();
            while (System.nanoTime() - start < 120_000_000_000L) {
                try (ResultSet rs = s.executeQuery(
                        "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'")) {
                    rs.next();
                    if (rs.getInt(1) == 0) {
                        break;
                    }
                }
                Thread.sleep(500);
            }
            double waited = (System.nanoTime() - start) / 1e9;
            if (waited >= 1) {
                say("  (waited %.0f s for autovacuum to finish before measuring)", waited);
            }
            s.execute("CHECKPOINT");
        }
    }

    static void dropRawTable() throws Exception {
        try (Connection c = DriverManager.getConnection(JDBC); Statement s = c.createStatement()) {
            s.execute("DROP TABLE bench_raw_provision_record");
        }
    }

    /** The audit-log leaves (seq ranges, first exclusive) the measured API rounds appended. */

    /**
     * Where the machine's CPU went during one measured side of a round, from /proc (Linux): the service (its pid from
     * BENCH_SERVICE_PID, which run.sh passes), PostgreSQL (the postmaster with its exited children and its live
     * backends, from the postmaster.pid of BENCH_PG_DATA), this benchmark's own JVM (the client: JSON bodies or JDBC
     * binds), and the rest of the machine (Keycloak, the other services, the system). In CPU milliseconds per row.
     */
    record CpuShare(double service, double postgres, double client, double other, double busyFraction) {
        String json() {
            return String.format(Locale.ROOT, "{\"serviceMs\": %.4f, \"postgresMs\": %.4f, \"clientMs\": %.4f, "
                    + "\"otherMs\": %.4f, \"machineBusy\": %.2f}", service, postgres, client, other, busyFraction);
        }

        String text() {
            return String.format(Locale.ROOT, "CPU per row: service %.3f ms, PostgreSQL %.3f ms, client %.3f ms, "
                    + "other %.3f ms; machine %.0f%% busy", service, postgres, client, other, 100 * busyFraction);
        }
    }

    /** Milliseconds per clock tick of /proc's CPU times (run.sh passes getconf CLK_TCK; Linux's is 100). */
    static final double TICK_MS = 1000.0 / Integer.parseInt(env("BENCH_CLK_TCK", "100"));
    static final String SERVICE_PID = env("BENCH_SERVICE_PID", "");
    static final Path PG_PID_FILE = Path.of(env("BENCH_PG_DATA", ".kiroku/data/postgres"), "postmaster.pid");

    /**
     * {service, postgres, client, machine busy, machine total} in ticks, after a second's pause: a backend whose
     * connection was just closed (this benchmark's queries, the floor's connections) is then reaped, and its CPU
     * time has moved into the postmaster's children's time. Read while it exits, it could be counted in neither.
     */
    static long[] cpuTicks() throws InterruptedException {
        Thread.sleep(1000);
        long service = SERVICE_PID.isEmpty() ? 0 : ownTicks(SERVICE_PID, false);
        long postgres = 0;
        try {
            String postmaster = Files.readAllLines(PG_PID_FILE).get(0).trim();
            postgres = ownTicks(postmaster, true);
            try (var entries = Files.list(Path.of("/proc"))) {
                for (Path dir : (Iterable<Path>) entries::iterator) {
                    String name = dir.getFileName().toString();
                    if (name.chars().allMatch(Character::isDigit)) {
                        String[] f = statFields(name);
                        if (f != null && f[1].equals(postmaster)) {
                            postgres += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                        }
                    }
                }
            }
        } catch (Exception e) {
            // no local PostgreSQL to count (another host): its share stays 0 and counts as "other"
        }
        long client = ownTicks("self", false);
        long busy = 0;
        long total = 0;
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            for (int i = 1; i < cpu.length && i <= 8; i++) {
                long v = Long.parseLong(cpu[i]);
                total += v;
                if (i != 4 && i != 5) { // idle, iowait
                    busy += v;
                }
            }
        } catch (Exception e) {
            // not Linux: no machine figures
        }
        return new long[] {service, postgres, client, busy, total};
    }

    /** utime + stime of a process (with its waited-for children's when asked), in ticks; 0 when it is gone. */
    static long ownTicks(String pid, boolean children) {
        String[] f = statFields(pid);
        if (f == null) {
            return 0;
        }
        long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return children ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
    }

    /** The fields of /proc/<pid>/stat after the command name: [0] state, [1] ppid, ... [11] utime, [12] stime. */
    static String[] statFields(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (Exception e) {
            return null;
        }
    }

    static CpuShare share(long[] before, long[] after, long rows) {
        double perRow = TICK_MS / (double) rows;
        double service = (after[0] - before[0]) * perRow;
        double postgres = (after[1] - before[1]) * perRow;
        double client = (after[2] - before[2]) * perRow;
        double busy = (after[3] - before[3]) * perRow;
        long total = after[4] - before[4];
        return new CpuShare(service, postgres, client, Math.max(0, busy - service - postgres - client),
                total == 0 ? 0 : (after[3] - before[3]) / (double) total);
    }

    static CpuShare lastApiCpu;
    static CpuShare lastRawCpu;

    static final List<long[]> API_LEAVES = new ArrayList<>();

    static double measuredApi(Tokens tokens) throws Exception {
        quiesce();
        long before = count();
        long firstSeq = maxAuditSeq();
        long[] cpuBefore = cpuTicks();
        double rate = apiIngest(tokens, N, API_OFFSET.getAndAdd(N));
        lastApiCpu = share(cpuBefore, cpuTicks(), N);
        API_LEAVES.add(new long[] {firstSeq, maxAuditSeq()});
        long after = count();
        if (after - before != N) {
            throw new IllegalStateException("the API run recorded " + (after - before) + " records, expected " + N);
        }
        return rate;
    }

    static long maxAuditSeq() throws Exception {
        try (Connection c = DriverManager.getConnection(JDBC); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT coalesce(max(seq), 0) FROM audit_entry")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The checkpoint lag under the ingest load of the measured API rounds (issue 13: a new signed checkpoint at most
     * 1 s after a commit, p99): for every audit leaf those rounds appended, the time from its entry's recorded_at
     * (taken inside the appending transaction, before its commit: the lag measured is a little longer than the real
     * one) to the signed_at of the first checkpoint whose tree holds it.
     */
    static void checkpointLag(StringBuilder report) throws Exception {
        StringBuilder ranges = new StringBuilder();
        for (long[] r : API_LEAVES) {
            ranges.append(ranges.isEmpty() ? "" : " OR ").append("(e.seq > ").append(r[0]).append(" AND e.seq <= ")
                    .append(r[1]).append(')');
        }
        String sql = "SELECT count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY lag), "
                + "percentile_cont(0.99) WITHIN GROUP (ORDER BY lag), max(lag) FROM ("
                + " SELECT extract(epoch FROM ((SELECT min(c.signed_at) FROM audit_checkpoint c"
                + "   WHERE c.tree_size >= e.seq) - e.recorded_at)) * 1000 AS lag"
                + " FROM audit_entry e WHERE " + ranges + ") t";
        try (Connection c = DriverManager.getConnection(JDBC); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            long leaves = rs.getLong(1);
            double p50 = rs.getDouble(2);
            double p99 = rs.getDouble(3);
            double max = rs.getDouble(4);
            say("checkpoint lag over %,d leaves appended under load: p50 %.0f ms, p99 %.0f ms, max %.0f ms", leaves,
                    p50, p99, max);
            report.append(String.format(Locale.ROOT, "  \"checkpointLag\": {\"leaves\": %d, \"p50Ms\": %.0f, "
                    + "\"p99Ms\": %.0f, \"maxMs\": %.0f, \"targetP99Ms\": 1000},%n", leaves, p50, p99, max));
        }
    }

    /** Each figure's median over the rounds (CPU per row, component by component). */
    static CpuShare medianShare(List<CpuShare> shares) {
        return new CpuShare(median(shares.stream().map(CpuShare::service).toList()),
                median(shares.stream().map(CpuShare::postgres).toList()),
                median(shares.stream().map(CpuShare::client).toList()),
                median(shares.stream().map(CpuShare::other).toList()),
                median(shares.stream().map(CpuShare::busyFraction).toList()));
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static double rawJdbc(int round) throws Exception {
        String columns;
        try (Connection c = DriverManager.getConnection(JDBC); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT string_agg(column_name, ', ' ORDER BY ordinal_position) "
                     + "FROM information_schema.columns WHERE table_name = 'provision_record'")) {
            rs.next();
            columns = rs.getString(1);
        }
        int columnCount = columns.split(",").length;
        String sql = "INSERT INTO bench_raw_provision_record (" + columns + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(columnCount, "?")) + ")";
        say("raw JDBC: inserting %,d rows of %d columns in batches of %d with %d connection(s) ...", N, columnCount,
                BATCH, SENDERS);
        AtomicLong next = new AtomicLong();
        quiesce();
        long[] cpuBefore = cpuTicks();
        long start = System.nanoTime();
        runParallel(SENDERS, () -> {
            Random random = new Random();
            try (Connection c = DriverManager.getConnection(JDBC); PreparedStatement p = c.prepareStatement(sql)) {
                c.setAutoCommit(false);
                long from;
                while ((from = next.getAndAdd(BATCH)) < N) {
                    long to = Math.min(N, from + BATCH);
                    for (long i = from; i < to; i++) {
                        bindRaw(c, p, random, round * (long) N + i);
                        p.addBatch();
                    }
                    p.executeBatch();
                    c.commit();
                }
            }
            return null;
        });
        double rate = N / ((System.nanoTime() - start) / 1e9);
        lastRawCpu = share(cpuBefore, cpuTicks(), N);
        return rate;
    }

    /** The row the service would write for event i: the same columns, the same kinds and sizes of values. */
    static void bindRaw(Connection c, PreparedStatement p, Random r, long i) throws Exception {
        // time-ordered, as the service's ids are (TimeOrderedIds, UUIDv7): a random UUID would scatter the inserts
        // over the primary key's and the version index's pages, a cost the service does not pay
        UUID id = timeOrdered(r);
        int k = 0;
        String company = COMPANIES[(int) (i % COMPANIES.length)];
        p.setObject(++k, id);
        p.setObject(++k, id);
        p.setInt(++k, 1);
        p.setObject(++k, null);
        p.setString(++k, null);
        p.setString(++k, "PROVIDED");
        p.setString(++k, "OPT_OUT_27_2");
        p.setBoolean(++k, true);
        p.setString(++k, "PER_EVENT");
        p.setString(++k, null);
        p.setBoolean(++k, false);
        p.setString(++k, "CORPORATION");
        p.setString(++k, company);
        p.setString(++k, company.toLowerCase(Locale.ROOT));
        p.setString(++k, "東京都千代田区丸の内一丁目1番1号");
        p.setString(++k, "代表取締役 山田太郎");
        p.setString(++k, "JP");
        p.setString(++k, null);
        p.setString(++k, null);
        p.setString(++k, "customer-number");
        p.setString(++k, hex(r, 32));
        p.setBytes(++k, bytes(r, 1 + 5 + 12 + 16 + 16));
        p.setBytes(++k, bytes(r, 1 + 5 + 12 + 16 + 12));
        p.setString(++k, hex(r, 32));
        p.setString(++k, hex(r, 32));
        p.setArray(++k, c.createArrayOf("text", new Object[] {"NAME", "ADDRESS", "PHONE"}));
        p.setArray(++k, c.createArrayOf("text", new Object[] {"購入履歴（直近1年）"}));
        p.setObject(++k, TODAY);
        p.setObject(++k, null);
        p.setObject(++k, null);
        p.setString(++k, null);
        p.setString(++k, null);
        p.setString(++k, null);
        p.setString(++k, null);
        p.setString(++k, "demo-crm");
        p.setString(++k, RUN + "-raw-" + i);
        p.setString(++k, hex(r, 32));
        p.setObject(++k, OffsetDateTime.now(ZoneOffset.UTC));
        p.setString(++k, "service-account-demo-crm");
        p.setObject(++k, TODAY.plusYears(3));
        p.setString(++k, "APPI Art. 29(2), Rule 21(1)(iii) / Art. 30(4), Rule 25(1)(iii): 3 years from the record's creation");
        p.setObject(++k, TODAY.plusYears(3));
        p.setString(++k, hex(r, 32));
        p.setObject(++k, timeOrdered(r)); // audit_entry_id
        p.setObject(++k, null);
        p.setString(++k, null); // art28_measures_ref (V2)
    }

    /** A UUIDv7 as the service makes them (TimeOrderedIds): 48 bits of epoch milliseconds, then random bits. */
    static UUID timeOrdered(Random r) {
        long msb = (System.currentTimeMillis() << 16) | (0x7L << 12) | r.nextInt(1 << 12);
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    // ---- REST API ----------------------------------------------------------------------------------------------

    static void warmUp(Tokens tokens) throws Exception {
        say("warming up the service (%d batches) ...", WARMUP_BATCHES);
        for (int b = 0; b < WARMUP_BATCHES; b++) {
            String body = batch(b * BATCH, BATCH, "warm");
            post("/api/v1/provisions/batch", body, tokens.crm());
        }
    }

    static double apiIngest(Tokens tokens, int events, long offset) throws Exception {
        say("REST API: %,d events in batches of %d with %d sender(s) ...", events, BATCH, SENDERS);
        AtomicLong next = new AtomicLong();
        long start = System.nanoTime();
        runParallel(SENDERS, () -> {
            long from;
            while ((from = next.getAndAdd(BATCH)) < events) {
                int size = (int) Math.min(BATCH, events - from);
                String body = batch(offset + from, size, "run");
                HttpResponse<String> response = post("/api/v1/provisions/batch", body, tokens.crm());
                if (!response.body().contains("\"created\":" + size + ",")) {
                    throw new IllegalStateException("batch not fully created: " + response.body().substring(0,
                            Math.min(400, response.body().length())));
                }
            }
            return null;
        });
        return events / ((System.nanoTime() - start) / 1e9);
    }

    /** BATCH realistic events: opt-out provisions, consent provisions and consent receipts, many counterparties. */
    static String batch(long from, int size, String tag) {
        StringBuilder json = new StringBuilder(size * 700).append("{\"events\":[");
        Random random = new Random(from);
        for (int i = 0; i < size; i++) {
            long n = from + i;
            if (i > 0) {
                json.append(',');
            }
            String company = COMPANIES[random.nextInt(COMPANIES.length)];
            String subject = subject(n);
            LocalDate day = TODAY.minusDays(random.nextInt(365));
            int kind = random.nextInt(10);
            String direction = kind < 8 ? "PROVIDED" : "RECEIVED";
            String basis = kind < 5 ? "OPT_OUT_27_2" : "CONSENT_27_1";
            json.append("{\"clientEventId\":\"").append(RUN).append('-').append(tag).append('-').append(n)
                    .append("\",\"direction\":\"").append(direction)
                    .append("\",\"legalBasis\":\"").append(basis)
                    .append("\",\"method\":\"PER_EVENT\",\"counterparty\":{\"kind\":\"CORPORATION\",\"name\":\"")
                    .append(company).append("\",\"address\":\"東京都千代田区丸の内一丁目").append(1 + random.nextInt(9))
                    .append("番1号\",\"representative\":\"代表取締役 山田太郎\",\"country\":\"JP\"},")
                    .append("\"subject\":{\"scheme\":\"customer-number\",\"identifier\":\"").append(subject)
                    .append("\",\"name\":\"佐藤花子\"},\"dataItems\":[");
            int items = 2 + random.nextInt(3);
            for (int k = 0; k < items; k++) {
                json.append(k == 0 ? "" : ",").append('"').append(ITEMS[(k * 3 + random.nextInt(3)) % ITEMS.length])
                        .append('"');
            }
            json.append("],\"otherItems\":[\"購入履歴（直近1年）\"],\"providedOn\":\"").append(day).append('"');
            if (direction.equals("RECEIVED")) {
                json.append(",\"consentRef\":\"提供元の会員規約第8条\",\"acquisitionCircumstances\":\"提供元が自社会員から同意を得て取得\"");
            }
            json.append('}');
        }
        return json.append("]}").toString();
    }

    static String subject(long n) {
        return String.format(Locale.ROOT, "C-%08d", Math.floorMod(n * 7919L, SUBJECTS));
    }

    // ---- disclosure --------------------------------------------------------------------------------------------

    static double[] disclosures(Tokens tokens) throws Exception {
        Random random = new Random(42);
        Pattern count = Pattern.compile("\"recordCount\":(\\d+)");
        for (int i = 0; i < 300; i++) { // warm-up
            disclose(tokens, subject(random.nextInt(TOTAL)));
        }
        double[] ms = new double[DISCLOSURES];
        long recordsSeen = 0;
        for (int i = 0; i < DISCLOSURES; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = disclose(tokens, subject(random.nextInt(TOTAL)));
            ms[i] = (System.nanoTime() - start) / 1e6;
            Matcher m = count.matcher(response.body());
            if (!m.find()) {
                throw new IllegalStateException("no recordCount in " + response.body());
            }
            recordsSeen += Long.parseLong(m.group(1));
        }
        Arrays.sort(ms);
        return new double[] {pct(ms, 50), pct(ms, 95), pct(ms, 99), ms[ms.length - 1],
                (double) recordsSeen / DISCLOSURES};
    }

    static HttpResponse<String> disclose(Tokens tokens, String subject) throws Exception {
        String body = "{\"subject\":{\"scheme\":\"customer-number\",\"identifier\":\"" + subject + "\"},"
                + "\"method\":\"ELECTRONIC_RECORD\",\"receivedVia\":\"web form\"}";
        HttpResponse<String> response = post("/api/v1/disclosure-requests", body, tokens.officer());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("disclosure answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    // ---- export ------------------------------------------------------------------------------------------------

    static double[] export(Tokens tokens) throws Exception {
        String path = "/api/v1/provision-exports?format=csv&from=" + TODAY.minusYears(2) + "&to=" + TODAY.plusDays(1);
        long start = System.nanoTime();
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(API + path))
                .header("Authorization", "Bearer " + tokens.officer()).timeout(Duration.ofMinutes(20)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("export answered " + response.statusCode());
        }
        long bytes = 0;
        long lines = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = response.body()) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                bytes += read;
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return new double[] {lines - 1, (System.nanoTime() - start) / 1e9, bytes};
    }

    // ---- plumbing ----------------------------------------------------------------------------------------------

    static long count() throws Exception {
        try (Connection c = DriverManager.getConnection(JDBC); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM provision_record")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static HttpResponse<String> post(String path, String body, String token) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(API + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    static void runParallel(int threads, java.util.concurrent.Callable<Void> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(task));
            }
            for (Future<Void> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Keycloak tokens (they live 300 s): refreshed every 120 s. */
    static final class Tokens {
        private String crm;
        private String officer;
        private long fetchedAt;

        synchronized String crm() throws Exception {
            refresh();
            return crm;
        }

        synchronized String officer() throws Exception {
            refresh();
            return officer;
        }

        private void refresh() throws Exception {
            if (crm != null && System.nanoTime() - fetchedAt < 120e9) {
                return;
            }
            crm = token("grant_type=client_credentials&client_id=demo-crm&client_secret=demo-crm-dev-only-secret");
            officer = token("grant_type=password&client_id=kiroku-dev-cli&username=officer&password="
                    + URLEncoder.encode("officer-dev-only", StandardCharsets.UTF_8));
            fetchedAt = System.nanoTime();
        }

        private static String token(String form) throws Exception {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(TOKEN_URL))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(response.body());
            if (!m.find()) {
                throw new IllegalStateException("no token from Keycloak: " + response.body());
            }
            return m.group(1);
        }
    }

    static String hex(Random r, int bytes) {
        return HexFormat.of().formatHex(bytes(r, bytes));
    }

    static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    static void say(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
