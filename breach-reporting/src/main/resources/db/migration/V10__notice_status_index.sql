-- The outbox by state (kiroku_breach_notices, docs/metrics.md): the metrics' GROUP BY status reads this index only,
-- not the message rows, however many notices a campaign sent.
CREATE INDEX notification_message_status ON notification_message (status);
