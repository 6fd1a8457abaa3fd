package dev.kiroku.gateway;

import dev.kiroku.platform.testing.KeycloakResource;
import dev.kiroku.platform.testing.KeycloakServer;
import dev.kiroku.platform.testing.PackagedService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's journeys run, so the README cannot drift from the API: every fenced block marked
 * {@code ```bash journey=<user>} is extracted in the README's order, and each user's blocks — after the shared
 * {@code journey=setup} block (base URLs, the demo logins' tokens, the {@code expect} helper) — run as one bash
 * script ({@code set -euo pipefail}) against the real stack. A call the text does not expect to fail is written
 * {@code curl -fsS …}, so any non-2xx answer ends the script (a reader pasting the block sees the failure too); a
 * call the text expects to be refused is written {@code expect <status> …}, which fails unless exactly that status
 * comes back. A lint keeps it so: every {@code curl} of a journey fails on an HTTP error, and no pipe ends in a
 * reader that stops early ({@code head}, {@code grep -m}), whose writer's SIGPIPE would fail the journey at random.
 *
 * <p>The stack is the gateway tests' own ({@link ServicesResource}): the three packaged services against one
 * embedded PostgreSQL, the build's Keycloak and this gateway, all on free ports. The blocks take their base URLs from
 * variables with the local stack's defaults ({@code : "${KIROKU:=http://127.0.0.1:8080}"}), so pasted after
 * {@code ./kiroku up} they hit the local stack and here they hit the test's. Running {@code ./kiroku up} itself was
 * the other choice and is worse: its ports are fixed (8080–8083, 8180, 55432), so it would collide with a developer's
 * running stack or another build on the same machine, and a test must never stop what it did not start; it would also
 * add a second Keycloak and PostgreSQL start (30–60 s) to a build that already has both. What this leaves untested is
 * the script's start-up itself, which {@code KirokuScriptTest} (platform/dev-stack) covers without starting anything.
 *
 * <p>Each journey's script, and its output (with bash's trace), is kept in {@code gateway/target/readme-journeys/}.
 */
@QuarkusTest
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(value = ServicesResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadmeJourneysTest {

    static final Path README = PackagedService.home().resolve("README.md").toAbsolutePath().normalize();
    static final Path OUT = PackagedService.home().resolve("gateway/target/readme-journeys").toAbsolutePath().normalize();
    static final List<String> USERS = List.of("integrator", "officer", "breach-manager", "auditor", "ops");
    static final Pattern FENCE = Pattern.compile("^```bash journey=([a-z-]+)\\s*$");
    static final Pattern CURL = Pattern.compile("(^|[\\s(|;&])curl\\s");
    static final Pattern FAILING_CURL = Pattern.compile("\\bcurl\\s+(-[A-Za-z]*f[A-Za-z]*\\b|--fail)");
    /** A reader that stops early (head, grep -m/-q) kills its writer with SIGPIPE: a failure under pipefail, at random. */
    static final Pattern EARLY_EXIT = Pattern.compile("\\|\\s*(head\\b|grep\\s+-[A-Za-z]*[mq])");
    static final Duration JOURNEY_TIMEOUT = Duration.ofMinutes(3);

    @TestHTTPResource("/")
    URL gatewayUrl;

    @Test
    @Order(1)
    void theReadmeWalksEachUserThroughMarkedBlocksWhoseCallsFailOnAnUnexpectedStatusAndNeverAtRandom() throws IOException {
        Map<String, List<String>> journeys = journeys();
        assertThat(journeys.keySet()).as("journeys of %s, in order", README)
                .containsExactly(concat("setup", USERS).toArray(String[]::new));
        List<String> unchecked = new ArrayList<>();
        journeys.forEach((journey, blocks) -> blocks.forEach(block -> block.lines()
                .filter(line -> CURL.matcher(line).find() && !FAILING_CURL.matcher(line).find())
                .filter(line -> !line.contains("-w '\\n%{http_code}'")) // the expect helper checks the status itself
                .forEach(line -> unchecked.add(journey + ": " + line.strip()))));
        assertThat(unchecked).as("curl calls that would let an HTTP error pass (use curl -fsS, or expect <status>)")
                .isEmpty();
        List<String> racy = new ArrayList<>();
        journeys.forEach((journey, blocks) -> blocks.forEach(block -> block.lines()
                .filter(line -> EARLY_EXIT.matcher(line).find()).forEach(line -> racy.add(journey + ": " + line.strip()))));
        assertThat(racy).as("pipes into a reader that stops early (use sed -n 1,5p, awk, or grep without -m/-q)")
                .isEmpty();
    }

    @ParameterizedTest(name = "the {0} journey runs against the stack")
    @Order(2)
    @ValueSource(strings = {"integrator", "officer", "breach-manager", "auditor", "ops"})
    void theJourneyRunsAgainstTheStack(String user) throws Exception {
        assertThat(onPath("jq")).as("the journeys use jq: install it (apt-get install jq)").isTrue();
        Map<String, List<String>> journeys = journeys();
        assertThat(journeys).containsKey(user);
        Path work = OUT.resolve("work");
        Files.createDirectories(work);
        Path platform = work.resolve("platform"); // the README's paths are relative to the repository's root
        if (!Files.exists(platform, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(platform, PackagedService.home().resolve("platform").toAbsolutePath().normalize());
        }
        String script = "# generated by ReadmeJourneysTest from README.md: the setup block, then the " + user
                + " journey's blocks\n" + String.join("\n", journeys.get("setup")) + "\n"
                + String.join("\n", journeys.get(user)) + "\n";
        Path file = OUT.resolve(user + ".sh");
        Path log = OUT.resolve(user + ".log");
        Files.writeString(file, script);

        ProcessBuilder bash = new ProcessBuilder("bash", "-euxo", "pipefail", file.toString())
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = bash.environment();
        env.put("KIROKU", FrontDoors.url(gatewayUrl));
        env.put("KEYCLOAK", KeycloakServer.baseUrl());
        for (String service : ServicesResource.DATABASES.keySet()) {
            env.put(service.replace('-', '_').toUpperCase(), ConfigProvider.getConfig()
                    .getValue("kiroku.gateway.backends." + service + ".url", String.class).replaceAll("/+$", ""));
        }
        long started = System.nanoTime();
        Process process = bash.start();
        boolean ended = process.waitFor(JOURNEY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.printf("README journey %s: %s in %d ms (script %s, output %s)%n", user,
                ended ? "exit " + process.exitValue() : "timed out", (System.nanoTime() - started) / 1_000_000,
                file, log);
        assertThat(ended).as("the %s journey ended within %s; output:%n%s", user, JOURNEY_TIMEOUT, tail(output)).isTrue();
        assertThat(process.exitValue()).as("the %s journey's exit status; output (%s):%n%s", user, log, tail(output))
                .isZero();
    }

    /** The marked blocks of the README by journey, in the README's order. */
    static Map<String, List<String>> journeys() throws IOException {
        Map<String, List<String>> journeys = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            Matcher fence = FENCE.matcher(lines.get(i));
            if (!fence.matches()) {
                continue;
            }
            StringBuilder block = new StringBuilder();
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).startsWith("```")) {
                block.append(lines.get(end)).append('\n');
                end++;
            }
            assertThat(end).as("the block of journey %s at README line %d is closed", fence.group(1), i + 1)
                    .isLessThan(lines.size());
            journeys.computeIfAbsent(fence.group(1), k -> new ArrayList<>()).add(block.toString());
            i = end;
        }
        return journeys;
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
