-- SLA clocks: one per task and policy. Their next step (warning, breach, escalation level) waits
-- in due_work like every other time-driven job.
CREATE TABLE sla_clocks (
    task_id           text             NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    policy            text             NOT NULL,
    state             text             NOT NULL CHECK (state IN ('running', 'paused', 'stopped')),
    started_at        timestamptz      NOT NULL,
    target_s          double precision,           -- NULL: the keyed field has no target
    worked_s          double precision NOT NULL DEFAULT 0,   -- working time before running_since
    running_since     timestamptz,
    warned_at         timestamptz,
    breached_at       timestamptz,
    stopped_at        timestamptz,
    escalation_level  integer          NOT NULL DEFAULT 0,
    due_at            timestamptz,                -- the breach, while running and not yet breached
    PRIMARY KEY (task_id, policy)
);
-- Managers' views: what breached, what falls due soon.
CREATE INDEX sla_clocks_breached ON sla_clocks (breached_at) WHERE breached_at IS NOT NULL;
CREATE INDEX sla_clocks_due ON sla_clocks (due_at) WHERE due_at IS NOT NULL;

ALTER TABLE due_work DROP CONSTRAINT due_work_kind_check;
ALTER TABLE due_work ADD CONSTRAINT due_work_kind_check CHECK (kind IN ('timer', 'sla'));
