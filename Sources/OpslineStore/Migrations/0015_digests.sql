-- Daily digests (docs/notifications.md, "Daily digests"): a subscription with `digest_at` sends
-- one message per working day of `digest_calendar` at that local time, instead of one per event.
--
-- `digest_last_on` is the local date of the last digest queued: the replica that moves it forward
-- (a conditional UPDATE, so only one of them does) inserts that day's delivery in the same
-- statement. Pruning old deliveries never lets a day's digest be queued twice.
ALTER TABLE subscriptions
    ADD COLUMN digest_at       text CHECK (digest_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
    ADD COLUMN digest_calendar text,
    ADD COLUMN digest_last_on  date;
CREATE INDEX subscriptions_digests ON subscriptions (id) WHERE digest_at IS NOT NULL;

-- A digest delivery tells of one local date of its subscription (`digest_on`), once: the
-- occurrence's key, with the delivery id made from it (`dig_<subscription>_<yyyymmdd>`).
ALTER TABLE deliveries ADD COLUMN digest_on date;
CREATE UNIQUE INDEX deliveries_digest_occurrence ON deliveries (subscription_id, digest_on)
    WHERE digest_on IS NOT NULL;
