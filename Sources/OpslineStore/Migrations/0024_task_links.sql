-- Links between tasks besides parent and child (#19): `relates_to` (either way round, kept once,
-- the lower id first) and `caused_by` (this task exists because of the other: a complaint's
-- root cause and the improvement it led to, a risk and the launch it was raised for, a
-- materialised risk and its incident). Each task shows its links both ways.
CREATE TABLE task_links (
    task_id    text NOT NULL REFERENCES tasks (id),
    type       text NOT NULL CHECK (type IN ('relates_to', 'caused_by')),
    other_id   text NOT NULL REFERENCES tasks (id),
    created_by text NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (task_id, type, other_id),
    CHECK (task_id <> other_id),
    CHECK (type <> 'relates_to' OR task_id < other_id)
);
-- The links seen from the other side.
CREATE INDEX task_links_other ON task_links (other_id);
