-- Checklists inside a task (#19): the items a state declares (`checklist:` in the workflow file)
-- that people tick while a task is there. The ticks are the task's own, kept with its row as
-- `{"state": {"item": {"by": "alice", "at": "…"}}}`, so that a task and its checklist load and
-- change together, and a transition's `checklist: done` reads them under the task's lock.
ALTER TABLE tasks ADD COLUMN checks jsonb NOT NULL DEFAULT '{}'::jsonb;
