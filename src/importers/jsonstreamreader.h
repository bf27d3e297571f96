// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

#include <QByteArray>
#include <QString>

class QIODevice;

namespace Dossier::Import {

/// Walks a JSON document from a device in bounded memory: the caller steps through objects and
/// arrays it cares about, skips the rest, and captures single values (one chat message) as
/// bytes to hand to QJsonDocument. Memory is bounded by the largest captured value.
class JsonStreamReader final
{
  public:
    explicit JsonStreamReader(QIODevice &device);

    /// The next non-space character without consuming it; false at the end of input.
    bool peek(char &c);

    bool beginObject();
    /// Reads the next member's key (and its ':'), or consumes the closing '}' and sets done.
    bool nextMember(QString &key, bool &done);
    bool beginArray();
    /// Steps to the next element, or consumes the closing ']' and sets done.
    bool nextElement(bool &done);

    bool readString(QString &out);
    bool skipValue();
    /// Copies the next value's bytes (any type) into `out`.
    bool captureValue(QByteArray &out);

    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    /// 1-based line of the current position.
    qint64 lineNumber() const;
    /// Bytes consumed so far (for progress).
    qint64 bytesConsumed() const { return m_dropped + m_pos; }

  private:
    bool fill();
    bool fail(const QString &message);
    bool expect(char c);
    bool skipString();
    bool skipScalar();

    QIODevice &m_device;
    QByteArray m_buf;
    qsizetype m_pos = 0;
    qsizetype m_mark = -1; ///< start of a value being captured: keep it in the buffer
    qint64 m_dropped = 0;
    qint64 m_linesDropped = 0;
    bool m_eof = false;
    QString m_error;
    std::vector<bool> m_first; ///< per open container: no element read yet
};

} // namespace Dossier::Import
