// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/mediatype.h"

#include <QMimeDatabase>

using namespace Qt::StringLiterals;

namespace Dossier {

QString sniffMediaType(const QString &fileName, const QByteArray &head)
{
    static const QMimeDatabase mimes;
    QMimeType type = mimes.mimeTypeForData(head);
    if (type.isDefault() || type.name() == u"text/plain"_s) {
        const QMimeType byName = mimes.mimeTypeForFileNameAndData(fileName, head);
        if (byName.isValid() && !byName.isDefault())
            type = byName;
    }
    return type.isValid() ? type.name() : u"application/octet-stream"_s;
}

} // namespace Dossier
