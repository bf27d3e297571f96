// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

#include <QByteArray>
#include <QString>
#include <QStringDecoder>
#include <QVarLengthArray>

class QIODevice;

namespace Dossier::Import {

/// One attribute of the current start tag; the views stay valid until the next call to next().
struct XmlAttribute
{
    QStringView name;
    QStringView value;
};
using XmlAttributes = QVarLengthArray<XmlAttribute, 48>;

/// A strict, streaming scanner for the machine-written XML subset that phone backup apps emit:
/// UTF-8, elements with attributes, comments, processing instructions, CDATA and whitespace;
/// the predefined and numeric character references (surrogate-pair references are combined,
/// lone ones become U+FFFD). It is several times faster than QXmlStreamReader on million-record
/// backups. Anything outside the subset that can only appear before the root element (a DTD,
/// a non-UTF-8 encoding) yields Unsupported so the caller can fall back to QXmlStreamReader;
/// anything else that is not well-formed yields Invalid.
class XmlFastScanner final
{
  public:
    enum class Token
    {
        StartElement,
        EndElement,
        EndDocument,
        Invalid,
        Unsupported
    };

    explicit XmlFastScanner(QIODevice &device);

    Token next();
    /// Element name of the last StartElement or EndElement.
    QStringView name() const { return m_name; }
    const XmlAttributes &attributes() const { return m_attrs; }

    /// 1-based line of the current position (of the error after Invalid).
    qint64 lineNumber() const;
    /// Invalid because the input ended inside markup or with elements still open.
    bool truncated() const { return m_truncated; }
    QString errorString() const { return m_error; }

  private:
    bool readMore();
    bool find(const char *needle, qsizetype needleSize, qsizetype &at);
    Token fail(const QString &message, bool truncated = false);
    Token parseStartTag();
    Token parseEndTag();
    Token parseMarkupDeclaration();
    Token parseProcessingInstruction();
    bool decodeValue(const char *begin, const char *end, QChar *&out);

    QIODevice &m_device;
    QByteArray m_buf;
    qsizetype m_pos = 0;
    qint64 m_linesBefore = 0; ///< newlines in bytes already dropped from m_buf
    bool m_eof = false;
    bool m_started = false;
    bool m_rootClosed = false;
    bool m_pendingEnd = false;
    bool m_truncated = false;
    QString m_error;
    QString m_text; ///< decoded name and attribute values of the current tag
    QStringView m_name;
    XmlAttributes m_attrs;
    std::vector<std::string> m_stack;
    QStringDecoder m_utf8{QStringDecoder::Utf8, QStringDecoder::Flag::Stateless};
    /// Appends `size` bytes of UTF-8 at `out` (room for one QChar per byte); returns the end.
    QChar *appendUtf8(QChar *out, const char *p, qsizetype size);
};

} // namespace Dossier::Import
