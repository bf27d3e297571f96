// SPDX-License-Identifier: GPL-3.0-or-later
// Importing a folder of screenshots into a real case (batched commits, exact outcomes) and the
// background pass that makes their previews afterwards, alone and from the main window.
#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "casefile/casefile.h"
#include "gui/afterimportpass.h"
#include "gui/mainwindow.h"
#include "importers/image.h"
#include "importers/runner.h"

using namespace Qt::StringLiterals;
using namespace Dossier;

namespace {

QByteArray pngBytes(int width, int height, const QColor &color)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(color);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// Five screenshots, with a file that claims to be one but is noise in the middle.
QString makeShots(const QString &root)
{
    const QString dir = QDir(root).filePath(u"shots"_s);
    QDir().mkpath(dir);
    for (int i = 1; i <= 5; ++i) {
        const QString name = u"Screenshot_2025-02-13-10-1%1-00-123_com.tencent.mm.png"_s.arg(i);
        if (!writeFile(QDir(dir).filePath(name), pngBytes(540, 1200, QColor(i * 40, 90, 160))))
            return {};
    }
    QByteArray noise(3000, '\0');
    quint32 x = 99;
    for (char &c : noise) {
        x = x * 1103515245u + 12345u;
        c = char(x >> 24);
    }
    noise[0] = 'Z';
    if (!writeFile(QDir(dir).filePath(u"Screenshot_2025-02-13-10-13-30-000_bad.png"_s), noise))
        return {};
    return dir;
}

std::unique_ptr<CaseFile> newCase(const QString &path)
{
    auto created = CaseFile::create(path, NewCaseOptions{});
    if (!created)
        qFatal("create: %s", qPrintable(created.error().toString()));
    return std::move(*created);
}

int evidenceCount(CaseFile &caseFile)
{
    const auto stats = caseFile.stats();
    return stats ? stats->evidence : -1;
}

} // namespace

