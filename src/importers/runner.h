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
    /// Files are committed in batches (ImportTarget::beginBatch) of at most this many files or
    /// bytes of input, and at the end; 1 commits every file on its own.
    int batchFiles = 2000;
    qint64 batchBytes = 256LL * 1024 * 1024;
};

/// Imports files and folders (recursively; a folder imports what is recognisable inside it and
/// skips the rest). A file lands whole or not at all; files are committed in batches, and a
/// batch that cannot be committed fails each of its files with that error.
QList<FileOutcome> importPaths(ImportTarget &target, const QStringList &paths,
                               const RunOptions &options = {});

} // namespace Dossier::Import
