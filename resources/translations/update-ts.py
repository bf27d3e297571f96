#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Refreshes dossier_zh_CN.ts from the sources (lupdate), keeping existing translations.

The libraries translate through small `tr(text)` helpers that call
QCoreApplication::translate("Dossier", text); lupdate files those strings under guessed contexts
(Dossier::Import::SomeImporter), so they are merged back into the "Dossier" context here.
Run from the repository root: resources/translations/update-ts.py
"""
import subprocess
import sys
import xml.etree.ElementTree as ET

TS = 'resources/translations/dossier_zh_CN.ts'
LUPDATE = '/usr/lib/qt6/bin/lupdate'
REAL_CONTEXTS = {'Dossier', 'DossierCli', 'QCommandLineParser', 'MainWindow'}


def main():
    subprocess.run([LUPDATE, '-no-obsolete', '-locations', 'none', '-I', 'src', 'src', 'ui',
                    '-ts', TS], check=True)
    tree = ET.parse(TS)
    root = tree.getroot()
    contexts = {c.find('name').text: c for c in root.findall('context')}
    dossier = contexts.get('Dossier')
    if dossier is None:
        dossier = ET.SubElement(root, 'context')
        ET.SubElement(dossier, 'name').text = 'Dossier'
    seen = {m.find('source').text for m in dossier.findall('message')}
    for name, context in contexts.items():
        # Q_OBJECT classes (Dossier::MainWindow ...) are real contexts; importer helpers are not.
        if name in REAL_CONTEXTS or not name.startswith('Dossier::Import'):
            continue
        for message in context.findall('message'):
            source = message.find('source').text
            if source not in seen:
                dossier.append(message)
                seen.add(source)
        root.remove(context)
    with open(TS, 'wb') as f:
        f.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(f, encoding='utf-8', xml_declaration=False)
    return 0


if __name__ == '__main__':
    sys.exit(main())
