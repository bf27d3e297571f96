#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a user would otherwise run: stream SMS Backup & Restore calls XML into SQLite."""
import sqlite3
import sys
import xml.etree.ElementTree as ET

src, db = sys.argv[1], sys.argv[2]
con = sqlite3.connect(db)
con.execute("CREATE TABLE IF NOT EXISTS calls(number TEXT, duration INTEGER, date INTEGER, type INTEGER)")
rows = []
for event, elem in ET.iterparse(src, events=("end",)):
    if elem.tag == "call":
        rows.append((elem.get("number"), int(elem.get("duration")), int(elem.get("date")), int(elem.get("type"))))
        elem.clear()
        if len(rows) >= 10000:
            con.executemany("INSERT INTO calls VALUES (?,?,?,?)", rows)
            rows.clear()
con.executemany("INSERT INTO calls VALUES (?,?,?,?)", rows)
con.commit()
con.close()
