package dev.kiroku.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar kiroku-verifier.jar --key <verifier key> [--key …] <answer.json> <receipts.json>}: checks every
 * record of a disclosure answer or a regulator export against its receipts and the published verifier key(s), offline.
 * Prints one line per record ({@code VALID …} or {@code INVALID … <why>}) and a summary; exits 0 when every record is
 * proven, 1 when one is not, 2 when the input cannot be read (usage, a missing file, not JSON, a bad key).
 */
public final class Main {

    static final int VALID = 0;
    static final int INVALID = 1;
    static final int UNUSABLE = 2;

    private static final String USAGE = """
            usage: java -jar kiroku-verifier.jar --key <verifier key> [--key <verifier key>]... <answer.json> <receipts.json>
              <answer.json>    a disclosure answer (GET /api/v1/disclosure-requests/{id}) or a regulator export
                               (GET /api/v1/provision-exports?format=json)
              <receipts.json>  its receipts (the answer's Link rel="receipts")
              --key            the log's signed-note verifier key as the operator publishes it
                               (<name>+<key id>+<base64>; also --key-file <file>)
            exit status: 0 every record proven, 1 a record is not, 2 the input cannot be used""";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the verifier; answers the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<VerifierKey> keys = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--key" -> keys.add(VerifierKey.parse(value(args, ++i)));
                    case "--key-file" -> keys.add(VerifierKey.parse(Files.readString(Path.of(value(args, ++i)))));
                    case "-h", "--help" -> {
                        out.println(USAGE);
                        return VALID;
                    }
                    default -> {
                        if (args[i].startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + args[i]);
                        }
                        files.add(Path.of(args[i]));
                    }
                }
            }
            if (keys.isEmpty() || files.size() != 2) {
                throw new IllegalArgumentException("give at least one --key, the answer and its receipts");
            }
            ObjectMapper json = new ObjectMapper();
            JsonNode document = json.readTree(files.get(0).toFile());
            JsonNode receipts = json.readTree(files.get(1).toFile());
            List<Verdict> verdicts = new ReceiptVerifier(keys).verify(document, receipts);
            verdicts.forEach(v -> out.println(v.line()));
            long invalid = verdicts.stream().filter(v -> !v.isValid()).count();
            if (verdicts.isEmpty()) {
                out.println("VALID: the document holds no records, nothing to prove");
                return VALID;
            }
            out.println(invalid == 0 ? "VALID: all " + verdicts.size() + " records are in the signed log"
                    : "INVALID: " + invalid + " of " + verdicts.size() + " records are not proven");
            return invalid == 0 ? VALID : INVALID;
        } catch (IllegalArgumentException | IOException e) {
            err.println("kiroku-verifier: " + e.getMessage());
            err.println(USAGE);
            return UNUSABLE;
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
