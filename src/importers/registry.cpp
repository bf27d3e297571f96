// SPDX-License-Identifier: GPL-3.0-or-later
#include "importers/registry.h"

#include <QFile>
#include <QFileInfo>

#include "importers/formats.h"

namespace Dossier::Import {

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
    for (const auto &importer : allImporters()) {
        const int score = importer->sniff(name, head);
        if (score > bestScore) {
            best = importer.get();
            bestScore = score;
        }
    }
    return best;
}

QByteArray readHead(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.read(64 * 1024);
}

} // namespace Dossier::Import
