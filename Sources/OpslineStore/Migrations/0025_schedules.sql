-- Recurring work (#19): each schedule of a workflow (`schedules:`) keeps its next occurrence as a
-- due_work row of kind 'schedule'. Such a row belongs to no task: the task is what it creates.
-- Its occurrence_key (workflow, schedule, timing, instant) is unique, so an occurrence is planned
-- once however many replicas publish the workflow or fire the one before.
ALTER TABLE due_work ALTER COLUMN task_id DROP NOT NULL;
ALTER TABLE due_work ADD COLUMN occurrence_key text;
CREATE UNIQUE INDEX due_work_occurrence ON due_work (occurrence_key) WHERE occurrence_key IS NOT NULL;
ALTER TABLE due_work DROP CONSTRAINT due_work_kind_check;
ALTER TABLE due_work ADD CONSTRAINT due_work_kind_check CHECK (
    kind IN ('timer', 'sla', 'schedule') AND (task_id IS NULL) = (kind = 'schedule'));
