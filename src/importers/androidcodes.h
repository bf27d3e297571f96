// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QJsonObject>
#include <QString>

#include "common/records.h"

// Android telephony provider codes, read both from mmssms.db / calllog.db and from SMS Backup &
// Restore XML (which passes Android's own values through).
namespace Dossier::Import::Android {

/// Direction of an SMS `type` (1 inbox, 2 sent, 3 draft, 4 outbox, 5 failed, 6 queued, 7 blocked
/// on LG); the non-final states go into extra["status"].
Direction smsTypeDirection(int type, QJsonObject &extra);

/// Direction of an MMS `msg_box` (1 inbox, 2 sent, 3 drafts, 4 outbox, 5 failed); Android defines
/// no 6 or 7 for MMS, so they stay Unknown.
Direction mmsBoxDirection(int box, QJsonObject &extra);

/// Direction of a call `type` (1 in, 2 out, 3 missed, 4 voicemail, 5 rejected, 6 blocked,
/// 7 answered externally); voicemail and external answers are flagged in extra.
Direction callTypeDirection(int type, QJsonObject &extra);

/// Android hides the caller's number when `presentation` is 2-4 (restricted, unknown, payphone)
/// or writes an empty or negative placeholder number instead.
bool isHiddenCaller(const QString &rawNumber, std::optional<int> presentation);

} // namespace Dossier::Import::Android
