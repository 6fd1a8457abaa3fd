package dev.kiroku.breachreporting.reminder.rest;

/** OpenAPI examples: the reminders of a web-skimming incident at a Japanese online shop (illustrative). */
final class ReminderExamples {

    private ReminderExamples() {
    }

    static final String PAGE = """
            {"items":[
              {"id":"0193b7e1-4a2b-7c3d-8e4f-5a6b7c8d9e0f","day":"2026-11-25","sentAt":"2026-11-24T23:30:02Z",
               "deadlineCount":2,"recipientCount":2,"attempts":1,
               "messageId":"<breach-reminders.2026-11-25@kiroku.invalid>",
               "deadlines":[
                 {"incidentId":"0193a5b2-7c1d-7e4f-9a8b-1c2d3e4f5a6b","kind":"PRELIMINARY","state":"ALERT",
                  "dueDate":"2026-11-23","stateDate":"2026-11-25","daysOverdue":2},
                 {"incidentId":"0193a0c4-1d2e-7f3a-8b4c-5d6e7f8a9b0c","kind":"FINAL","state":"REMINDER",
                  "dueDate":"2026-12-02","stateDate":"2026-11-25","daysOverdue":0}]}],
             "next":"2026-11-25"}""";

    static final String BAD_CURSOR = """
            {"type":"urn:kiroku:problem:validation","title":"Request is not valid","status":400,
             "detail":"1 field is not valid","instance":"/api/v1/breach-reminders",
             "requestId":"5f0c2a7e-3b1d-4c8e-9a6f-2d4b8e1c7a30",
             "violations":[{"field":"after","in":"query","message":"must be a day (YYYY-MM-DD): the next of the previous page"}]}""";
}
