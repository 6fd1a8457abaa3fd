package dev.kiroku.provisionrecords.provision;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

/**
 * The provision period of a bulk record: the first and last day (PPC Q&A 8-13). {@code last} is absent while the
 * provision continues; it is recorded by a correction when it stops.
 */
@Schema(name = "Period")
public record Period(@NotNull @Schema(example = "2026-10-01") LocalDate first,
                     @Schema(example = "2026-10-31") LocalDate last) {
}
