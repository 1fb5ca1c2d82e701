-- Relationship-quality analytics (docs/definitions.md, issue #5). A wave of 200,000 responses has about 10 million rows in
-- response_answers; the analytics never read them per request. Instead:
--   insight_respondents  one row per submitted respondent of a wave: account, contact and the answers the analyses
--                        use, packed into a byte string in the layout recorded in insight_waves (Core/Insights/InsightSummary);
--   insight_waves        per summarised wave: the layout (phase and touchpoint ids in survey order) and a version that
--                        grows with every refresh, so that app servers know when their in-memory copy is stale;
--   insight_changes      an append-only log of (wave, respondent) whose answers changed since the last refresh, written by
--                        statement triggers on response_answers (respondent pages, imports, erasure, demo seed alike).
-- The refresh re-summarises exactly the logged respondents and deletes the log rows it consumed, in one transaction.

CREATE TABLE insight_waves (
    wave_id         bigint PRIMARY KEY REFERENCES waves (id) ON DELETE CASCADE,
    version         bigint NOT NULL DEFAULT 1,
    phase_ids       integer[] NOT NULL,
    touchpoint_ids  integer[] NOT NULL,
    respondents     integer NOT NULL DEFAULT 0,
    refreshed_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE insight_respondents (
    wave_id         bigint NOT NULL REFERENCES waves (id) ON DELETE CASCADE,
    respondent_key  text NOT NULL,
    account_id      bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    contact_id      bigint REFERENCES contacts (id) ON DELETE SET NULL,
    submitted_at    timestamptz,
    answers         bytea NOT NULL,
    competitors     text[] NOT NULL,
    PRIMARY KEY (wave_id, respondent_key)
);
CREATE INDEX ix_insight_respondents_account ON insight_respondents (account_id, wave_id);

-- No foreign key to waves: deleting a wave deletes its answers, whose trigger logs them after the wave is gone.
CREATE TABLE insight_changes (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    wave_id         bigint NOT NULL,
    respondent_key  text NOT NULL,
    changed_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_insight_changes_wave ON insight_changes (wave_id, id);

CREATE FUNCTION insight_log_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO insight_changes (wave_id, respondent_key)
    SELECT DISTINCT wave_id, respondent_key FROM changed_rows;
    RETURN NULL;
END
$$;

CREATE TRIGGER trg_response_answers_insights_insert AFTER INSERT ON response_answers
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION insight_log_changes();
CREATE TRIGGER trg_response_answers_insights_update AFTER UPDATE ON response_answers
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION insight_log_changes();
CREATE TRIGGER trg_response_answers_insights_delete AFTER DELETE ON response_answers
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION insight_log_changes();
