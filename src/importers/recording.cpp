// SPDX-License-Identifier: GPL-3.0-or-later
// Call recordings: kept as evidence (the case stores the original); this importer measures the
// duration with libavformat (opened on first use, see libav.h) and reads the other party and
// the time from the dialer's file name, so the case can link the recording to the call.
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QIODevice>
#include <QJsonObject>
#include <QRegularExpression>

#include "common/timeutil.h"
#include "importers/filenamepatterns.h"
#include "importers/formats.h"
#include "importers/libav.h"

using namespace Qt::StringLiterals;

namespace Dossier::Import {

namespace {

constexpr int IO_BUFFER_SIZE = 64 * 1024;

QString tr(const char *text)
{
    return QCoreApplication::translate("Dossier", text);
}

const QStringList &audioSuffixes()
{
    static const QStringList suffixes = {u"mp3"_s, u"m4a"_s, u"amr"_s, u"aac"_s,
                                         u"wav"_s, u"3gp"_s, u"ogg"_s, u"opus"_s};
    return suffixes;
}

// libavformat reads the QIODevice it is given, so the parser never needs a path on disk.
int readPacket(void *opaque, uint8_t *buf, int size)
{
    auto *device = static_cast<QIODevice *>(opaque);
    const qint64 n = device->read(reinterpret_cast<char *>(buf), size);
    if (n < 0)
        return AVERROR(EIO);
    if (n == 0)
        return AVERROR_EOF;
    return int(n);
}

int64_t seekDevice(void *opaque, int64_t offset, int whence)
{
    auto *device = static_cast<QIODevice *>(opaque);
    if (whence & AVSEEK_SIZE)
        return device->size();
    qint64 target = offset;
    switch (whence & ~AVSEEK_FORCE) {
    case SEEK_SET: break;
    case SEEK_CUR: target += device->pos(); break;
    case SEEK_END: target += device->size(); break;
    default: return -1;
    }
    if (target < 0 || !device->seek(target))
        return -1;
    return target;
}

struct AudioFacts
{
    QString container;
    QString containerLong;
    QString codec;
    double durationS = 0;
    int sampleRate = 0;
    int channels = 0;
    qint64 bitRate = 0;
};

Result<AudioFacts> probe(const LibAv &av, QIODevice &device, const QString &path)
{
    auto *buffer = static_cast<unsigned char *>(av.av_malloc(IO_BUFFER_SIZE));
    AVIOContext *io = av.avio_alloc_context(buffer, IO_BUFFER_SIZE, 0, &device, readPacket, nullptr,
                                         device.isSequential() ? nullptr : seekDevice);
    AVFormatContext *format = av.avformat_alloc_context();
    const auto cleanup = [&] {
        if (format)
            av.avformat_close_input(&format);
        if (io) {
            av.av_freep(&io->buffer);
            av.avio_context_free(&io);
        }
    };
    const auto fail = [&](const QString &detail) -> Result<AudioFacts> {
        cleanup();
        return makeError(ErrorCode::Parse,
                         tr("%1 is not a readable audio recording (MP3, M4A, AMR, AAC, WAV, 3GP, "
                            "OGG or Opus).")
                             .arg(QDir::toNativeSeparators(path)),
                         detail);
    };
    if (!buffer || !io || !format) {
        if (!io)
            av.av_free(buffer);
        return fail(u"out of memory"_s);
    }
    format->pb = io;
    format->flags |= AVFMT_FLAG_CUSTOM_IO;
    // No file name for probing: the content decides, so a text file named .mp3 is refused.
    int rc = av.avformat_open_input(&format, "", nullptr, nullptr);
    if (rc < 0) {
        char text[AV_ERROR_MAX_STRING_SIZE] = {};
        av.av_strerror(rc, text, sizeof text);
        format = nullptr; // freed by avformat_open_input on failure
        return fail(QString::fromUtf8(text));
    }
    rc = av.avformat_find_stream_info(format, nullptr);
    if (rc < 0) {
        char text[AV_ERROR_MAX_STRING_SIZE] = {};
        av.av_strerror(rc, text, sizeof text);
        return fail(QString::fromUtf8(text));
    }
    const int audio = av.av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
    if (audio < 0)
        return fail(u"no audio stream"_s);

    // A header with no sound after it is not a recording.
    bool hasAudio = false;
    AVPacket *packet = av.av_packet_alloc();
    for (int i = 0; packet && i < 1000 && !hasAudio && av.av_read_frame(format, packet) >= 0;
         ++i) {
        hasAudio = packet->stream_index == audio && packet->size > 0;
        av.av_packet_unref(packet);
    }
    av.av_packet_free(&packet);
    if (!hasAudio)
        return fail(u"no audio data"_s);

    AudioFacts facts;
    facts.container = QString::fromUtf8(format->iformat->name);
    if (format->iformat->long_name)
        facts.containerLong = QString::fromUtf8(format->iformat->long_name);
    const AVStream *stream = format->streams[audio];
    const AVCodecParameters *par = stream->codecpar;
    facts.codec = QString::fromUtf8(av.avcodec_get_name(par->codec_id));
    facts.sampleRate = par->sample_rate;
    facts.channels = par->ch_layout.nb_channels;
    facts.bitRate = format->bit_rate;
    if (format->duration != AV_NOPTS_VALUE && format->duration > 0)
        facts.durationS = double(format->duration) / AV_TIME_BASE;
    else if (stream->duration != AV_NOPTS_VALUE && stream->duration > 0)
        facts.durationS = double(stream->duration) * av_q2d(stream->time_base);
    cleanup();
    return facts;
}

bool looksLikeNumber(const QString &text)
{
    static const QRegularExpression re(uR"(^\+?[\d\s-]{3,}$)"_s);
    return re.match(text).hasMatch();
}

class RecordingImporter final : public Importer
{
public:
    QString format() const override { return u"recording"_s; }
    QString displayName() const override { return tr("Call recordings"); }

