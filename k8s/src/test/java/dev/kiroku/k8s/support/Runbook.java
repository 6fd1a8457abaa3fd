package dev.kiroku.k8s.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * k8s/README.md, the runbook, read as data where the manifests depend on it: the tables of the Secrets an operator of
 * the installation creates and of those the operators create, and its headings.
 */
public final class Runbook {

    public static final String SECRETS_YOU_CREATE = "Secrets you create";
    public static final String SECRETS_OPERATORS_CREATE = "Secrets the operators create";

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private final String text;

    private Runbook(String text) {
        this.text = text;
    }

    public static Runbook read() {
        return new Runbook(Repository.read(Repository.k8s().resolve("README.md")));
    }

    public String text() {
        return text;
    }

    /** The headings (without the leading #s), in order. */
    public List<String> headings() {
        List<String> headings = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#")) {
                headings.add(line.replaceFirst("^#+\\s*", "").trim());
            }
        }
        return headings;
    }

    /** The body of the section under a heading, up to the next heading of the same or a higher level. */
    public String section(String heading) {
        String[] lines = text.split("\n");
        StringBuilder body = new StringBuilder();
        int level = -1;
        for (String line : lines) {
            if (line.startsWith("#")) {
                int l = line.indexOf(' ');
                String title = line.replaceFirst("^#+\\s*", "").trim();
                if (level == -1 && title.equals(heading)) {
                    level = l;
                    continue;
                }
                if (level != -1 && l <= level) {
                    break;
                }
            }
            if (level != -1) {
                body.append(line).append('\n');
            }
        }
        if (level == -1) {
            throw new AssertionError("k8s/README.md has no section \"" + heading + "\"");
        }
        return body.toString();
    }

    /** The Secrets of a table section: name (first column) to keys (the third column's code spans). */
    public Map<String, Set<String>> secretTable(String heading) {
        Map<String, Set<String>> secrets = new LinkedHashMap<>();
        for (String line : section(heading).split("\n")) {
            if (!line.startsWith("|") || line.startsWith("|--") || line.startsWith("| Secret")) {
                continue;
            }
            String[] cells = line.split("\\|", -1);
            if (cells.length < 5) {
                continue;
            }
            Matcher name = CODE.matcher(cells[1]);
            if (!name.find()) {
                continue;
            }
            Set<String> keys = new LinkedHashSet<>();
            Matcher key = CODE.matcher(cells[3]);
            while (key.find()) {
                keys.add(key.group(1));
            }
            secrets.put(name.group(1), keys);
        }
        return secrets;
    }
}
