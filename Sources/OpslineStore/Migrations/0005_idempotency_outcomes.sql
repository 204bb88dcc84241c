-- An idempotency key remembers what its command came to in the store's words, no longer as an
-- HTTP status: `outcome` is 'created', 'changed' or 'refused' ('claimed' while the claiming
-- transaction runs), and only the server maps it to a status (a refusal's status from the code
-- of its error object, kept in `result`: docs/api.md gives every code one status).
--
-- The rows already stored held the status they were answered with. They are converted here,
-- once, rather than read both ways for ever: 201 answered a creation (a task or a comment), 200
-- a change, and any other status a refusal (outages and internal errors were never remembered).
-- Each refusal's status followed from its code then as it does now, so every old row replays
-- exactly as before. The column is renamed, not reused: a replica of an earlier build still
-- running beside this one fails on keyed commands instead of answering a replay with a status
-- that is not one; stop earlier replicas before starting this build.
ALTER TABLE idempotency_keys RENAME COLUMN status TO outcome;
ALTER TABLE idempotency_keys ALTER COLUMN outcome TYPE text USING
    CASE outcome WHEN 0 THEN 'claimed' WHEN 201 THEN 'created' WHEN 200 THEN 'changed' ELSE 'refused' END;
ALTER TABLE idempotency_keys ADD CONSTRAINT idempotency_keys_outcome_check
    CHECK (outcome IN ('claimed', 'created', 'changed', 'refused'));
