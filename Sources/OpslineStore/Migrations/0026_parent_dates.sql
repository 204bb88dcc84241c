-- Dates relative to a parent (#19): a child spawned with `dates: {due_date: "launch_date - 5d"}`
-- keeps those rules, as written, so that a change of the parent's date moves the child's while
-- the child is open. NULL for every other task.
ALTER TABLE tasks ADD COLUMN parent_dates jsonb;
