package dev.kiroku.platform.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;

/**
 * Empties the test run's log ({@link PersonalDataMarkers#TEST_LOG}) when the test JVM starts, so that the check of a
 * run reads that run's lines only. Truncated rather than deleted: a handler that already holds the file open keeps
 * appending to it. Registered through {@code META-INF/services}.
 */
public class TestLogReset implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!Files.exists(PersonalDataMarkers.TEST_LOG)) {
            return;
        }
        try (FileChannel log = FileChannel.open(PersonalDataMarkers.TEST_LOG, StandardOpenOption.WRITE)) {
            log.truncate(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
