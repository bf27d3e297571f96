// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/eventtablemodel.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace Dossier {

EventTableModel::EventTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void EventTableModel::setEvents(const QList<EventRow> &events, const QTimeZone &zone)
{
    beginResetModel();
    m_events = events;
    m_zone = zone;
    endResetModel();
}

void EventTableModel::clear()
{
    beginResetModel();
    m_events.clear();
    endResetModel();
}

int EventTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int EventTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString EventTableModel::kindName(const EventRow &row)
{
    switch (row.kind) {
    case EventKind::Call:
        return tr("Call");
    case EventKind::Message:
        return tr("Message");
    case EventKind::Incident:
        if (row.incidentType == u"call"_s)
            return tr("Incident: call");
        if (row.incidentType == u"sms"_s)
            return tr("Incident: SMS");
        if (row.incidentType == u"chat"_s)
            return tr("Incident: chat");
        if (row.incidentType == u"visit"_s)
            return tr("Incident: visit");
        if (row.incidentType == u"third_party"_s)
            return tr("Incident: contacts reached");
        if (row.incidentType == u"threat"_s)
            return tr("Incident: threat");
        return tr("Incident");
    }
    return {};
}

QString EventTableModel::channelName(Channel channel)
{
    switch (channel) {
    case Channel::Phone:
        return tr("Phone");
    case Channel::Sms:
        return tr("SMS");
    case Channel::Mms:
        return tr("MMS");
    case Channel::WeChat:
        return tr("WeChat");
    case Channel::QQ:
        return tr("QQ");
    case Channel::WhatsApp:
        return tr("WhatsApp");
    case Channel::Telegram:
        return tr("Telegram");
    case Channel::Other:
        return tr("Other");
    }
    return {};
}

QString EventTableModel::directionName(const EventRow &row)
{
    // Incidents are logged by hand: the direction says nothing there.
    if (row.kind == EventKind::Incident)
        return {};
    const bool message = row.kind == EventKind::Message;
    switch (row.direction) {
    case Direction::Incoming:
        return message ? tr("Received") : tr("Incoming");
    case Direction::Outgoing:
        return message ? tr("Sent") : tr("Outgoing");
    case Direction::Missed:
        return tr("Missed");
    case Direction::Rejected:
        return tr("Rejected");
    case Direction::Blocked:
        return tr("Blocked");
    case Direction::Unknown:
        return tr("Unknown");
    }
    return {};
}

QString EventTableModel::displayText(const EventRow &row, int column) const
{
    switch (column) {
    case TimeColumn:
        return QDateTime::fromMSecsSinceEpoch(row.utcMs, m_zone).toString(u"yyyy-MM-dd HH:mm:ss"_s);
    case KindColumn:
        return kindName(row);
    case ChannelColumn:
        return channelName(row.channel);
    case DirectionColumn:
        return directionName(row);
    case NumberColumn:
        return row.e164.isEmpty() ? row.rawNumber : row.e164;
    case CounterpartColumn:
        if (!row.contactsReached.isEmpty())
            return row.counterpart.isEmpty() ? row.contactsReached.join(u", "_s)
                                             : row.counterpart + u" → "_s
                                                   + row.contactsReached.join(u", "_s);
        return row.counterpart;
    case TextColumn: {
        QString text = row.text;
        text.replace(u'\n', u' ');
        if (row.durationS && *row.durationS > 0)
            text = tr("%1 s").arg(*row.durationS) + (text.isEmpty() ? QString() : u"  "_s + text);
        return text;
    }
    }
    return {};
}

QVariant EventTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EventRow &row = m_events.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayText(row, index.column());
    case Qt::ToolTipRole:
        if (index.column() == TextColumn && !row.text.isEmpty())
            return row.text;
        if (index.column() == NumberColumn && !row.rawNumber.isEmpty())
            return row.rawNumber;
        if (index.column() == TimeColumn)
            return tr("Evidence %1, %2").arg(row.evidenceSha256.left(12), row.locator);
        return {};
    case SortRole:
        if (index.column() == TimeColumn)
            return row.utcMs;
        return displayText(row, index.column());
    case IdRole:
        return row.id;
    default:
        return {};
    }
}

QVariant EventTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case KindColumn:
        return tr("Kind");
    case ChannelColumn:
        return tr("Channel");
    case DirectionColumn:
        return tr("Direction");
    case NumberColumn:
        return tr("Number");
    case CounterpartColumn:
        return tr("Counterpart");
    case TextColumn:
        return tr("Text");
    default:
        return {};
    }
}

} // namespace Dossier
