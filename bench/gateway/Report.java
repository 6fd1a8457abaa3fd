import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Summarises one run of bench/gateway/run.sh: reads the work directory that run.sh filled (wrk's BENCH lines, the
 * latency histograms that mix.lua wrote, CPU snapshots, meta.properties), prints the summary table and writes the
 * JSON result. Percentiles are exact over all rounds of a side: the rounds' histograms (1 µs buckets) are merged.
 *
 * <p>Run by run.sh as {@code java Report.java WORKDIR RESULT.json} (a single-file program, JDK 11+).
 * Exit 0: valid run, targets met; 2: valid run, a target missed; 1: non-2xx responses or socket errors.
 */
public class Report {

    static final String[] SIDES = {"direct", "gateway"};
    static final String[] COMPONENTS = {"gateway", "jointUse", "postgres", "keycloak"};
    static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S+)");

    record Round(int round, long requests, long durationUs, long non2xx, long socketErrors, String codes,
                 TreeMap<Long, Long> histogram, long[] cpuBefore, long[] cpuAfter) {

        double rps() {
            return requests / (durationUs / 1e6);
        }
    }

    record Side(String name, String url, int connections, List<Round> rounds) {

        long requests() {
            return rounds.stream().mapToLong(Round::requests).sum();
        }

        double seconds() {
            return rounds.stream().mapToLong(Round::durationUs).sum() / 1e6;
        }

        double rps() {
            return requests() / seconds();
        }

        long errors() {
            return rounds.stream().mapToLong(r -> r.non2xx() + r.socketErrors()).sum();
        }

        TreeMap<Long, Long> histogram() {
            TreeMap<Long, Long> all = new TreeMap<>();
            rounds.forEach(r -> r.histogram().forEach((k, v) -> all.merge(k, v, Long::sum)));
            return all;
        }

        /**
         * CPU milliseconds per request: gateway, joint-use, postgres, keycloak, rest of the machine; busy %; JIT
         * compiler threads of gateway and joint-use (part of the first two).
         */
        double[] cpu(double hz) {
            double[] ticks = new double[6];
            double total = 0;
            for (Round r : rounds) {
                for (int i = 0; i < 5; i++) {
                    ticks[i] += r.cpuAfter()[i] - r.cpuBefore()[i];
                }
                total += r.cpuAfter()[5] - r.cpuBefore()[5];
            }
            double busy = ticks[4];
            double jit = 0;
            for (Round r : rounds) {
                if (r.cpuAfter().length > 6) {
                    jit += r.cpuAfter()[6] - r.cpuBefore()[6];
                }
            }
            double[] out = new double[7];
            double components = 0;
            for (int i = 0; i < 4; i++) {
                out[i] = ticks[i] * 1000 / hz / requests();
                components += ticks[i];
            }
            out[4] = (busy - components) * 1000 / hz / requests();
            out[5] = total == 0 ? 0 : 100 * busy / total;
            out[6] = jit * 1000 / hz / requests();
            return out;
        }
    }

    static double percentileMs(TreeMap<Long, Long> histogram, double p) {
        long total = histogram.values().stream().mapToLong(Long::longValue).sum();
        long need = (long) Math.ceil(total * p / 100.0);
        long cumulative = 0;
        for (Map.Entry<Long, Long> e : histogram.entrySet()) {
            cumulative += e.getValue();
            if (cumulative >= need) {
                return e.getKey() / 1000.0;
            }
        }
        return Double.NaN;
    }

    public static void main(String[] args) throws IOException {
        Path work = Path.of(args[0]);
        Path result = Path.of(args[1]);
        Properties meta = new Properties();
        try (Reader in = Files.newBufferedReader(work.resolve("meta.properties"), StandardCharsets.UTF_8)) {
            meta.load(in);
        }
        double hz = Double.parseDouble(meta.getProperty("clockTicksPerSecond"));
        double targetRatio = Double.parseDouble(meta.getProperty("targetThroughputRatio"));
        double targetP50 = Double.parseDouble(meta.getProperty("targetP50DeltaMs"));

        Map<String, Map<String, Side>> phases = new LinkedHashMap<>();
        phases.put("loaded", sides(work, "loaded", Integer.parseInt(meta.getProperty("rounds")),
                Integer.parseInt(meta.getProperty("connections")), meta));
        int lightRounds = Integer.parseInt(meta.getProperty("lightRounds"));
        if (lightRounds > 0) {
            phases.put("light", sides(work, "light", lightRounds, 1, meta));
        }

        Map<String, Side> loaded = phases.get("loaded");
        double ratio = loaded.get("gateway").rps() / loaded.get("direct").rps();
        double delta = percentileMs(loaded.get("gateway").histogram(), 50) - percentileMs(loaded.get("direct").histogram(), 50);
        Double lightDelta = phases.containsKey("light")
                ? percentileMs(phases.get("light").get("gateway").histogram(), 50)
                  - percentileMs(phases.get("light").get("direct").histogram(), 50)
                : null;
        boolean ratioMet = ratio >= targetRatio;
        boolean deltaMet = delta <= targetP50;
        long errors = phases.values().stream().flatMap(m -> m.values().stream()).mapToLong(Side::errors).sum();

        // ---- the table
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "%nGateway overhead: joint-use request mix, direct vs through the gateway%n"));
        t.append(String.format(Locale.ROOT, "run %s, commit %s, %s cores (%s), load average before %s / after %s%n",
                meta.getProperty("timestamp"), meta.getProperty("commit"), meta.getProperty("cores"),
                meta.getProperty("cpuModel"), meta.getProperty("loadAverageBefore"), meta.getProperty("loadAverageAfter")));
        t.append(String.format(Locale.ROOT, "CPU placement: %s%n", meta.getProperty("placement")));
        t.append(String.format(Locale.ROOT, "side 'gateway' is: %s (%s)%n", meta.getProperty("gatewayLabel", "Kiroku gateway"),
                meta.getProperty("gatewayUrl")));
        t.append(String.format(Locale.ROOT, "%n%-7s %-8s %5s %9s %8s %8s %8s %7s %11s%n",
                "phase", "side", "conns", "req/s", "p50 ms", "p90 ms", "p99 ms", "errors", "CPU ms/req"));
        phases.forEach((phase, sides) -> sides.values().forEach(s -> {
            TreeMap<Long, Long> h = s.histogram();
            double[] cpu = s.cpu(hz);
            t.append(String.format(Locale.ROOT, "%-7s %-8s %5d %9.1f %8.2f %8.2f %8.2f %7d %11.2f%n", phase, s.name(),
                    s.connections(), s.rps(), percentileMs(h, 50), percentileMs(h, 90), percentileMs(h, 99), s.errors(),
                    cpu[0] + cpu[1] + cpu[2]));
        }));
        t.append(String.format(Locale.ROOT, "%nthroughput gateway / direct (loaded)      = %.3f     target >= %.2f : %s%n",
                ratio, targetRatio, ratioMet ? "met" : "MISSED"));
        t.append(String.format(Locale.ROOT, "p50 gateway - direct (loaded)            = %+.2f ms  target <= %.1f ms : %s%n",
                delta, targetP50, deltaMet ? "met" : "MISSED"));
        if (lightDelta != null) {
            t.append(String.format(Locale.ROOT, "p50 gateway - direct (light, 1 conn)     = %+.2f ms  (the hop itself, no CPU contention)%n",
                    lightDelta));
        }
        t.append(String.format(Locale.ROOT, "%nCPU ms per request, loaded phase: gateway / joint-use / postgres / keycloak / rest of machine (wrk, others)%n"));
        for (Side s : loaded.values()) {
            double[] c = s.cpu(hz);
            t.append(String.format(Locale.ROOT, "  %-8s %.3f / %.3f / %.3f / %.3f / %.3f   machine busy %.0f%%; JIT compilers (in gateway + joint-use) %.3f%n",
                    s.name(), c[0], c[1], c[2], c[3], c[4], c[5], c[6]));
        }
        t.append(String.format(Locale.ROOT, "errors (non-2xx and socket errors, all phases): %d%s%n", errors,
                errors == 0 ? "" : "  -> the run is NOT valid"));
        System.out.print(t);

        // ---- the JSON
        StringBuilder j = new StringBuilder();
        j.append("{\n");
        j.append("  \"benchmark\": \"gateway-overhead\",\n");
        j.append("  \"timestamp\": ").append(q(meta.getProperty("timestamp"))).append(",\n");
        j.append("  \"commit\": ").append(q(meta.getProperty("commit"))).append(",\n");
        j.append("  \"machine\": {\"cores\": ").append(meta.getProperty("cores"))
                .append(", \"cpuModel\": ").append(q(meta.getProperty("cpuModel")))
                .append(", \"kernel\": ").append(q(meta.getProperty("kernel")))
                .append(", \"loadAverageBefore\": ").append(q(meta.getProperty("loadAverageBefore")))
                .append(", \"loadAverageAfter\": ").append(q(meta.getProperty("loadAverageAfter"))).append("},\n");
        j.append("  \"config\": {\"tool\": \"wrk\", \"script\": \"bench/gateway/mix.lua\", \"threads\": ")
                .append(meta.getProperty("threads")).append(", \"connections\": ").append(meta.getProperty("connections"))
                .append(", \"roundSeconds\": ").append(meta.getProperty("roundSeconds"))
                .append(", \"roundsPerSide\": ").append(meta.getProperty("rounds"))
                .append(", \"lightConnections\": 1, \"lightRoundSeconds\": ").append(meta.getProperty("lightRoundSeconds"))
                .append(", \"lightRoundsPerSide\": ").append(meta.getProperty("lightRounds"))
                .append(", \"warmupSecondsPerSide\": ").append(meta.getProperty("warmupSeconds"))
                .append(", \"seededGroups\": ").append(meta.getProperty("seededGroups"))
                .append(", \"cpuPlacement\": ").append(q(meta.getProperty("placement")))
                .append(", \"gatewaySide\": ").append(q(meta.getProperty("gatewayLabel", "Kiroku gateway"))).append(",\n");
        j.append("    \"mixPer20Requests\": {\"POST /api/v1/joint-use-checks (demo-crm)\": 8, "
                + "\"GET /api/v1/joint-use-groups/{id} (officer)\": 4, \"GET /api/v1/joint-use-groups?limit=20 (officer)\": 3, "
                + "\"GET /public/v1/joint-use-notices (no token)\": 3, \"GET /api/v1/joint-use/caller (officer)\": 2}},\n");
        j.append("  \"phases\": {\n");
        List<String> phaseJson = new ArrayList<>();
        phases.forEach((phase, sides) -> {
            List<String> sideJson = new ArrayList<>();
            sides.values().forEach(s -> sideJson.add("      " + q(s.name()) + ": " + sideJson(s, hz)));
            phaseJson.add("    " + q(phase) + ": {\n" + String.join(",\n", sideJson) + "\n    }");
        });
        j.append(String.join(",\n", phaseJson)).append("\n  },\n");
        j.append(String.format(Locale.ROOT, "  \"ratios\": {\"throughputGatewayOverDirect\": %.4f, \"p50GatewayMinusDirectMs\": %.3f%s},%n",
                ratio, delta, lightDelta == null ? "" : String.format(Locale.ROOT, ", \"p50GatewayMinusDirectMsLight\": %.3f", lightDelta)));
        j.append(String.format(Locale.ROOT, "  \"targets\": {\"throughputRatioAtLeast\": %.2f, \"p50DeltaAtMostMs\": %.1f, "
                + "\"throughputMet\": %s, \"p50Met\": %s},%n", targetRatio, targetP50, ratioMet, deltaMet));
        j.append("  \"errors\": ").append(errors).append(",\n");
        j.append("  \"valid\": ").append(errors == 0).append("\n}\n");
        Files.writeString(result, j.toString(), StandardCharsets.UTF_8);

        System.exit(errors > 0 ? 1 : (ratioMet && deltaMet ? 0 : 2));
    }

    static String sideJson(Side s, double hz) {
        TreeMap<Long, Long> h = s.histogram();
        double[] c = s.cpu(hz);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "{\"url\": %s, \"connections\": %d, \"requests\": %d, \"seconds\": %.3f, "
                        + "\"requestsPerSecond\": %.1f, \"p50Ms\": %.3f, \"p90Ms\": %.3f, \"p99Ms\": %.3f, \"errors\": %d,%n",
                q(s.url()), s.connections(), s.requests(), s.seconds(), s.rps(), percentileMs(h, 50), percentileMs(h, 90),
                percentileMs(h, 99), s.errors()));
        b.append(String.format(Locale.ROOT, "        \"cpuMsPerRequest\": {\"gateway\": %.3f, \"jointUse\": %.3f, \"postgres\": %.3f, "
                + "\"keycloak\": %.3f, \"restOfMachine\": %.3f, \"jitCompilersOfGatewayAndJointUse\": %.3f}, \"machineBusyPercent\": %.1f,%n",
                c[0], c[1], c[2], c[3], c[4], c[6], c[5]));
        List<String> rounds = new ArrayList<>();
        for (Round r : s.rounds()) {
            rounds.add(String.format(Locale.ROOT, "{\"round\": %d, \"requests\": %d, \"requestsPerSecond\": %.1f, \"p50Ms\": %.3f, "
                            + "\"p90Ms\": %.3f, \"p99Ms\": %.3f, \"non2xx\": %d, \"non2xxStatuses\": %s, \"socketErrors\": %d}",
                    r.round(), r.requests(), r.rps(), percentileMs(r.histogram(), 50), percentileMs(r.histogram(), 90),
                    percentileMs(r.histogram(), 99), r.non2xx(), q(r.codes()), r.socketErrors()));
        }
        b.append("        \"rounds\": [\n          ").append(String.join(",\n          ", rounds)).append("]}");
        return b.toString();
    }

    static Map<String, Side> sides(Path work, String phase, int rounds, int connections, Properties meta) throws IOException {
        Map<String, Side> out = new LinkedHashMap<>();
        for (String side : SIDES) {
            List<Round> list = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                String tag = phase + "-" + side + "-" + r;
                Map<String, String> f = new LinkedHashMap<>();
                Matcher m = FIELD.matcher(Files.readString(work.resolve(tag + ".line")));
                while (m.find()) {
                    f.put(m.group(1), m.group(2));
                }
                TreeMap<Long, Long> h = new TreeMap<>();
                for (String line : Files.readAllLines(work.resolve(tag + ".hist"))) {
                    String[] p = line.trim().split("\\s+");
                    if (p.length == 2) {
                        h.merge(Long.parseLong(p[0]), Long.parseLong(p[1]), Long::sum);
                    }
                }
                List<String> cpu = Files.readAllLines(work.resolve(tag + ".cpu"));
                list.add(new Round(r, l(f, "requests"), l(f, "duration_us"), l(f, "non2xx"),
                        l(f, "connect") + l(f, "read") + l(f, "write") + l(f, "timeout"), f.getOrDefault("codes", "-"), h,
                        longs(cpu.get(0)), longs(cpu.get(1))));
            }
            out.put(side, new Side(side, meta.getProperty(side + "Url"), connections, list));
        }
        return out;
    }

    static long l(Map<String, String> f, String key) {
        return Long.parseLong(f.getOrDefault(key, "0"));
    }

    static long[] longs(String line) {
        String[] p = line.trim().split("\\s+");
        long[] out = new long[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = Long.parseLong(p[i]);
        }
        return out;
    }

    static String q(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
