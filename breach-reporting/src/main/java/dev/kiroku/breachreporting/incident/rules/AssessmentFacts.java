package dev.kiroku.breachreporting.incident.rules;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Set;

/**
 * What the business knows about an event when it assesses it under APPI Rule 7. Suspicion resting on known facts is
 * enough ("may have occurred", 発生したおそれ); no personal data belongs here, only facts about the event.
 */
@Schema(name = "AssessmentFacts", description = "The facts an assessment under APPI Rule 7 rests on")
public record AssessmentFacts(
        @NotNull @Schema(description = "Whether the event occurred, may have occurred, or has been ruled out",
                example = "MAY_HAVE_OCCURRED") Occurrence occurrence,
        @NotEmpty @Schema(description = "Leak (漏えい), loss (滅失) and/or damage (毀損)", example = "[\"LEAK\"]")
        Set<EventKind> kinds,
        @Schema(description = "Rule 7(i): special-care personal information (要配慮個人情報) is involved")
        boolean specialCareData,
        @Schema(description = "Rule 7(ii): data whose misuse may cause financial damage is involved")
        boolean financialDamageRisk,
        @Schema(description = "Rule 7(iii): the event may have been caused by an act with wrongful purpose")
        boolean wrongfulPurpose,
        @NotNull @Schema(description = "Data the business holds, data it is trying to acquire (e.g. a skimmed input "
                + "form), or both", example = "HELD") DataScope dataScope,
        @NotNull @PositiveOrZero @Schema(description = "Persons affected or possibly affected (persons, not records)",
                example = "1200") Long affectedPersons,
        @Schema(description = "The data was protected by high-level encryption or an equivalent measure")
        boolean highLevelEncryption,
        @Schema(description = "The decryption key was, or may have been, leaked as well (the encryption then does "
                + "not protect)") boolean decryptionKeyCompromised,
        @Size(max = 4000) @Schema(description = "Free-text basis of the facts (no personal data)",
                example = "WAF ログから決済画面への不正スクリプト挿入を確認") String basis) {

    /** The same facts with another count of persons (what the assessment of a known count rests on). */
    public AssessmentFacts withAffectedPersons(long persons) {
        return new AssessmentFacts(occurrence, kinds, specialCareData, financialDamageRisk, wrongfulPurpose, dataScope,
                persons, highLevelEncryption, decryptionKeyCompromised, basis);
    }

    /** Whether the event happened. */
    public enum Occurrence {
        OCCURRED,
        /** 発生したおそれ: counts as if it occurred (APPI Art. 26(1), Rule 7). */
        MAY_HAVE_OCCURRED,
        /** Established that nothing leaked, was lost or damaged (e.g. every copy recovered unseen). */
        RULED_OUT
    }

    /** 漏えい, 滅失, 毀損 (guideline 3-5-1). */
    public enum EventKind {
        LEAK,
        LOSS,
        DAMAGE
    }

    /** Whose data: held by the business, being acquired by it (Rule 7(iii) since 2024-04), or both. */
    public enum DataScope {
        HELD,
        BEING_ACQUIRED,
        BOTH
    }
}
