#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes resources/phone/carrier_cn.tsv from libphonenumber's own carrier data.

Debian's C++ libphonenumber has no carrier mapper, but the same upstream carrier data (files
86_zh / 86_en) ships in python3-phonenumbers. Run with Debian's interpreter:

    /usr/bin/python3 resources/phone/gen-carrier-table.py            # rewrite the table
    /usr/bin/python3 resources/phone/gen-carrier-table.py --check    # exit 1 if the table is stale
"""
import argparse
import os
import sys

import phonenumbers
from phonenumbers.carrierdata import CARRIER_DATA

COUNTRY_CODE = "86"
# Upstream names China Broadnet "CBN" in the zh file too; Dossier shows the Chinese name.
ZH_OVERRIDES = {"CBN": "中国广电"}
EN_OVERRIDES = {"CBN": "China Broadnet (CBN)"}

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUTPUT = os.path.join(HERE, "carrier_cn.tsv")


def build() -> str:
    rows = []
    for prefix, names in CARRIER_DATA.items():
        if not prefix.startswith(COUNTRY_CODE):
            continue
        zh = names.get("zh") or names.get("en") or ""
        en = names.get("en") or ""
        zh = ZH_OVERRIDES.get(zh, zh)
        en = EN_OVERRIDES.get(en, en)
        if not zh:
            continue
        rows.append((prefix[len(COUNTRY_CODE):], zh, en))
    rows.sort()
    if not rows:
        sys.exit("no +86 carrier prefixes found in phonenumbers.carrierdata")
    lines = [
        "# Original carrier of Chinese mobile numbers by prefix (longest prefix wins).",
        "# Source: libphonenumber carrier data (resources/carrier/zh/86.txt, en/86.txt),",
        "#   version %s, as shipped by Debian python3-phonenumbers." % phonenumbers.__version__,
        "#   Copyright (C) 2011-2022 The Libphonenumber Authors. Licensed under the Apache License,",
        "#   Version 2.0: http://www.apache.org/licenses/LICENSE-2.0",
        "# Changes: only +86 entries; prefix without the country code; 'CBN' shown as 中国广电.",
        "# Number portability (携号转网) means this is the carrier that issued the prefix, not",
        "#   necessarily the current one.",
        "# Regenerate: /usr/bin/python3 resources/phone/gen-carrier-table.py",
        "# prefix\tzh\ten",
    ]
    lines += ["%s\t%s\t%s" % row for row in rows]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=DEFAULT_OUTPUT)
    parser.add_argument("--check", action="store_true",
                        help="compare with the existing file instead of writing it")
    args = parser.parse_args()
    text = build()
    if args.check:
        try:
            with open(args.output, encoding="utf-8") as f:
                current = f.read()
        except FileNotFoundError:
            current = ""
        if current != text:
            print("%s is out of date" % args.output, file=sys.stderr)
            return 1
        return 0
    with open(args.output, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print("wrote %d prefixes to %s" % (text.count("\n") - 10, os.path.normpath(args.output)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
