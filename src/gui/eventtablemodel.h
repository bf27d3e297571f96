// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QTimeZone>

#include "casefile/casefile.h"

namespace Dossier {

/// The events of a case as a table: time (case zone), kind, channel, direction, number,
/// counterpart, text. Qt::UserRole gives a sort key (UTC ms for the time column).
class EventTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TimeColumn, KindColumn, ChannelColumn, DirectionColumn, NumberColumn,
                  CounterpartColumn, TextColumn, ColumnCount };
    static constexpr int SortRole = Qt::UserRole;
    static constexpr int IdRole = Qt::UserRole + 1;

    explicit EventTableModel(QObject *parent = nullptr);

    void setEvents(const QList<EventRow> &events, const QTimeZone &zone);
    void clear();
    const EventRow &eventAt(int row) const { return m_events.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// Translated names for the stored enum values.
    static QString kindName(const EventRow &row);
    static QString channelName(Channel channel);
    static QString directionName(const EventRow &row);

private:
    QString displayText(const EventRow &row, int column) const;

    QList<EventRow> m_events;
    QTimeZone m_zone;
};

} // namespace Dossier
