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

    /** The CPU snapshot's columns: the gateway, the floor proxy, joint-use, postgres, keycloak; then busy, total, JIT. */
    static final String[] COMPONENTS = {"gateway", "floor", "jointUse", "postgres", "keycloak"};
    static final int BUSY = 5;
    static final int TOTAL = 6;
    static final int JIT = 7;
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
         * CPU milliseconds per request: the proxy this side goes through (the gateway or the floor; 0 direct),
         * joint-use, postgres, keycloak, rest of the machine; busy %; JIT compiler threads of gateway and joint-use.
         */
        double[] cpu(double hz) {
            double[] ticks = new double[COMPONENTS.length];
            double busy = 0;
            double total = 0;
            double jit = 0;
            for (Round r : rounds) {
                for (int i = 0; i < COMPONENTS.length; i++) {
                    ticks[i] += r.cpuAfter()[i] - r.cpuBefore()[i];
                }
                busy += r.cpuAfter()[BUSY] - r.cpuBefore()[BUSY];
                total += r.cpuAfter()[TOTAL] - r.cpuBefore()[TOTAL];
                jit += r.cpuAfter()[JIT] - r.cpuBefore()[JIT];
            }
            double components = 0;
            for (double t : ticks) {
                components += t;
            }
            double proxy = name.equals("gateway") ? ticks[0] : name.equals("floor") ? ticks[1] : ticks[0] + ticks[1];
            double[] out = new double[7];
            out[0] = proxy * 1000 / hz / requests();
            out[1] = ticks[2] * 1000 / hz / requests();
            out[2] = ticks[3] * 1000 / hz / requests();
            out[3] = ticks[4] * 1000 / hz / requests();
            // the other proxy's idle CPU in this side's rounds counts as the rest of the machine
            out[4] = (busy - components + (ticks[0] + ticks[1] - proxy)) * 1000 / hz / requests();
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
        double targetCpu = Double.parseDouble(meta.getProperty("targetCpuRatio", "0"));
        String[] sideNames = meta.getProperty("sides", "direct,gateway").split(",");
        boolean withFloor = List.of(sideNames).contains("floor");
        // the gateway is held against the bare proxy measured in the same run when there is one, else against direct
        String anchor = withFloor ? "floor" : "direct";

        Map<String, Map<String, Side>> phases = new LinkedHashMap<>();
        phases.put("loaded", sides(work, "loaded", sideNames, Integer.parseInt(meta.getProperty("rounds")),
                Integer.parseInt(meta.getProperty("connections")), meta));
        int lightRounds = Integer.parseInt(meta.getProperty("lightRounds"));
        if (lightRounds > 0) {
            phases.put("light", sides(work, "light", sideNames, lightRounds, 1, meta));
        }

        Map<String, Side> loaded = phases.get("loaded");
        Map<String, Double> ratios = new LinkedHashMap<>();
        for (String side : sideNames) {
            if (!side.equals("direct")) {
                ratios.put("throughput" + cap(side) + "OverDirect", loaded.get(side).rps() / loaded.get("direct").rps());
                ratios.put("p50" + cap(side) + "MinusDirectMs", p50(loaded, side) - p50(loaded, "direct"));
                if (phases.containsKey("light")) {
                    ratios.put("p50" + cap(side) + "MinusDirectMsLight",
                            p50(phases.get("light"), side) - p50(phases.get("light"), "direct"));
                }
            }
        }
        double ratio = loaded.get("gateway").rps() / loaded.get(anchor).rps();
        double delta = p50(loaded, "gateway") - p50(loaded, anchor);
        double cpuRatio = withFloor ? loaded.get("gateway").cpu(hz)[0] / loaded.get("floor").cpu(hz)[0] : Double.NaN;
        if (withFloor) {
            ratios.put("throughputGatewayOverFloor", ratio);
            ratios.put("p50GatewayMinusFloorMs", delta);
            ratios.put("cpuPerRequestGatewayOverFloor", cpuRatio);
            if (phases.containsKey("light")) {
                ratios.put("p50GatewayMinusFloorMsLight", p50(phases.get("light"), "gateway") - p50(phases.get("light"), "floor"));
            }
        }
        boolean ratioMet = ratio >= targetRatio;
        boolean deltaMet = delta <= targetP50;
        boolean cpuMet = !withFloor || targetCpu <= 0 || cpuRatio <= targetCpu;
        long errors = phases.values().stream().flatMap(m -> m.values().stream()).mapToLong(Side::errors).sum();

        // ---- the table
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "%nGateway overhead: joint-use request mix, direct%s and through the gateway%n",
                withFloor ? ", through a bare proxy (the floor)" : ""));
        t.append(String.format(Locale.ROOT, "run %s, commit %s, %s cores (%s), load average before %s / after %s%n",
                meta.getProperty("timestamp"), meta.getProperty("commit"), meta.getProperty("cores"),
                meta.getProperty("cpuModel"), meta.getProperty("loadAverageBefore"), meta.getProperty("loadAverageAfter")));
        t.append(String.format(Locale.ROOT, "CPU placement: %s%n", meta.getProperty("placement")));
        t.append(String.format(Locale.ROOT, "side 'gateway' is: %s (%s)%n", meta.getProperty("gatewayLabel", "Kiroku gateway"),
                meta.getProperty("gatewayUrl")));
        if (withFloor) {
            t.append(String.format(Locale.ROOT, "side 'floor' is: %s (%s)%n", meta.getProperty("floorLabel"),
                    meta.getProperty("floorUrl")));
        }
        t.append(String.format(Locale.ROOT, "%n%-7s %-8s %5s %9s %8s %8s %8s %7s %11s%n",
                "phase", "side", "conns", "req/s", "p50 ms", "p90 ms", "p99 ms", "errors", "CPU ms/req"));
        phases.forEach((phase, sides) -> sides.values().forEach(s -> {
            TreeMap<Long, Long> h = s.histogram();
            double[] cpu = s.cpu(hz);
            t.append(String.format(Locale.ROOT, "%-7s %-8s %5d %9.1f %8.2f %8.2f %8.2f %7d %11.2f%n", phase, s.name(),
                    s.connections(), s.rps(), percentileMs(h, 50), percentileMs(h, 90), percentileMs(h, 99), s.errors(),
                    cpu[0] + cpu[1] + cpu[2]));
        }));
        t.append('\n');
        if (withFloor) {
            t.append(String.format(Locale.ROOT, "throughput floor / direct (loaded)        = %.3f     (what any proxy costs here)%n",
                    ratios.get("throughputFloorOverDirect")));
        }
        t.append(String.format(Locale.ROOT, "throughput gateway / direct (loaded)      = %.3f%n", ratios.get("throughputGatewayOverDirect")));
        t.append(String.format(Locale.ROOT, "throughput gateway / %-6s (loaded)      = %.3f     target >= %.2f : %s%n",
                anchor, ratio, targetRatio, ratioMet ? "met" : "MISSED"));
        t.append(String.format(Locale.ROOT, "p50 gateway - %-6s (loaded)             = %+.2f ms  target <= %.1f ms : %s%n",
                anchor, delta, targetP50, deltaMet ? "met" : "MISSED"));
        if (withFloor) {
            t.append(String.format(Locale.ROOT, "CPU per request gateway / floor (loaded)  = %.2f      target <= %.1f : %s%n",
                    cpuRatio, targetCpu, cpuMet ? "met" : "MISSED"));
        }
        if (phases.containsKey("light")) {
            t.append(String.format(Locale.ROOT, "p50 gateway - %-6s (light, 1 conn)      = %+.2f ms  (the hop itself, no CPU contention)%n",
                    anchor, p50(phases.get("light"), "gateway") - p50(phases.get("light"), anchor)));
        }
        t.append(String.format(Locale.ROOT, "%nCPU ms per request, loaded phase: its proxy / joint-use / postgres / keycloak / rest of machine (wrk, others)%n"));
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
                .append(", \"gatewaySide\": ").append(q(meta.getProperty("gatewayLabel", "Kiroku gateway")))
                .append(withFloor ? ", \"floorSide\": " + q(meta.getProperty("floorLabel")) : "").append(",\n");
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
        List<String> ratioJson = new ArrayList<>();
        ratios.forEach((k, v) -> ratioJson.add(String.format(Locale.ROOT, "%s: %.4f", q(k), v)));
        j.append("  \"ratios\": {").append(String.join(", ", ratioJson)).append("},\n");
        j.append(String.format(Locale.ROOT, "  \"targets\": {\"against\": %s, \"throughputRatioAtLeast\": %.2f, \"p50DeltaAtMostMs\": %.1f, "
                + "\"throughputMet\": %s, \"p50Met\": %s%s},%n", q(anchor), targetRatio, targetP50, ratioMet, deltaMet,
                withFloor ? String.format(Locale.ROOT, ", \"cpuRatioAtMost\": %.1f, \"cpuMet\": %s", targetCpu, cpuMet) : ""));
        j.append("  \"errors\": ").append(errors).append(",\n");
        j.append("  \"valid\": ").append(errors == 0).append("\n}\n");
        Files.writeString(result, j.toString(), StandardCharsets.UTF_8);

        System.exit(errors > 0 ? 1 : (ratioMet && deltaMet && cpuMet ? 0 : 2));
    }

    static String sideJson(Side s, double hz) {
        TreeMap<Long, Long> h = s.histogram();
        double[] c = s.cpu(hz);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "{\"url\": %s, \"connections\": %d, \"requests\": %d, \"seconds\": %.3f, "
                        + "\"requestsPerSecond\": %.1f, \"p50Ms\": %.3f, \"p90Ms\": %.3f, \"p99Ms\": %.3f, \"errors\": %d,%n",
                q(s.url()), s.connections(), s.requests(), s.seconds(), s.rps(), percentileMs(h, 50), percentileMs(h, 90),
                percentileMs(h, 99), s.errors()));
        b.append(String.format(Locale.ROOT, "        \"cpuMsPerRequest\": {\"proxy\": %.3f, \"jointUse\": %.3f, \"postgres\": %.3f, "
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

    static double p50(Map<String, Side> sides, String side) {
        return percentileMs(sides.get(side).histogram(), 50);
    }

    static String cap(String side) {
        return Character.toUpperCase(side.charAt(0)) + side.substring(1);
    }

    static Map<String, Side> sides(Path work, String phase, String[] sideNames, int rounds, int connections,
            Properties meta) throws IOException {
        Map<String, Side> out = new LinkedHashMap<>();
        for (String side : sideNames) {
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
