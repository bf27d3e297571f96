// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <vector>

#include "importers/importer.h"

namespace Dossier::Import {

/// Every format Dossier imports, in a fixed order.
const std::vector<std::unique_ptr<Importer>> &allImporters();
/// The importer with this format id, or nullptr.
const Importer *importerFor(const QString &format);
/// The most confident importer for a file (name + first bytes), or nullptr if none claims it.
const Importer *sniffImporter(const QString &fileName, const QByteArray &head);
/// How much of a file's head sniffImporter() needs, judged from its first 16 bytes: 64 KiB, or
/// less when a magic number already says what the file is (an image, a recording).
qsizetype sniffHeadSize(const QByteArray &first16);
/// Reads the first 64 KiB of a file for sniffing.
QByteArray readHead(const QString &path);

} // namespace Dossier::Import
