// SPDX-License-Identifier: GPL-3.0-or-later
#include "importers/libav.h"

#include <dlfcn.h>

#include <array>
#include <mutex>
#include <optional>
#include <type_traits>

#include <QCoreApplication>

using namespace Qt::StringLiterals;

#define DOSSIER_LIBAV_STR2(x) #x
#define DOSSIER_LIBAV_STR(x) DOSSIER_LIBAV_STR2(x)

namespace Dossier::Import {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Dossier", text);
}

QString lastDlError()
{
    const char *text = dlerror();
    return text ? QString::fromLocal8Bit(text) : u"dlopen gave no reason"_s;
}

struct Loaded
{
    std::once_flag once;
    std::mutex namesMutex;
    std::optional<LibAvNames> names;
    std::optional<LibAv> api;
    Error error;
};

Loaded &loaded()
{
    static Loaded state;
    return state;
}

} // namespace

LibAvNames installedLibAvNames()
{
    return {QByteArrayLiteral("libavutil.so." DOSSIER_LIBAV_STR(LIBAVUTIL_VERSION_MAJOR)),
            QByteArrayLiteral("libavcodec.so." DOSSIER_LIBAV_STR(LIBAVCODEC_VERSION_MAJOR)),
            QByteArrayLiteral("libavformat.so." DOSSIER_LIBAV_STR(LIBAVFORMAT_VERSION_MAJOR))};
}

Result<LibAv> loadLibAv(const LibAvNames &names)
{
    enum Lib : std::size_t { Util, Codec, Format };
    const std::array<const QByteArray *, 3> sonames{&names.avutil, &names.avcodec, &names.avformat};
    std::array<void *, 3> handles{};
    const auto closeAll = [&handles] {
        for (auto it = handles.rbegin(); it != handles.rend(); ++it) {
            if (*it)
                dlclose(*it);
        }
    };

    // One at a time, dependencies first, so the message names the library that is missing.
    for (std::size_t i = 0; i < handles.size(); ++i) {
        handles[i] = dlopen(sonames[i]->constData(), RTLD_NOW | RTLD_LOCAL);
        if (!handles[i]) {
            const QString detail = lastDlError();
            closeAll();
            return makeError(ErrorCode::Unsupported,
                             tr("Recordings cannot be read: FFmpeg's %1 is not installed.")
                                 .arg(QString::fromUtf8(*sonames[i])),
                             detail);
        }
    }

    LibAv api;
    std::optional<Error> failure;
    const auto get = [&](Lib lib, const char *name, auto &fn) {
        if (failure)
            return;
        dlerror();
        void *symbol = dlsym(handles[lib], name);
        if (!symbol) {
            failure = makeError(ErrorCode::Unsupported,
                                tr("Recordings cannot be read: FFmpeg's %1 lacks %2.")
                                    .arg(QString::fromUtf8(*sonames[lib]), QLatin1StringView(name)),
                                lastDlError());
            return;
        }
        fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(symbol);
    };
#define DOSSIER_LIBAV_GET(lib, fn) get(lib, #fn, api.fn)
    DOSSIER_LIBAV_GET(Util, av_log_set_level);
    DOSSIER_LIBAV_GET(Util, av_malloc);
    DOSSIER_LIBAV_GET(Util, av_free);
    DOSSIER_LIBAV_GET(Util, av_freep);
    DOSSIER_LIBAV_GET(Util, av_strerror);
    DOSSIER_LIBAV_GET(Codec, avcodec_get_name);
    DOSSIER_LIBAV_GET(Codec, av_packet_alloc);
    DOSSIER_LIBAV_GET(Codec, av_packet_unref);
    DOSSIER_LIBAV_GET(Codec, av_packet_free);
    DOSSIER_LIBAV_GET(Format, avformat_alloc_context);
    DOSSIER_LIBAV_GET(Format, avio_alloc_context);
    DOSSIER_LIBAV_GET(Format, avio_context_free);
    DOSSIER_LIBAV_GET(Format, avformat_open_input);
    DOSSIER_LIBAV_GET(Format, avformat_find_stream_info);
    DOSSIER_LIBAV_GET(Format, av_find_best_stream);
    DOSSIER_LIBAV_GET(Format, av_read_frame);
    DOSSIER_LIBAV_GET(Format, avformat_close_input);
#undef DOSSIER_LIBAV_GET
    if (failure) {
        closeAll();
        return *failure;
    }
    return api; // the handles stay open: the function pointers point into them
}

Result<const LibAv *> libAv()
{
    Loaded &state = loaded();
    std::call_once(state.once, [&state] {
        LibAvNames names = installedLibAvNames();
        {
            const std::lock_guard lock(state.namesMutex);
            if (state.names)
                names = *state.names;
        }
        auto api = loadLibAv(names);
        if (!api) {
            state.error = api.error();
            return;
        }
        state.api = *api;
        // FFmpeg would print to stderr about every odd file; failures reach the user as Errors.
        state.api->av_log_set_level(AV_LOG_QUIET);
    });
    if (state.api)
        return &*state.api;
    return state.error;
}

void setLibAvNamesForTesting(const LibAvNames &names)
{
    Loaded &state = loaded();
    const std::lock_guard lock(state.namesMutex);
    state.names = names;
}

} // namespace Dossier::Import
