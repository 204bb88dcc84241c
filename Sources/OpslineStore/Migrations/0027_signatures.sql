-- Four eyes (#19): a transition's `not_by: [created, assess]` refuses whoever created the task or
-- last fired one of those transitions on it. Who did is kept on the task, {"created": "ada",
-- "assess": "bo"}, for the steps some not_by names only (NULL otherwise): the event log, which
-- says the same, is pruned by age, and a risk lives longer than that.
ALTER TABLE tasks ADD COLUMN signatures jsonb;
