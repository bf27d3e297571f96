#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Refreshes dossier_zh_CN.ts from the sources (lupdate), keeping existing translations.

lupdate forgets a translation when a string moves to another context (for it, a new message):
every translation is remembered by its source text before lupdate runs and given back to any
message lupdate left untranslated. A string that lupdate no longer finds is dropped.

The libraries translate through small `tr(text)` helpers and the DOSSIER_TR(text) macro, which
call QCoreApplication::translate("Dossier", text); lupdate files those strings under guessed
contexts (Dossier::Import::SomeImporter, Dossier::CaseState), so every context that is not a
class with its own translation context (Q_OBJECT or Q_DECLARE_TR_FUNCTIONS) is merged back
into "Dossier" here.
Run from the repository root: resources/translations/update-ts.py
"""
import copy
import os
import pathlib
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

TS = os.environ.get('DOSSIER_TS_FILE', 'resources/translations/dossier_zh_CN.ts')
LUPDATE = '/usr/lib/qt6/bin/lupdate'
# Contexts of strings that are not Dossier's own: Qt's command-line parser, Designer's .ui class.
FOREIGN_CONTEXTS = {'QCommandLineParser', 'MainWindow'}


def classes_with_context():
    """Names of classes that translate in their own context (tr() of a Q_OBJECT class)."""
    names = set()
    for path in pathlib.Path('src').rglob('*.h'):
        text = path.read_text(encoding='utf-8')
        for match in re.finditer(r'\b(?:class|struct)\s+(\w+)[^;{]*\{', text):
            body = text[match.end():match.end() + 400]
            if re.search(r'\b(Q_OBJECT|Q_DECLARE_TR_FUNCTIONS)\b', body):
                names.add(match.group(1))
    return names


def known_translations(root):
    """Source text (and numerus flag) -> its finished <translation> element."""
    known = {}
    for message in root.iter('message'):
        translation = message.find('translation')
        if translation is None or translation.get('type') in ('unfinished', 'obsolete', 'vanished'):
            continue
        if not (translation.text or '').strip() and len(translation) == 0:
            continue
        key = (message.find('source').text, message.get('numerus') == 'yes')
        known.setdefault(key, copy.deepcopy(translation))
    return known


def restore_translations(root, known):
    restored = 0
    for message in root.iter('message'):
        translation = message.find('translation')
        if translation is not None and translation.get('type') != 'unfinished':
            continue
        old = known.get((message.find('source').text, message.get('numerus') == 'yes'))
        if old is None:
            continue
        if translation is not None:
            message.remove(translation)
        message.append(copy.deepcopy(old))
        restored += 1
    return restored


def main():
    known = known_translations(ET.parse(TS).getroot())
    subprocess.run([LUPDATE, '-no-obsolete', '-locations', 'none', '-tr-function-alias',
                    'tr+=DOSSIER_TR', '-I', 'src', 'src', 'ui', '-ts', TS], check=True)
    own_contexts = classes_with_context()
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
        if name == 'Dossier' or name in FOREIGN_CONTEXTS or name.split('::')[-1] in own_contexts:
            continue
        for message in context.findall('message'):
            source = message.find('source').text
            if source not in seen:
                dossier.append(message)
                seen.add(source)
        root.remove(context)
    restored = restore_translations(root, known)
    missing = sum(1 for t in root.iter('translation') if t.get('type') == 'unfinished')
    print(f'update-ts: {restored} translations carried over, {missing} strings still to translate',
          file=sys.stderr)
    with open(TS, 'wb') as f:
        f.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(f, encoding='utf-8', xml_declaration=False)
    return 0


if __name__ == '__main__':
    sys.exit(main())