    int sniff(const QString &fileName, const QByteArray &head) const override
    {
        const QString suffix = QFileInfo(fileName).suffix().toLower();
        const bool audioName = audioSuffixes().contains(suffix);
        if (head.startsWith("#!AMR") || head.startsWith("ID3") || head.startsWith("OggS")
            || (head.startsWith("RIFF") && head.mid(8, 4) == "WAVE")) {
            return 95;
        }
        const QByteArray brand = head.mid(8, 4);
        if (head.mid(4, 4) == "ftyp") {
            if (brand == "M4A " || brand == "M4B ")
                return 95;
            // 3GP and MP4 also hold video: only ours under an audio name.
            if (audioName && (brand.startsWith("3gp") || brand == "isom" || brand == "mp42"))
                return 90;
        }
        // MPEG audio frame sync or ADTS without ID3, under an audio name.
        if (audioName && head.size() >= 2 && quint8(head[0]) == 0xFF
            && (quint8(head[1]) & 0xE0) == 0xE0) {
            return 80;
        }
        // A damaged recording is still ours: it should fail loudly, not be skipped.
        return audioName ? 20 : 0;
    }

    Result<void> parse(QIODevice &file, const QString &path, const ImportContext &context,
                       ImportSink &sink) const override
    {
        const QString fileName = QFileInfo(path).fileName();
        const QTimeZone &zone = context.settings.zone;
        const qint64 total = file.size();

        // Without FFmpeg this file fails on its own; the other files of the import go on.
        const auto av = libAv();
        if (!av) {
            return makeError(av.error().code,
                             tr("%1 was not imported. %2")
                                 .arg(QDir::toNativeSeparators(path), av.error().message),
                             av.error().detail);
        }
        auto facts = probe(**av, file, path);
        if (!facts)
            return facts.error();

        QJsonObject meta;
        meta.insert(u"kind"_s, u"recording"_s);
        meta.insert(u"container"_s, facts->container);
        if (!facts->containerLong.isEmpty())
            meta.insert(u"container_name"_s, facts->containerLong);
        meta.insert(u"codec"_s, facts->codec);
        if (facts->durationS > 0) {
            meta.insert(u"duration_s"_s, qRound64(facts->durationS));
            meta.insert(u"duration_ms"_s, qRound64(facts->durationS * 1000));
        }
        if (facts->sampleRate > 0)
            meta.insert(u"sample_rate"_s, facts->sampleRate);
        if (facts->channels > 0)
            meta.insert(u"channels"_s, facts->channels);
        if (facts->bitRate > 0)
            meta.insert(u"bit_rate"_s, facts->bitRate);

        const auto nameMatch = FileNamePatterns::resource(u":/importers/recording-patterns.json"_s)
                                   .match(fileName, zone);
        if (nameMatch) {
            QString number = nameMatch->number;
            QString name = nameMatch->name;
            if (number.isEmpty() && looksLikeNumber(name))
                std::swap(number, name);
            if (name == number)
                name.clear();
            meta.insert(u"filename_pattern"_s, nameMatch->patternId);
            if (!number.isEmpty())
                meta.insert(u"number"_s, number);
            if (!name.isEmpty())
                meta.insert(u"name"_s, name);
            if (nameMatch->time)
                meta.insert(u"filename_time"_s, isoInZone(nameMatch->time->utcMs, zone));
            if (!number.isEmpty() && nameMatch->time)
                sink.setRecordingOf(number, *nameMatch->time);
        }
        sink.setSourceMetadata(meta);

        if (context.progress && !context.progress(total, total))
            return makeError(ErrorCode::Cancelled,
                             tr("Import of %1 cancelled.").arg(QDir::toNativeSeparators(path)));
        return {};
    }
};

} // namespace

std::unique_ptr<Importer> makeRecordingImporter()
{
    return std::make_unique<RecordingImporter>();
}

} // namespace Dossier::Import
