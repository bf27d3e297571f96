-- SPDX-License-Identifier: GPL-3.0-or-later
-- 0001: the first case file schema. Why: a new case is created by running every migration from
-- here, so there is one path that builds a schema and it cannot drift from upgrades.
--
-- Every row that holds evidence or facts carries audit_seq (the audit entry that created it) and
-- row_digest (SHA-256 of its canonical form, see docs/case-file-format.md). Those rows are only
-- ever inserted, never updated, so each audit entry's digest over "its" rows stays checkable.
-- There is no index on audit_seq: a change's rows are the ones above the ids it started from, and
-- verify() reads each table once.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT
) WITHOUT ROWID;

CREATE TABLE audit (
    seq         INTEGER PRIMARY KEY,
    utc_ms      INTEGER NOT NULL,
    app_version TEXT NOT NULL,
    action      TEXT NOT NULL,
    details     TEXT NOT NULL,
    rows_digest TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TABLE platforms (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL DEFAULT 'unknown' CHECK (kind IN ('lender', 'agency', 'unknown')),
    audit_seq  INTEGER NOT NULL,
    row_digest TEXT NOT NULL
);

CREATE TABLE evidence (
    id              INTEGER PRIMARY KEY,
    sha256          TEXT NOT NULL UNIQUE,
    size            INTEGER NOT NULL,
    original_name   TEXT NOT NULL,
    media_type      TEXT NOT NULL,
    method          TEXT NOT NULL,
    note            TEXT,
    acquired_utc_ms INTEGER NOT NULL,
    file_mtime_ms   INTEGER,
    file_birth_ms   INTEGER,
    metadata        TEXT,
    thumbnail       BLOB,
    chunk_size      INTEGER NOT NULL,
    chunk_count     INTEGER NOT NULL,
    audit_seq       INTEGER NOT NULL,
    row_digest      TEXT NOT NULL
);

-- The original bytes, in order; data is the last column so reading (evidence_id, seq) does not
-- walk the blob's overflow pages.
CREATE TABLE evidence_chunks (
    id          INTEGER PRIMARY KEY,
    evidence_id INTEGER NOT NULL REFERENCES evidence(id),
    seq         INTEGER NOT NULL,
    data        BLOB NOT NULL,
    UNIQUE (evidence_id, seq)
);

CREATE TABLE numbers (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,
    e164        TEXT,
    raw         TEXT NOT NULL,
    region      TEXT,
    type        TEXT NOT NULL,
    location_zh TEXT,
    location_en TEXT,
    carrier     TEXT,
    label       TEXT,
    platform_id INTEGER REFERENCES platforms(id),
    audit_seq   INTEGER NOT NULL,
    row_digest  TEXT NOT NULL
);

CREATE TABLE number_raw_forms (
    id         INTEGER PRIMARY KEY,
    number_id  INTEGER NOT NULL REFERENCES numbers(id),
    raw        TEXT NOT NULL,
    audit_seq  INTEGER NOT NULL,
    row_digest TEXT NOT NULL,
    UNIQUE (number_id, raw)
);

CREATE TABLE events (
    id            INTEGER PRIMARY KEY,
    utc_ms        INTEGER NOT NULL,
    offset_s      INTEGER NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('call', 'message', 'incident')),
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
CREATE INDEX events_time ON events(utc_ms);
CREATE INDEX events_number ON events(number_id, utc_ms);

CREATE TABLE event_numbers (
    id         INTEGER PRIMARY KEY,
    event_id   INTEGER NOT NULL REFERENCES events(id),
    number_id  INTEGER NOT NULL REFERENCES numbers(id),
    raw        TEXT NOT NULL,
    audit_seq  INTEGER NOT NULL,
    row_digest TEXT NOT NULL,
    UNIQUE (event_id, number_id)
);
CREATE INDEX event_numbers_number ON event_numbers(number_id);

CREATE TABLE event_attachments (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES events(id),
    evidence_id INTEGER NOT NULL REFERENCES evidence(id),
    role        TEXT NOT NULL CHECK (role IN ('attachment', 'recording')),
    audit_seq   INTEGER NOT NULL,
    row_digest  TEXT NOT NULL,
    UNIQUE (event_id, evidence_id, role)
);
CREATE INDEX event_attachments_evidence ON event_attachments(evidence_id);

CREATE TABLE contacts (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    relation     TEXT,
    organization TEXT,
    emails       TEXT,
    evidence_id  INTEGER REFERENCES evidence(id),
    locator      TEXT,
    audit_seq    INTEGER NOT NULL,
    row_digest   TEXT NOT NULL
);
CREATE INDEX contacts_name ON contacts(name);

CREATE TABLE contact_numbers (
    id         INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contacts(id),
    number_id  INTEGER NOT NULL REFERENCES numbers(id),
    raw        TEXT NOT NULL,
    audit_seq  INTEGER NOT NULL,
    row_digest TEXT NOT NULL,
    UNIQUE (contact_id, number_id)
);
CREATE INDEX contact_numbers_number ON contact_numbers(number_id);

CREATE TABLE event_contacts (
    id         INTEGER PRIMARY KEY,
    event_id   INTEGER NOT NULL REFERENCES events(id),
    contact_id INTEGER NOT NULL REFERENCES contacts(id),
    audit_seq  INTEGER NOT NULL,
    row_digest TEXT NOT NULL,
    UNIQUE (event_id, contact_id)
);
CREATE INDEX event_contacts_contact ON event_contacts(contact_id);

-- A recording imported before its call: linked when a call with this number within 60 s arrives.
CREATE TABLE pending_recordings (
    id          INTEGER PRIMARY KEY,
    evidence_id INTEGER NOT NULL REFERENCES evidence(id),
    number_id   INTEGER NOT NULL REFERENCES numbers(id),
    utc_ms      INTEGER NOT NULL,
    audit_seq   INTEGER NOT NULL,
    row_digest  TEXT NOT NULL
);

-- Annotations: they point at rows, never alter them.
CREATE TABLE notes (
    id             INTEGER PRIMARY KEY,
    target_table   TEXT NOT NULL CHECK (target_table IN ('evidence', 'events', 'contacts', 'numbers')),
    target_id      INTEGER NOT NULL,
    text           TEXT NOT NULL,
    created_utc_ms INTEGER NOT NULL,
    audit_seq      INTEGER NOT NULL,
    row_digest     TEXT NOT NULL
);
CREATE INDEX notes_target ON notes(target_table, target_id);

CREATE TABLE tags (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    audit_seq  INTEGER NOT NULL,
    row_digest TEXT NOT NULL
);

CREATE TABLE item_tags (
    id           INTEGER PRIMARY KEY,
    tag_id       INTEGER NOT NULL REFERENCES tags(id),
    target_table TEXT NOT NULL CHECK (target_table IN ('evidence', 'events', 'contacts', 'numbers')),
    target_id    INTEGER NOT NULL,
    audit_seq    INTEGER NOT NULL,
    row_digest   TEXT NOT NULL,
    UNIQUE (tag_id, target_table, target_id)
);
CREATE INDEX item_tags_target ON item_tags(target_table, target_id);

-- Full-text search over event text and counterpart; trigram so Chinese substrings match.
-- Derived data, filled by Dossier when it inserts an event (no trigger: see casefile.cpp).
CREATE VIRTUAL TABLE events_fts USING fts5(
    text, counterpart, content = 'events', content_rowid = 'id', tokenize = 'trigram');
