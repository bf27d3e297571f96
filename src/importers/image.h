// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

#include "common/result.h"

namespace Dossier::Import {

/// Longest side, in pixels, of the previews made for screenshots and photos.
constexpr int THUMBNAIL_SIZE = 256;

/// A PNG preview (at most THUMBNAIL_SIZE on its longer side, EXIF orientation applied) of the
/// image in `imageBytes`. Decodes the image, so it belongs in the preview pass after an import,
/// not in the import itself. Fails for what Qt cannot decode, including images whose header
/// claims more pixels than Qt's allocation limit allows.
Result<QByteArray> makeThumbnail(const QByteArray &imageBytes);

} // namespace Dossier::Import
