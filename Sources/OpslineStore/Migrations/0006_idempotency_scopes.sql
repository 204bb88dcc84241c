-- Idempotency keys belong to a scope: the caller that used them (`token:<id>` for a token, the
-- admin token included; `system` or `system:<name>` for the server itself), as Stripe scopes keys
-- to an account. A key is claimed, replayed and refused as `duplicate` only within its scope, so
-- one caller's key never answers another caller's request (which used to hand another team's
-- task to whoever sent the same key), and nobody can take a key away from its rightful user.
-- A refused command no longer claims its key (its savepoint rolls the claim back), so there are
-- no 'refused' rows any more.
--
-- The rows already stored name no caller. Refusals are deleted: under the new rule they claim
-- nothing, and deleting them frees the keys a squatter's refused command took. An applied
-- command's row is given to the caller that applied it, found through the transaction that
-- wrote it: the row's result is the task line (its `id` and `team`), the command's events on
-- that task were written by the same transaction and so carry the same `now()` (`events.at` =
-- `idempotency_keys.created_at`, to the microsecond), and they name the actor (the token's name).
-- Every token with that name that may write to that team (an admin, or a non-viewer of the
-- team) gets a copy of the row in its own scope: the key keeps replaying for its original
-- caller, and for nobody who could not read the task anyway. A row that cannot be traced this
-- way (no event of its transaction on its task, no such token) is deleted: a retry of its
-- command after this upgrade is applied again. Rows are only kept for the retention period
-- (7 days by default), so this matters only for retries that span the upgrade.
--
-- The conflict target becomes (scope, key): a replica of an earlier build still running beside
-- this one fails on keyed commands (its `ON CONFLICT (key)` no longer matches a constraint)
-- instead of claiming keys in no scope; stop earlier replicas before starting this build.
ALTER TABLE idempotency_keys ADD COLUMN scope text;
ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey;

DELETE FROM idempotency_keys WHERE outcome NOT IN ('created', 'changed');

INSERT INTO idempotency_keys (scope, key, request_hash, outcome, result, created_at)
SELECT DISTINCT 'token:' || t.id, k.key, k.request_hash, k.outcome, k.result, k.created_at
FROM idempotency_keys k
JOIN events e
    ON e.task_id = k.result ->> 'id'
    AND e.at = k.created_at
JOIN api_tokens t ON t.name = e.actor
WHERE k.scope IS NULL
  AND (t.role = 'admin' OR (t.role <> 'viewer' AND k.result ->> 'team' = ANY (t.teams)));

DELETE FROM idempotency_keys WHERE scope IS NULL;

ALTER TABLE idempotency_keys ALTER COLUMN scope SET NOT NULL;
ALTER TABLE idempotency_keys ADD PRIMARY KEY (scope, key);
ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_outcome_check;
ALTER TABLE idempotency_keys ADD CONSTRAINT idempotency_keys_outcome_check
    CHECK (outcome IN ('claimed', 'created', 'changed'));
