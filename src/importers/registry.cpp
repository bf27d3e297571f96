// SPDX-License-Identifier: GPL-3.0-or-later
#include "importers/registry.h"

#include <QFile>
#include <QFileInfo>

#include "importers/formats.h"

using namespace Qt::StringLiterals;

namespace Dossier::Import {

namespace {

enum class Magic { None, Binary, Zip };

constexpr qsizetype FULL_HEAD = 64 * 1024;
constexpr qsizetype SHORT_HEAD = 4096;

// The container a head announces by its first bytes: images, recordings, SQLite, zip. Short
// magics are checked with the bytes that follow them, so no text line can pass for one.
Magic magicOf(const QByteArray &head)
{
    const QByteArrayView h(head);
    const auto at = [&](qsizetype from, QByteArrayView what) {
        return h.size() >= from + what.size() && h.sliced(from, what.size()) == what;
    };
    if (at(0, "PK\x03\x04"))
        return Magic::Zip;
    const bool binary = at(0, QByteArrayView("\x89PNG\r\n\x1a\n", 8))
                        || at(0, "\xFF\xD8\xFF") // JPEG
                        || (at(0, "RIFF") && (at(8, "WEBP") || at(8, "WAVE")))
                        || at(0, "#!AMR")
                        || (at(0, "ID3") && h.size() > 4 && quint8(h[3]) >= 2 && quint8(h[3]) <= 4)
                        || at(0, QByteArrayView("OggS\0", 5))
                        || at(0, QByteArrayView("SQLite format 3\0", 16))
                        || at(4, "ftyp"); // ISO media: HEIC, M4A, 3GP, MP4
    return binary ? Magic::Binary : Magic::None;
}

// Text formats, which a file opening with a binary magic number is not: their sniffers look for
// XML, JSON, vCard, CSV or chat text in the head, which in a screenshot means decoding or scanning
// 64 KiB of pixels (the costly part of sniffing a folder of them) and can only match by chance.
// A zip still goes to those that can be inside one uncompressed, or be one (WhatsApp); only
// those that read its first lines as text are spared.
bool textOnly(const Importer &importer, Magic magic)
{
    static const QStringList lineReaders = {u"qq-txt"_s, u"wechat-csv"_s, u"wechat-txt"_s,
                                            u"calllog-csv"_s};
    static const QStringList textFormats = {u"whatsapp"_s, u"sms-backup-xml"_s,
                                            u"telegram-json"_s, u"vcard"_s};
    const QString format = importer.format();
    return lineReaders.contains(format) || (magic == Magic::Binary && textFormats.contains(format));
}

} // namespace

const std::vector<std::unique_ptr<Importer>> &allImporters()
{
    static const std::vector<std::unique_ptr<Importer>> importers = [] {
        std::vector<std::unique_ptr<Importer>> list;
        list.push_back(makeSmsBackupXmlImporter());
        list.push_back(makeTelegramJsonImporter());
        list.push_back(makeWhatsAppImporter());
        list.push_back(makeQqTxtImporter());
        list.push_back(makeWeChatCsvImporter());
        list.push_back(makeWeChatTxtImporter());
        list.push_back(makeCallLogCsvImporter());
        list.push_back(makeVCardImporter());
        list.push_back(makeIosSmsDbImporter());
        list.push_back(makeIosCallHistoryImporter());
        list.push_back(makeAndroidSmsDbImporter());
        list.push_back(makeAndroidCallLogDbImporter());
        list.push_back(makeImageImporter());
        list.push_back(makeRecordingImporter());
        return list;
    }();
    return importers;
}

const Importer *importerFor(const QString &format)
{
    for (const auto &importer : allImporters()) {
        if (importer->format().compare(format, Qt::CaseInsensitive) == 0)
            return importer.get();
    }
    return nullptr;
}

const Importer *sniffImporter(const QString &fileName, const QByteArray &head)
{
    const Importer *best = nullptr;
    int bestScore = 0;
    const QString name = QFileInfo(fileName).fileName();
    const Magic magic = magicOf(head);
    for (const auto &importer : allImporters()) {
        if (magic != Magic::None && textOnly(*importer, magic))
            continue;
        const int score = importer->sniff(name, head);
        if (score > bestScore) {
            best = importer.get();
            bestScore = score;
        }
    }
    return best;
}

qsizetype sniffHeadSize(const QByteArray &first16)
{
    // Images and recordings are told by their first 16 bytes and only the binary-capable
    // importers are asked about them; SQLite and zip need the tables or entry names further in.
    if (magicOf(first16) != Magic::Binary || first16.startsWith("SQLite format 3"))
        return FULL_HEAD;
    return SHORT_HEAD;
}

QByteArray readHead(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.read(FULL_HEAD);
}

} // namespace Dossier::Import
