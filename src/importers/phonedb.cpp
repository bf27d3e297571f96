// SPDX-License-Identifier: GPL-3.0-or-later
// PLACEHOLDER: replaced by the real importer.
#include "importers/formats.h"

namespace Dossier::Import {
std::unique_ptr<Importer> makeIosSmsDbImporter() { return nullptr; }
std::unique_ptr<Importer> makeIosCallHistoryImporter() { return nullptr; }
std::unique_ptr<Importer> makeAndroidSmsDbImporter() { return nullptr; }
std::unique_ptr<Importer> makeAndroidCallLogDbImporter() { return nullptr; }
} // namespace Dossier::Import
