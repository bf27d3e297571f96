// SPDX-License-Identifier: GPL-3.0-or-later
#include "importers/androidcodes.h"

using namespace Qt::StringLiterals;

namespace Dossier::Import::Android {

Direction smsTypeDirection(int type, QJsonObject &extra)
{
    switch (type) {
    case 1:
        return Direction::Incoming;
    case 2:
        return Direction::Outgoing;
    case 3:
        extra.insert(u"status"_s, u"draft"_s);
        return Direction::Outgoing;
    case 4:
        extra.insert(u"status"_s, u"outbox"_s);
        return Direction::Outgoing;
    case 5:
        extra.insert(u"status"_s, u"failed"_s);
        return Direction::Outgoing;
    case 6:
        extra.insert(u"status"_s, u"queued"_s);
        return Direction::Outgoing;
    case 7: // LG extension
        return Direction::Blocked;
    default:
        return Direction::Unknown;
    }
}

Direction mmsBoxDirection(int box, QJsonObject &extra)
{
    return box >= 1 && box <= 5 ? smsTypeDirection(box, extra) : Direction::Unknown;
}

Direction callTypeDirection(int type, QJsonObject &extra)
{
    switch (type) {
    case 1:
        return Direction::Incoming;
    case 2:
        return Direction::Outgoing;
    case 3:
        return Direction::Missed;
    case 4:
        extra.insert(u"voicemail"_s, true);
        return Direction::Missed;
    case 5:
        return Direction::Rejected;
    case 6:
        return Direction::Blocked;
    case 7:
        extra.insert(u"answered_externally"_s, true);
        return Direction::Incoming;
    default:
        return Direction::Unknown;
    }
}

bool isHiddenCaller(const QString &rawNumber, std::optional<int> presentation)
{
    return (presentation && *presentation >= 2 && *presentation <= 4) || rawNumber.isEmpty()
           || rawNumber == u"-1" || rawNumber == u"-2" || rawNumber == u"-3";
}

} // namespace Dossier::Import::Android
