// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QByteArray>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QTimeZone>

#include "common/records.h"
#include "common/result.h"

namespace Dossier::Import {

/// What a file name told us (screenshot time and app, call-recording number and time).
struct FileNameMatch
{
    QString patternId;
    std::optional<SourceTime> time;
    QString number;
    QString name;
    QString app; ///< package name or app label as written in the file name
};

/// File-name patterns kept as data (resources/importers/*-patterns.json, described in
/// resources/importers/README.md): a regular expression with named groups plus date formats.
class FileNamePatterns final
{
public:
    /// Parses the JSON text of a pattern file; a pattern with a bad regex or format is an error.
    static Result<FileNamePatterns> fromJson(const QByteArray &json);
    /// A pattern file compiled into the program (":/importers/…"), loaded once.
    static const FileNamePatterns &resource(const QString &resourcePath);

    /// The first pattern that matches `fileName` and whose date parts are valid; wall-clock
    /// times are read in `zone` unless the pattern names its own zone.
    std::optional<FileNameMatch> match(const QString &fileName, const QTimeZone &zone) const;

    struct Pattern
    {
        QString id;
        QRegularExpression regex;
        QString dateFormat;
        QString timeFormat;
        QString dateTimeFormat;
        QString zone;     ///< "UTC" when the name holds UTC (Pixel), empty = case zone
        QString app;      ///< app implied by the pattern itself (mmexport… is WeChat)
        QString example;  ///< a file name this pattern must match (checked by the tests)
    };
    const QList<Pattern> &patterns() const { return m_patterns; }

private:
    QList<Pattern> m_patterns;
};

} // namespace Dossier::Import
