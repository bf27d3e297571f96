-- SPDX-License-Identifier: GPL-3.0-or-later
-- 0004: the same events table without REFERENCES clauses on number_id, evidence_id and
-- platform_id. Dossier checks those references itself, once per distinct id in each change,
-- before the change's audit entry is written; `dossier-cli verify` checks every event's.
--
-- Why: with foreign keys declared, SQLite opens a cursor on numbers and on evidence and looks
-- the id up for every event it inserts, even when the check is deferred to COMMIT; in a
-- million-row import that was about a tenth of the time, for ids that the same change had
-- just looked up or inserted. A check per distinct id (a few thousand numbers, one source
-- file) finds the same missing row, and a change that would leave an event pointing at a
-- missing number, evidence file or platform still fails and changes nothing.
--
-- events_number also becomes a partial index, of the events that have a number: chat
-- messages (no number) made up most of it, and every query by number asks for number_id = ?
-- or number_id IS NOT NULL, which SQLite answers from the partial index. A bulk import of
-- chat messages then has next to nothing to sort when the index is built again.
--
-- Rows are copied unchanged (same ids, same values), so their row digests and the audit chain
-- still hold. Tables that reference events keep their own references.

CREATE TABLE events_v4 (
    id            INTEGER PRIMARY KEY,
    utc_ms        INTEGER NOT NULL,
    offset_s      INTEGER NOT NULL,
    kind          TEXT NOT NULL CHECK (kind = 'call' OR kind = 'message' OR kind = 'incident'),
    channel       TEXT NOT NULL,
    direction     TEXT NOT NULL,
    number_id     INTEGER,
    raw_number    TEXT,
    counterpart   TEXT,
    conversation  TEXT,
    text          TEXT,
    duration_s    INTEGER,
    evidence_id   INTEGER,
    locator       TEXT,
    incident_type TEXT,
    platform_id   INTEGER,
    dedupe_key    BLOB NOT NULL UNIQUE,
    extra         TEXT,
    audit_seq     INTEGER NOT NULL,
    row_digest    TEXT NOT NULL
);
INSERT INTO events_v4 (id, utc_ms, offset_s, kind, channel, direction, number_id, raw_number,
                       counterpart, conversation, text, duration_s, evidence_id, locator,
                       incident_type, platform_id, dedupe_key, extra, audit_seq, row_digest)
SELECT id, utc_ms, offset_s, kind, channel, direction, number_id, raw_number, counterpart,
       conversation, text, duration_s, evidence_id, locator, incident_type, platform_id,
       dedupe_key, extra, audit_seq, row_digest
FROM events ORDER BY id;
DROP TABLE events;
ALTER TABLE events_v4 RENAME TO events;
CREATE INDEX events_time ON events(utc_ms);
CREATE INDEX events_number ON events(number_id, utc_ms) WHERE number_id IS NOT NULL;
