import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inclusion-proof latency of the audit log at ten million leaves (issue 13), see README.md. Loads the leaves straight
 * into the scratch database's audit_tree_node (the API would take hours to append them): leaf i's hash is
 * SHA-256(0x00 ‖ int8(i)) and every perfect subtree above them is computed in SQL, exactly what the log stores. Then
 * asks the bench instance of provision-records for inclusion proofs of random leaves over HTTP, one at a time, and
 * checks every proof here (RFC 9162 §2.1.3.2, own code, not the service's) against the root it computes itself from
 * the loaded leaves.
 *
 * Run by run.sh with the PostgreSQL driver on the class path: java -cp postgresql.jar ProofBench.java
 */
public class ProofBench {

    static final String API = env("BENCH_API", "http://127.0.0.1:8091");
    static final String JDBC = env("BENCH_JDBC", "jdbc:postgresql://127.0.0.1:55432/bench_audit_log"
            + "?user=postgres&password=postgres");
    static final String TOKEN_URL = env("BENCH_TOKEN_URL",
            "http://127.0.0.1:8180/realms/kiroku/protocol/openid-connect/token");
    static final long LEAVES = Long.parseLong(env("BENCH_LEAVES", "10000000"));
    static final int WARMUP = Integer.parseInt(env("BENCH_WARMUP", "20000"));
    static final int REQUESTS = Integer.parseInt(env("BENCH_PROOFS", "20000"));
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Http11 CLIENT = new Http11(URI.create(API));

    public static void main(String[] args) throws Exception {
        try {
            run();
        } catch (Exception e) {
            System.err.println("bench failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(1);
        }
    }

    static void run() throws Exception {
        long size = load();
        String token = token();
        long started = System.nanoTime();
        byte[] root = root(size);
        say("the root of the %,d loaded leaves, computed here from the leaves alone in %.1f s: %s", size,
                (System.nanoTime() - started) / 1e9, Base64.getEncoder().encodeToString(root));
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < WARMUP; i++) {
            check(random.nextLong(size), size, root, token);
        }
        double[] ms = new double[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            long leaf = random.nextLong(size);
            long t = System.nanoTime();
            String body = get("/proofs/inclusion?leafIndex=" + leaf + "&treeSize=" + size, token);
            ms[i] = (System.nanoTime() - t) / 1e6;
            verify(body, leaf, size, root);
        }
        if (!Arrays.equals(root, Base64.getDecoder().decode(json(get("/proofs/inclusion?leafIndex=0&treeSize=" + size,
                token), "rootHash")))) {
            throw new IllegalStateException("the service's root differs from the one computed here");
        }
        Arrays.sort(ms);
        double p50 = pct(ms, 50), p95 = pct(ms, 95), p99 = pct(ms, 99), max = ms[ms.length - 1];
        double[] db = databaseReads(size, root);
        say("the same proofs read straight from PostgreSQL (one batched primary-key read of the leaf, the root's and the "
                + "path's stored subtrees, as the service does; JDBC, no HTTP): p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, "
                + "max %.2f ms", db[0], db[1], db[2], db[3]);
        double[] floor = httpFloor(token);
        say("the HTTP floor on the same instance (GET /q/health/live, %,d requests, same client): p50 %.2f ms, "
                + "p95 %.2f ms, p99 %.2f ms", REQUESTS, floor[0], floor[1], floor[2]);
        say("inclusion proof over HTTP at %,d leaves, %,d requests one at a time (after %,d warm-up): "
                + "p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms; every proof verified against the root computed from the leaves",
                size, REQUESTS, WARMUP, p50, p95, p99, max);
        String report = String.format(Locale.ROOT, "{%n  \"machine\": {\"cpus\": %d, \"date\": \"%s\"},%n"
                + "  \"treeSize\": %d,%n  \"inclusionProof\": {\"requests\": %d, \"warmup\": %d, \"p50Ms\": %.2f, "
                + "\"p95Ms\": %.2f, \"p99Ms\": %.2f, \"maxMs\": %.2f, \"targetP99Ms\": 5, \"allVerified\": true},%n"
                + "  \"databaseRead\": {\"p50Ms\": %.2f, \"p95Ms\": %.2f, \"p99Ms\": %.2f, \"maxMs\": %.2f},%n"
                + "  \"httpFloorHealthLive\": {\"p50Ms\": %.2f, \"p95Ms\": %.2f, \"p99Ms\": %.2f, \"maxMs\": %.2f}%n}%n",
                Runtime.getRuntime().availableProcessors(), OffsetDateTime.now(ZoneOffset.UTC), size, REQUESTS,
                WARMUP, p50, p95, p99, max, db[0], db[1], db[2], db[3], floor[0], floor[1], floor[2], floor[3]);
        Path out = Path.of(env("BENCH_RESULT", "bench/audit-log/results/latest.json"));
        Files.writeString(out, report);
        say("written %s", out);
    }

    /**
     * The proofs' database part alone: for random leaves, the stored subtrees of the leaf, the root and the RFC 9162
     * path (computed here: RFC 9162 §2.1.3.1 ranges, each the perfect subtrees it is made of), read in one query as
     * the service reads them; the path folded here and checked against the root.
     */
    static double[] databaseReads(long size, byte[] root) throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        double[] ms = new double[REQUESTS];
        try (Connection c = DriverManager.getConnection(JDBC); java.sql.PreparedStatement q = c.prepareStatement(
                "SELECT n.level, n.idx, n.hash FROM unnest(?::smallint[], ?::bigint[]) AS w(level, idx) "
                        + "JOIN audit_tree_node n ON n.level = w.level AND n.idx = w.idx")) {
            for (int i = -WARMUP; i < REQUESTS; i++) {
                long leaf = random.nextLong(size);
                List<long[]> ranges = new ArrayList<>();
                ranges.add(new long[] {leaf, leaf + 1});
                ranges.add(new long[] {0, size});
                path(leaf, 0, size, ranges);
                List<Short> levels = new ArrayList<>();
                List<Long> indexes = new ArrayList<>();
                for (long[] r : ranges) {
                    for (long[] node : subtrees(r[0], r[1])) {
                        levels.add((short) node[0]);
                        indexes.add(node[1]);
                    }
                }
                long t = System.nanoTime();
                q.setArray(1, c.createArrayOf("smallint", levels.toArray()));
                q.setArray(2, c.createArrayOf("bigint", indexes.toArray()));
                java.util.Map<String, byte[]> read = new java.util.HashMap<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        read.put(rs.getShort(1) + "/" + rs.getLong(2), rs.getBytes(3));
                    }
                }
                if (i >= 0) {
                    ms[i] = (System.nanoTime() - t) / 1e6;
                }
                List<byte[]> hashes = new ArrayList<>();
                for (long[] r : ranges) {
                    List<long[]> parts = subtrees(r[0], r[1]);
                    byte[] h = null;
                    for (int k = parts.size() - 1; k >= 0; k--) {
                        byte[] node = read.get(parts.get(k)[0] + "/" + parts.get(k)[1]);
                        h = h == null ? node : sha256(new byte[] {1}, node, h);
                    }
                    hashes.add(h);
                }
                if (!Arrays.equals(hashes.get(1), root)) {
                    throw new IllegalStateException("the stored subtrees do not make the root");
                }
                StringBuilder body = new StringBuilder("{\"leafHash\":\"")
                        .append(Base64.getEncoder().encodeToString(hashes.get(0))).append("\",\"hashes\":[");
                for (int k = 2; k < hashes.size(); k++) {
                    body.append(k == 2 ? "" : ",").append('"').append(Base64.getEncoder().encodeToString(hashes.get(k)))
                            .append('"');
                }
                verify(body.append("]}").toString(), leaf, size, root);
            }
        }
        Arrays.sort(ms);
        return new double[] {pct(ms, 50), pct(ms, 95), pct(ms, 99), ms[ms.length - 1]};
    }

    /** RFC 9162 §2.1.3.1 PATH(m, D[start:end]) as ranges, leaf upwards. */
    static void path(long m, long start, long end, List<long[]> out) {
        long n = end - start;
        if (n <= 1) {
            return;
        }
        long k = Long.highestOneBit(n - 1);
        if (m - start < k) {
            path(m, start, start + k, out);
            out.add(new long[] {start + k, end});
        } else {
            path(m, start + k, end, out);
            out.add(new long[] {start, start + k});
        }
    }

    /** The perfect subtrees {level, index} that make up D[start:end], left to right. */
    static List<long[]> subtrees(long start, long end) {
        List<long[]> out = new ArrayList<>();
        while (start < end) {
            int level = 63 - Long.numberOfLeadingZeros(end - start);
            if (start != 0) {
                level = Math.min(level, Long.numberOfTrailingZeros(start));
            }
            out.add(new long[] {level, start >> level});
            start += 1L << level;
        }
        return out;
    }

    static double[] httpFloor(String token) throws Exception {
        double[] ms = new double[REQUESTS];
        for (int i = -WARMUP; i < REQUESTS; i++) {
            long t = System.nanoTime();
            Answer r = CLIENT.get("/q/health/live", null);
            if (r.status() != 200) {
                throw new IllegalStateException("/q/health/live answered " + r.status());
            }
            if (i >= 0) {
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
        }
        Arrays.sort(ms);
        return new double[] {pct(ms, 50), pct(ms, 95), pct(ms, 99), ms[ms.length - 1]};
    }

    /** Loads leaves up to LEAVES (once: a second run finds them there) and returns the tree size. */
    static long load() throws Exception {
        try (Connection c = DriverManager.getConnection(JDBC); Statement st = c.createStatement()) {
            long size = treeSize(st);
            if (size >= LEAVES) {
                say("the scratch log already holds %,d leaves", size);
                return size;
            }
            say("loading leaves %,d to %,d into audit_tree_node (SQL, one transaction) ...", size, LEAVES - 1);
            long t = System.nanoTime();
            c.setAutoCommit(false);
            st.execute("SET LOCAL synchronous_commit = off");
            st.execute("SET LOCAL work_mem = '256MB'");
            st.execute("INSERT INTO audit_tree_node (level, idx, hash) SELECT 0, i, sha256('\\x00'::bytea || int8send(i)) "
                    + "FROM generate_series(" + size + ", " + (LEAVES - 1) + ") AS i");
            // every perfect subtree: node (l+1, k) exists when both (l, 2k) and (l, 2k+1) do
            for (int level = 0; (LEAVES >> (level + 1)) > 0; level++) {
                long from = (size >> (level + 1)); // parents below this one exist already
                int added = st.executeUpdate("INSERT INTO audit_tree_node (level, idx, hash) "
                        + "SELECT " + (level + 1) + ", l.idx / 2, sha256('\\x01'::bytea || l.hash || r.hash) "
                        + "FROM audit_tree_node l JOIN audit_tree_node r ON r.level = l.level AND r.idx = l.idx + 1 "
                        + "WHERE l.level = " + level + " AND l.idx % 2 = 0 AND l.idx >= " + (2 * from)
                        + " ON CONFLICT DO NOTHING");
                say("  level %d: %,d nodes", level + 1, added);
            }
            c.commit();
            c.setAutoCommit(true);
            st.execute("VACUUM ANALYZE audit_tree_node");
            long loaded = treeSize(st);
            say("loaded in %.0f s; audit_tree_node holds %,d leaves", (System.nanoTime() - t) / 1e9, loaded);
            return loaded;
        }
    }

    static long treeSize(Statement st) throws Exception {
        try (ResultSet rs = st.executeQuery("SELECT coalesce(max(idx) + 1, 0) FROM audit_tree_node WHERE level = 0")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * MTH(D[0:n]) of the leaves as loaded, in memory: the perfect subtrees of the leaves so far on a stack (merged as
     * soon as two of one size meet), folded from the right at the end (RFC 9162 §2.1.1).
     */
    static byte[] root(long size) throws Exception {
        byte[][] hashes = new byte[64][];
        long[] sizes = new long[64];
        int top = 0;
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        ByteBuffer leaf = ByteBuffer.allocate(9);
        for (long i = 0; i < size; i++) {
            leaf.clear();
            leaf.put((byte) 0).putLong(i);
            hashes[top] = d.digest(leaf.array());
            sizes[top++] = 1;
            while (top > 1 && sizes[top - 1] == sizes[top - 2]) {
                d.update((byte) 1);
                d.update(hashes[top - 2]);
                d.update(hashes[top - 1]);
                hashes[top - 2] = d.digest();
                sizes[top - 2] *= 2;
                top--;
            }
        }
        byte[] root = hashes[--top];
        while (top > 0) {
            d.update((byte) 1);
            d.update(hashes[--top]);
            d.update(root);
            root = d.digest();
        }
        return root;
    }

    static void check(long leaf, long size, byte[] root, String token) throws Exception {
        verify(get("/proofs/inclusion?leafIndex=" + leaf + "&treeSize=" + size, token), leaf, size, root);
    }

    /** RFC 9162 §2.1.3.2, and the leaf hash as the loader made it. */
    static void verify(String body, long leaf, long size, byte[] root) throws Exception {
        byte[] leafHash = Base64.getDecoder().decode(json(body, "leafHash"));
        byte[] expected = sha256(new byte[] {0}, ByteBuffer.allocate(8).putLong(leaf).array());
        if (!Arrays.equals(leafHash, expected)) {
            throw new IllegalStateException("leaf " + leaf + ": the service's leaf hash is not the loaded one");
        }
        Matcher m = Pattern.compile("\"hashes\":\\[([^\\]]*)\\]").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no hashes in " + body);
        }
        List<byte[]> path = new ArrayList<>();
        for (String h : m.group(1).split(",")) {
            if (!h.isBlank()) {
                path.add(Base64.getDecoder().decode(h.trim().replace("\"", "")));
            }
        }
        long fn = leaf, sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                throw new IllegalStateException("leaf " + leaf + ": the proof is too long");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = sha256(new byte[] {1}, p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = sha256(new byte[] {1}, r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0 || !Arrays.equals(r, root)) {
            throw new IllegalStateException("leaf " + leaf + ": the inclusion proof does not lead to the root");
        }
    }

    static byte[] sha256(byte[]... parts) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        for (byte[] p : parts) {
            d.update(p);
        }
        return d.digest();
    }

    static String get(String path, String token) throws Exception {
        Answer r = CLIENT.get("/api/v1/audit/provision-records" + path, token);
        if (r.status() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.status() + ": " + r.body());
        }
        return r.body();
    }

    /** An answer of {@link Http11}. */
    record Answer(int status, String body) {
    }

    /**
     * The measuring client: one HTTP/1.1 keep-alive connection, a request written and its answer read on the calling
     * thread (java.net.http hands each exchange to a selector thread and an executor, two thread hops of the client's
     * own that added about 0.7 ms at p50 and more at the tail to what was measured). Knows Content-Length and chunked
     * answers, as Quarkus sends them.
     */
    static final class Http11 {
        private final String host;
        private final int port;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Http11(URI base) {
            this.host = base.getHost();
            this.port = base.getPort();
        }

        Answer get(String path, String token) throws IOException {
            if (socket == null || socket.isClosed()) {
                socket = new Socket(host, port);
                socket.setTcpNoDelay(true);
                in = new BufferedInputStream(socket.getInputStream(), 65536);
                out = new BufferedOutputStream(socket.getOutputStream(), 8192);
            }
            StringBuilder head = new StringBuilder(256 + (token == null ? 0 : token.length()))
                    .append("GET ").append(path).append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port)
                    .append("\r\nAccept: application/json\r\n");
            if (token != null) {
                head.append("Authorization: Bearer ").append(token).append("\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = line();
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                        size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                    body.write(in.readNBytes((int) size));
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length >= 0) {
                body.write(in.readNBytes((int) length));
            }
            if (close) {
                socket.close();
            }
            return new Answer(code, body.toString(StandardCharsets.UTF_8));
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new EOFException("the connection closed mid-answer");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }
    }

    static String json(String body, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":\"([^\"]+)\"").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " in " + body);
        }
        return m.group(1);
    }

    static String token() throws Exception {
        String form = "grant_type=password&client_id=kiroku-dev-cli&username=auditor&password="
                + URLEncoder.encode("auditor-dev-only", StandardCharsets.UTF_8);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(TOKEN_URL))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        return json(r.body(), "access_token");
    }

    static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static void say(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