class TstAfterImportPass : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_shots = makeShots(m_dir.path());
        QVERIFY(!m_shots.isEmpty());
    }

    void batchedFolderImportIsExact()
    {
        auto caseFile = newCase(m_dir.filePath(u"batched.dossier"_s));
        Import::RunOptions options;
        options.batchFiles = 2; // several batches, one with the bad file inside
        const auto outcomes = Import::importPaths(*caseFile, {m_shots}, options);
        QCOMPARE(outcomes.size(), 6);
        int failed = 0;
        for (const auto &o : outcomes) {
            QCOMPARE(o.format, u"image"_s);
            if (o.error) {
                ++failed;
                QVERIFY2(o.path.endsWith(u"_bad.png"_s), qPrintable(o.error->toString()));
                QCOMPARE(o.error->code, ErrorCode::Parse);
            }
        }
        QCOMPARE(failed, 1);
        QCOMPARE(evidenceCount(*caseFile), 5); // the bad file left nothing behind
        const auto rows = caseFile->evidence();
        QVERIFY(rows);
        for (const EvidenceRow &row : *rows) {
            QVERIFY(!row.originalName.contains(u"_bad"_s));
            QCOMPARE(row.metadata.value(u"width"_s).toInt(), 540);
            QCOMPARE(row.metadata.value(u"app"_s).toString(), u"微信"_s);
        }
        const auto verified = caseFile->verify();
        QVERIFY(verified && verified->ok());

        // Importing the same folder again adds nothing.
        const auto again = Import::importPaths(*caseFile, {m_shots});
        QCOMPARE(again.size(), 6);
        for (const auto &o : again)
            QCOMPARE(o.counts.added, 0);
        QCOMPARE(evidenceCount(*caseFile), 5);
        // Nothing made previews during the import.
        const auto missing = caseFile->evidenceWithoutThumbnail();
        QVERIFY(missing);
        QCOMPARE(missing->size(), 5);
    }

    void passMakesMissingPreviews()
    {
        const QString path = m_dir.filePath(u"pass.dossier"_s);
        {
            auto caseFile = newCase(path);
            // A damaged PNG is kept as evidence but no preview can be made of it.
            const QString cut = m_dir.filePath(u"cut.png"_s);
            QVERIFY(writeFile(cut, pngBytes(300, 200, Qt::red).left(80)));
            const auto outcomes = Import::importPaths(*caseFile, {m_shots, cut});
            QCOMPARE(outcomes.size(), 7);
            QVERIFY(!outcomes.last().error);
            QCOMPARE(caseFile->evidenceWithoutThumbnail()->size(), 6);
        }
        AfterImportPass pass(path);
        QSignalSpy finished(&pass, &AfterImportPass::finished);
        QSignalSpy progress(&pass, &AfterImportPass::progress);
        pass.start();
        QVERIFY(pass.isRunning());
        QVERIFY(finished.wait(60000));
        QVERIFY(!pass.isRunning());
        QCOMPARE(finished.at(0).at(0).toInt(), 5); // made
        QCOMPARE(finished.at(0).at(1).toInt(), 1); // failed
        QCOMPARE(finished.at(0).at(2).toBool(), false);
        QVERIFY(finished.at(0).at(3).toString().isEmpty());
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(0).toInt(), 6);
        QCOMPARE(progress.last().at(1).toInt(), 6);

        auto caseFile = CaseFile::open(path, CaseFile::Mode::ReadOnly);
        QVERIFY(caseFile);
        const auto missing = (*caseFile)->evidenceWithoutThumbnail();
        QVERIFY(missing);
        QCOMPARE(missing->size(), 0); // the damaged one is marked, not offered again
        const auto rows = (*caseFile)->evidence();
        for (const EvidenceRow &row : *rows) {
            const auto png = (*caseFile)->thumbnail(row.id);
            QVERIFY(png);
            if (row.originalName == u"cut.png"_s) {
                QVERIFY(png->isEmpty());
                continue;
            }
            QImage thumb;
            QVERIFY(thumb.loadFromData(*png, "PNG"));
            QCOMPARE(thumb.size(), QSize(115, 256));
        }
        QVERIFY((*caseFile)->verify()->ok()); // previews are not part of the audited record
    }

    // A bulk import leaves the full-text index behind; the pass brings it up to date.
    void passCatchesUpTheSearchIndex()
    {
        const QString path = m_dir.filePath(u"search.dossier"_s);
        {
            auto caseFile = newCase(path);
            const QString src = m_dir.filePath(u"chat.txt"_s);
            QVERIFY(writeFile(src, "chat"));
            auto session = caseFile->beginImport(src, u"test"_s);
            QVERIFY(session);
            for (int i = 0; i < 20001; ++i) {
                EventRecord e;
                e.kind = EventKind::Message;
                e.channel = Channel::WeChat;
                e.direction = Direction::Incoming;
                e.at = SourceTime{1739412000000 + qint64(i) * 1000, 28800};
                e.counterpart = u"催收员"_s;
                e.text = u"第%1次催款"_s.arg(i);
                QVERIFY(session.value()->addEvent(e));
            }
            QVERIFY(session.value()->commit());
        }
        AfterImportPass pass(path);
        QSignalSpy finished(&pass, &AfterImportPass::finished);
        pass.start();
        QVERIFY(finished.wait(60000));
        QVERIFY(finished.at(0).at(3).toString().isEmpty());
        auto caseFile = CaseFile::open(path);
        QVERIFY(caseFile);
        const auto left = (*caseFile)->updateSearchIndex();
        QVERIFY(left);
        QCOMPARE(left.value(), qint64(0)); // nothing was left to index
    }

    void stoppedPassKeepsWhatItStored()
    {
        const QString path = m_dir.filePath(u"stop.dossier"_s);
        {
            auto caseFile = newCase(path);
            QVERIFY(!Import::importPaths(*caseFile, {m_shots}).isEmpty());
        }
        AfterImportPass pass(path);
        QSignalSpy finished(&pass, &AfterImportPass::finished);
        pass.start();
        pass.stop(); // waits for at most one decode
        QVERIFY(!pass.isRunning());
        auto caseFile = CaseFile::open(path, CaseFile::Mode::ReadWrite);
        QVERIFY(caseFile);
        const int left = int((*caseFile)->evidenceWithoutThumbnail()->size());
        QVERIFY(left >= 0 && left <= 5);
        // Whatever was stored is whole: every stored preview decodes.
        const auto rows = (*caseFile)->evidence();
        QVERIFY(rows);
        for (const EvidenceRow &row : *rows) {
            const QByteArray png = *(*caseFile)->thumbnail(row.id);
            QImage thumb;
            QVERIFY(png.isEmpty() || thumb.loadFromData(png, "PNG"));
        }
        caseFile->reset();
        // A later pass finishes the job.
        AfterImportPass rest(path);
        QSignalSpy restFinished(&rest, &AfterImportPass::finished);
        rest.start();
        QVERIFY(restFinished.wait(60000));
        QCOMPARE(restFinished.at(0).at(0).toInt(), left);
        QCOMPARE(restFinished.at(0).at(1).toInt(), 0);
    }

    void windowMakesPreviewsAfterImport()
    {
        const QString path = m_dir.filePath(u"window.dossier"_s);
        newCase(path).reset();
        const QString shot = m_dir.filePath(u"Screenshot_20250213-101500.png"_s);
        QVERIFY(writeFile(shot, pngBytes(1080, 2400, QColor(30, 120, 200))));

        MainWindow window;
        window.show();
        QVERIFY(window.openCase(path));
        QVERIFY(!window.isMakingPreviews()); // nothing to do yet
        QSignalSpy imported(&window, &MainWindow::importFinished);
        QSignalSpy previews(&window, &MainWindow::previewsFinished);
        window.importFiles({shot});
        QVERIFY(imported.wait(60000));
        QVERIFY(previews.wait(60000));
        QCOMPARE(previews.at(0).at(0).toInt(), 1);
        QCOMPARE(previews.at(0).at(2).toBool(), false);
        QVERIFY(!window.isMakingPreviews());

        auto caseFile = CaseFile::open(path, CaseFile::Mode::ReadOnly);
        QVERIFY(caseFile);
        const auto rows = (*caseFile)->evidence();
        QVERIFY(rows && rows->size() == 1);
        const auto png = (*caseFile)->thumbnail(rows->first().id);
        QVERIFY(png);
        QImage thumb;
        QVERIFY(thumb.loadFromData(*png, "PNG"));
        QCOMPARE(thumb.size(), QSize(115, 256));
        QCOMPARE(thumb.pixelColor(57, 128), QColor(30, 120, 200));
    }

    void closingStopsThePass()
    {
        const QString path = m_dir.filePath(u"close.dossier"_s);
        {
            auto caseFile = newCase(path);
            QVERIFY(!Import::importPaths(*caseFile, {m_shots}).isEmpty());
        }
        auto window = std::make_unique<MainWindow>();
        QSignalSpy previews(window.get(), &MainWindow::previewsFinished);
        QVERIFY(window->openCase(path)); // finds five images without previews
        QVERIFY(window->isMakingPreviews());
        window->close();
        QVERIFY(!window->isMakingPreviews());
        QCOMPARE(previews.size(), 1);
        QCOMPARE(previews.at(0).at(2).toBool(), true); // cancelled
        window.reset();
    }

private:
    QTemporaryDir m_dir;
    QString m_shots;
};

QTEST_MAIN(TstAfterImportPass)
#include "tst_afterimportpass.moc"
