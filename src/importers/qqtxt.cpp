// SPDX-License-Identifier: GPL-3.0-or-later
// PLACEHOLDER: replaced by the real importer.
#include "importers/formats.h"

namespace Dossier::Import {
std::unique_ptr<Importer> makeQqTxtImporter() { return nullptr; }
} // namespace Dossier::Import
