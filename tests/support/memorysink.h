// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIODevice>
#include <QList>
#include <QMap>

#include "common/importsink.h"
#include "common/sha256.h"

namespace Dossier::Test {

/// An ImportSink that keeps everything in memory, for importer tests.
class MemorySink final : public ImportSink
{
public:
    struct Attachment
    {
        AttachmentRecord record;
        QByteArray bytes;
        QString sha256;
    };
    struct Rejection
    {
        QString locator;
        QString reason;
    };

    QJsonObject metadata;
    QByteArray thumbnail;
    QString recordingNumber;
    std::optional<SourceTime> recordingAt;
    QList<EventRecord> events;
    QList<ContactRecord> contacts;
    QList<Attachment> attachments;
    QList<Rejection> rejections;

    void setSourceMetadata(const QJsonObject &m) override { metadata = m; }
    void setSourceThumbnail(const QByteArray &png) override { thumbnail = png; }
    void setRecordingOf(const QString &rawNumber, SourceTime at) override
    {
        recordingNumber = rawNumber;
        recordingAt = at;
    }
    Result<void> addEvent(const EventRecord &record) override
    {
        events.append(record);
        return {};
    }
    Result<void> addContact(const ContactRecord &contact) override
    {
        contacts.append(contact);
        return {};
    }
    Result<QString> addAttachment(const AttachmentRecord &attachment, QIODevice &data) override
    {
        Attachment a{attachment, data.readAll(), {}};
        a.sha256 = Sha256::hex(a.bytes);
        attachments.append(a);
        return a.sha256;
    }
    void reject(const QString &locator, const QString &reason) override
    {
        rejections.append({locator, reason});
    }
};

/// An ImportSession whose records go to a MemorySink; what commit() and rollback() do is the
/// test's.
class MemorySinkSession : public ImportSession
{
public:
    MemorySink sink;

    void setSourceMetadata(const QJsonObject &m) override { sink.setSourceMetadata(m); }
    void setSourceThumbnail(const QByteArray &png) override { sink.setSourceThumbnail(png); }
    void setRecordingOf(const QString &n, SourceTime at) override { sink.setRecordingOf(n, at); }
    Result<void> addEvent(const EventRecord &r) override { return sink.addEvent(r); }
    Result<void> addContact(const ContactRecord &c) override { return sink.addContact(c); }
    Result<QString> addAttachment(const AttachmentRecord &a, QIODevice &d) override
    {
        return sink.addAttachment(a, d);
    }
    void reject(const QString &l, const QString &r) override { sink.reject(l, r); }
};

} // namespace Dossier::Test
