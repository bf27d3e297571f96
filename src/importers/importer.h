// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include "common/importsink.h"
#include "common/records.h"
#include "common/result.h"

class QIODevice;

namespace Dossier::Import {

/// What a parser gets besides the file.
struct ImportContext
{
    CaseSettings settings; ///< case time zone (for times without a zone) and own identities
    QString platform;      ///< --platform: lender/agency to attach to the events, may be empty
    ProgressFn progress;   ///< bytes done/total; returns false to cancel
};

/// One import format. Parsers read the file and emit records to the sink; they never touch SQL.
class Importer
{
public:
    virtual ~Importer() = default;

    /// Stable id used by --format and in the audit log, e.g. "whatsapp", "sms-backup-xml".
    virtual QString format() const = 0;
    /// Short human name for the GUI.
    virtual QString displayName() const = 0;
    /// How sure we are that this is our format, from the file name and the first 64 KiB:
    /// 0 = not ours, 100 = certain. Content beats file name.
    virtual int sniff(const QString &fileName, const QByteArray &head) const = 0;
    /// Parses `file` (opened read-only, at position 0) into `sink`. On failure returns an Error
    /// whose message names the file and the line or record; the caller then rolls back.
    virtual Result<void> parse(QIODevice &file, const QString &path, const ImportContext &context,
                               ImportSink &sink) const = 0;
};

} // namespace Dossier::Import
