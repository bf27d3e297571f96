-- SPDX-License-Identifier: GPL-3.0-or-later
-- 0002: the same events table with its kind check written as comparisons, and derived previews.
--
-- Why: SQLite evaluates "kind IN ('call', 'message', 'incident')" by building a temporary index
-- for every inserted row, which cost about a tenth of a bulk import. Rows are copied unchanged
-- (same ids, same values), so their row digests and the audit chain still hold.
--
-- The full-text index is derived data too: events above search_index_state.indexed_to are not
-- in it yet (a bulk import leaves them to a catch-up pass) and searches scan those with LIKE.
--
-- Previews (thumbnails) are made from the stored originals after an import, when first needed;
-- they are derived data like the full-text index, so they are not audited and can be rebuilt.

CREATE TABLE events_v2 (
    id            INTEGER PRIMARY KEY,
    utc_ms        INTEGER NOT NULL,
    offset_s      INTEGER NOT NULL,
    kind          TEXT NOT NULL CHECK (kind = 'call' OR kind = 'message' OR kind = 'incident'),
    channel       TEXT NOT NULL,
    direction     TEXT NOT NULL,
    number_id     INTEGER REFERENCES numbers(id),
    raw_number    TEXT,
    counterpart   TEXT,
    conversation  TEXT,
    text          TEXT,
    duration_s    INTEGER,
    evidence_id   INTEGER REFERENCES evidence(id),
    locator       TEXT,
    incident_type TEXT,
    platform_id   INTEGER REFERENCES platforms(id),
    dedupe_key    BLOB NOT NULL UNIQUE,
    extra         TEXT,
    audit_seq     INTEGER NOT NULL,
    row_digest    TEXT NOT NULL
);
INSERT INTO events_v2 (id, utc_ms, offset_s, kind, channel, direction, number_id, raw_number,
                       counterpart, conversation, text, duration_s, evidence_id, locator,
                       incident_type, platform_id, dedupe_key, extra, audit_seq, row_digest)
SELECT id, utc_ms, offset_s, kind, channel, direction, number_id, raw_number, counterpart,
       conversation, text, duration_s, evidence_id, locator, incident_type, platform_id,
       dedupe_key, extra, audit_seq, row_digest
FROM events ORDER BY id;
DROP TABLE events;
ALTER TABLE events_v2 RENAME TO events;
CREATE INDEX events_time ON events(utc_ms);
CREATE INDEX events_number ON events(number_id, utc_ms);

CREATE TABLE thumbnails (
    evidence_id INTEGER PRIMARY KEY REFERENCES evidence(id),
    png         BLOB NOT NULL
);

CREATE TABLE search_index_state (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    indexed_to INTEGER NOT NULL
);
INSERT INTO search_index_state (id, indexed_to) SELECT 1, coalesce(max(id), 0) FROM events;
