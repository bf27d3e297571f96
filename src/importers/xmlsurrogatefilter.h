// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QIODevice>

namespace Dossier::Import {

/// A read-only filter over an XML byte stream that repairs numeric character references to
/// UTF-16 surrogates, which some Android backup apps write for emoji (&#55357;&#56832;) and which
/// strict XML parsers reject. A high+low pair becomes one reference to the combined code point
/// (&#x1F600;), a lone surrogate becomes &#xFFFD;. Works across read chunk boundaries.
class XmlSurrogateFilter final : public QIODevice
{
  public:
    explicit XmlSurrogateFilter(QIODevice &source);

    bool isSequential() const override { return true; }
    bool atEnd() const override;
    qint64 bytesAvailable() const override;

    /// Number of surrogate references rewritten so far (pairs count once).
    qint64 repairs() const { return m_repairs; }

  protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

  private:
    bool fill();
    qsizetype process(qsizetype safeEnd);

    QIODevice &m_source;
    QByteArray m_in;  ///< bytes read from the source, not yet filtered
    QByteArray m_out; ///< filtered bytes not yet handed out
    qsizetype m_outPos = 0;
    bool m_sourceDone = false;
    bool m_sourceError = false;
    qint64 m_repairs = 0;
};

} // namespace Dossier::Import
