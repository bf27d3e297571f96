// SPDX-License-Identifier: GPL-3.0-or-later
// One libFuzzer harness for every text/XML/JSON importer: built once per format with
// -DFUZZ_FORMAT="<format id>" and -DFUZZ_FILE_NAME="<a name the format uses>".
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include <QBuffer>
#include <QCoreApplication>

#include "importers/registry.h"

#ifndef FUZZ_FORMAT
#error "FUZZ_FORMAT must name an importer format id"
#endif
#ifndef FUZZ_FILE_NAME
#define FUZZ_FILE_NAME "input.txt"
#endif

using namespace Dossier;
using namespace Dossier::Import;

namespace {

// Takes everything and keeps nothing; reads attachments to the end like the case file does.
class DiscardingSink final : public ImportSink
{
public:
    void setSourceMetadata(const QJsonObject &) override {}
    void setSourceThumbnail(const QByteArray &) override {}
    void setRecordingOf(const QString &, SourceTime) override {}
    Result<void> addEvent(const EventRecord &record) override
    {
        m_bytes += record.text.size() + record.rawNumber.size();
        return {};
    }
    Result<void> addContact(const ContactRecord &contact) override
    {
        m_bytes += contact.name.size();
        return {};
    }
    Result<QString> addAttachment(const AttachmentRecord &, QIODevice &data) override
    {
        char chunk[4096];
        while (data.read(chunk, sizeof chunk) > 0) {
        }
        return QStringLiteral("0000000000000000000000000000000000000000000000000000000000000000");
    }
    void reject(const QString &, const QString &) override {}

private:
    qsizetype m_bytes = 0;
};

const Importer *g_importer = nullptr;

// Built once: a CaseSettings holds a QTimeZone, and loading tz data per input would dominate.
const ImportContext &context()
{
    static const ImportContext c = [] {
        ImportContext ctx;
        ctx.settings.own.numbers = {QStringLiteral("13800138000")};
        ctx.settings.own.qqNumbers = {QStringLiteral("123456789")};
        ctx.settings.own.wechatNames = {QStringLiteral("我")};
        ctx.settings.own.names = {QStringLiteral("我")};
        ctx.platform = QStringLiteral("某某贷");
        ctx.progress = [](qint64 done, qint64 total) { return done <= total || total <= 0; };
        return ctx;
    }();
    return c;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv);
    g_importer = importerFor(QStringLiteral(FUZZ_FORMAT));
    (void)context();
    if (!g_importer) {
        std::fprintf(stderr, "fuzz: no importer for format \"%s\" in this build\n", FUZZ_FORMAT);
        std::exit(2);
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // No copy: reads past the end of the input are caught by AddressSanitizer.
    QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data),
                                               qsizetype(size));
    const QString fileName = QStringLiteral(FUZZ_FILE_NAME);
    (void)g_importer->sniff(fileName, bytes.left(64 * 1024));

    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    DiscardingSink sink;
    (void)g_importer->parse(buffer, QStringLiteral("/fuzz/") + fileName, context(), sink);
    return 0;
}
