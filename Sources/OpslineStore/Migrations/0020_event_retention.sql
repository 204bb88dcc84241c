-- Retention (#18): the event log is pruned from its oldest end, in small batches, and the
-- position pruned through is kept, so that a follower resuming from a pruned position is told
-- (410 Gone) rather than given the rest as if nothing were missing.
CREATE TABLE event_retention (
    only_row        boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    pruned_through  bigint NOT NULL DEFAULT 0
);
INSERT INTO event_retention DEFAULT VALUES;

-- The hot queue tables take a delete for every row they ever held; left to the default (vacuum at
-- 20% dead rows), a claim steps over more and more dead index entries between vacuums. Vacuum
-- them after a fixed number of dead rows instead, without the cost-based pauses.
ALTER TABLE due_work SET (
    autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000,
    autovacuum_vacuum_cost_delay = 0, autovacuum_analyze_scale_factor = 0.02);
ALTER TABLE deliveries SET (
    autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000,
    autovacuum_vacuum_cost_delay = 0, autovacuum_analyze_scale_factor = 0.02);
ALTER TABLE idempotency_keys SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_cost_delay = 0);
