-- Files on a task (#19): a QA report, a contract, a campaign's creative, a screenshot. The file
-- is kept in PostgreSQL, in chunks, so it is written in the same transaction as the event that
-- records it, every replica serves it, and backups, point-in-time recovery and failover cover it
-- with the rest of the task.
CREATE TABLE attachments (
    id           uuid PRIMARY KEY,
    task_id      text NOT NULL REFERENCES tasks (id),
    name         text NOT NULL,
    content_type text NOT NULL,
    size         bigint NOT NULL CHECK (size >= 0),
    -- Lower-case hex of the content's SHA-256.
    sha256       text NOT NULL,
    -- The attachment field the file was uploaded into, if any.
    field        text,
    uploaded_by  text NOT NULL,
    uploaded_at  timestamptz NOT NULL
);
CREATE INDEX attachments_task ON attachments (task_id, uploaded_at, id);

CREATE TABLE attachment_chunks (
    attachment_id uuid NOT NULL REFERENCES attachments (id) ON DELETE CASCADE,
    n             integer NOT NULL,
    data          bytea NOT NULL,
    PRIMARY KEY (attachment_id, n)
);
-- Files are mostly compressed already (PDF, images, office documents): store the chunks out of
-- line without trying to compress them again.
ALTER TABLE attachment_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
