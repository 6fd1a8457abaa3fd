package dev.kiroku.breachreporting.incident;

/** An action the incident's current state does not allow (the transition table has no such row): 409. */
public class IllegalIncidentTransition extends RuntimeException {

    private final IncidentAction action;
    private final IncidentStatus from;

    public IllegalIncidentTransition(IncidentAction action, IncidentStatus from) {
        super("'" + action.wireName() + "' is not allowed when the incident is " + from, null, false, false);
        this.action = action;
        this.from = from;
    }

    public IllegalIncidentTransition(IncidentAction action, IncidentStatus from, String detail) {
        super(detail, null, false, false);
        this.action = action;
        this.from = from;
    }

    public IncidentAction action() {
        return action;
    }

    public IncidentStatus from() {
        return from;
    }
}
