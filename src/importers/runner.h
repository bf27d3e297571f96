// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <optional>

#include <QList>
#include <QString>
#include <QStringList>

#include "common/importsink.h"

namespace Dossier::Import {

/// What happened to one file.
struct FileOutcome
{
    QString path;
    QString format;        ///< empty if nothing recognised it
    ImportCounts counts;
    std::optional<Error> error; ///< set if the file was rejected; the case is unchanged by it
};

struct RunOptions
{
    QString format;   ///< --format: forces one importer for every file
    QString platform; ///< --platform
    /// file index (0-based), file count, bytes done/total in this file; return false to cancel.
    std::function<bool(int file, int files, qint64 done, qint64 total)> progress;
};

/// Imports files and folders (recursively; a folder imports what is recognisable inside it and
/// skips the rest). One transaction per file: a file lands whole or not at all.
QList<FileOutcome> importPaths(ImportTarget &target, const QStringList &paths,
                               const RunOptions &options = {});

} // namespace Dossier::Import
