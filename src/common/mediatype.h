// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace Dossier {

/// The MIME type of a file from its first bytes (up to 64 KiB), falling back to its name when the
/// content gives only a generic answer: a renamed photo is still a photo. Thread-safe.
QString sniffMediaType(const QString &fileName, const QByteArray &head);

} // namespace Dossier
