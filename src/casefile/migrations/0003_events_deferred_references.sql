-- SPDX-License-Identifier: GPL-3.0-or-later
-- 0003: the same events table with its references to numbers, evidence and platforms checked
-- when the transaction commits (DEFERRABLE INITIALLY DEFERRED) instead of at every statement.
--
-- Why: an INSERT of many rows whose constraints may abort it makes SQLite keep a statement
-- journal, a copy of every page the statement touches that existed before it; with immediate
-- references every bulk insert of events did, and copying those 16 KiB pages cost about a tenth
-- of an import. Deferred references are still enforced: a transaction that would leave an event
-- pointing at a missing number, evidence file or platform fails at COMMIT and changes nothing.
-- Rows are copied unchanged (same ids, same values), so their row digests and the audit chain
-- still hold.

CREATE TABLE events_v3 (
    id            INTEGER PRIMARY KEY,
    utc_ms        INTEGER NOT NULL,
    offset_s      INTEGER NOT NULL,
    kind          TEXT NOT NULL CHECK (kind = 'call' OR kind = 'message' OR kind = 'incident'),
    channel       TEXT NOT NULL,
    direction     TEXT NOT NULL,
    number_id     INTEGER REFERENCES numbers(id) DEFERRABLE INITIALLY DEFERRED,
    raw_number    TEXT,
    counterpart   TEXT,
    conversation  TEXT,
    text          TEXT,
    duration_s    INTEGER,
    evidence_id   INTEGER REFERENCES evidence(id) DEFERRABLE INITIALLY DEFERRED,
    locator       TEXT,
    incident_type TEXT,
    platform_id   INTEGER REFERENCES platforms(id) DEFERRABLE INITIALLY DEFERRED,
    dedupe_key    BLOB NOT NULL UNIQUE,
    extra         TEXT,
    audit_seq     INTEGER NOT NULL,
    row_digest    TEXT NOT NULL
);
INSERT INTO events_v3 (id, utc_ms, offset_s, kind, channel, direction, number_id, raw_number,
                       counterpart, conversation, text, duration_s, evidence_id, locator,
                       incident_type, platform_id, dedupe_key, extra, audit_seq, row_digest)
SELECT id, utc_ms, offset_s, kind, channel, direction, number_id, raw_number, counterpart,
       conversation, text, duration_s, evidence_id, locator, incident_type, platform_id,
       dedupe_key, extra, audit_seq, row_digest
FROM events ORDER BY id;
DROP TABLE events;
ALTER TABLE events_v3 RENAME TO events;
CREATE INDEX events_time ON events(utc_ms);
CREATE INDEX events_number ON events(number_id, utc_ms);
