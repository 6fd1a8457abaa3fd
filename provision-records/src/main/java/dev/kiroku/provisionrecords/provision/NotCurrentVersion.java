package dev.kiroku.provisionrecords.provision;

import java.util.UUID;

/** A correction of a version that is no longer the one in force, or of a purged record (answered 409). */
public class NotCurrentVersion extends RuntimeException {

    private final String title;
    private final UUID lineageId;

    private NotCurrentVersion(String title, String detail, UUID lineageId) {
        super(detail, null, false, false);
        this.title = title;
        this.lineageId = lineageId;
    }

    /** The version was corrected already: the current one is found through its history. */
    public static NotCurrentVersion corrected(ProvisionRecord version) {
        return new NotCurrentVersion("Not the current version", "Version " + version.versionNo() + " was already "
                + "corrected; correct the current version (see its history)", version.lineageId());
    }

    /** The record's personal data was purged: nothing is left to correct. */
    public static NotCurrentVersion purged() {
        return new NotCurrentVersion("Record purged",
                "The record's personal data was purged after its retention ended; it cannot be corrected", null);
    }

    /** Another correction of the version won a race. */
    public static NotCurrentVersion raced() {
        return new NotCurrentVersion("Not the current version",
                "Another correction of this version was recorded at the same time; read the history", null);
    }

    public String title() {
        return title;
    }

    /** The record's lineage, when the answer names it. */
    public UUID lineageId() {
        return lineageId;
    }
}
