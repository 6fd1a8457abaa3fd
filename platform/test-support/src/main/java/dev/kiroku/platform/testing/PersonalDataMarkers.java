package dev.kiroku.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The personal data the tests send (the fixtures' names, e-mail addresses and subject identifiers), and the check that
 * none of it reached a log line of the test run. Every service's test run also logs to {@link #TEST_LOG}
 * ({@code %test.quarkus.log.file.*} in platform/web's defaults), emptied when the test JVM starts
 * ({@link TestLogReset}); each module's {@code PersonalDataInLogsTest} — a plain JUnit class, which Quarkus' class
 * orderer runs after every {@code @QuarkusTest} — greps it with {@link #foundIn}.
 */
public final class PersonalDataMarkers {

    /** The test run's log, relative to the module (Surefire's working directory). */
    public static final Path TEST_LOG = Path.of("target", "kiroku-test.log");

    /** Names the fixtures use for persons (subjects, affected persons, representatives). */
    public static final List<String> NAMES = List.of("山田太郎", "山田 太郎", "佐藤花子", "佐藤 花子", "佐藤 一郎",
            "鈴木一郎", "鈴木 花子", "高橋美咲", "高橋 次郎", "田中健太");

    /** The fixtures' e-mail addresses (every one at an example domain), and their subject identifiers. */
    public static final List<Pattern> PATTERNS = List.of(
            Pattern.compile("[A-Za-z0-9._%+-]+@example\\.(?:jp|com)"),
            Pattern.compile("C-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));

    private PersonalDataMarkers() {
    }

    /** Each line of the text that carries personal data of the fixtures: its number and what it carries. */
    public static List<String> foundIn(String text) {
        List<String> found = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            for (String name : NAMES) {
                if (line.contains(name)) {
                    found.add("line " + (i + 1) + ": the name " + name + " in: " + abbreviate(line));
                }
            }
            for (Pattern pattern : PATTERNS) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    found.add("line " + (i + 1) + ": " + m.group() + " in: " + abbreviate(line));
                }
            }
        }
        return found;
    }

    /** The personal data found in a log file (none when the file is missing). */
    public static List<String> foundIn(Path log) {
        try {
            return Files.exists(log) ? foundIn(Files.readString(log, StandardCharsets.UTF_8)) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String abbreviate(String line) {
        return line.length() <= 300 ? line : line.substring(0, 300) + "…";
    }
}
