package dev.kiroku.breachreporting.notification;

/** A campaign asked to move where its state does not allow (409). */
public class IllegalCampaignTransition extends RuntimeException {

    public IllegalCampaignTransition(String what, CampaignStatus status) {
        super("A campaign that is " + status + " cannot be " + what);
    }
}
