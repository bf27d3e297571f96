// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The headers give the types and the sonames; nothing links FFmpeg.
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavcodec/version.h>
#include <libavformat/avformat.h>
#include <libavformat/version.h>
#include <libavutil/log.h>
#include <libavutil/mem.h>
#include <libavutil/version.h>
}

#include <QByteArray>

#include "common/result.h"

namespace Dossier::Import {

/// The FFmpeg functions the recording importer calls. FFmpeg drags in about 120 libraries and
/// costs 60-100 ms to load, so it is opened with dlopen() when the first recording is read
/// rather than at the start of every Dossier program. Members are named after the functions.
struct LibAv
{
    // libavutil
    decltype(&::av_log_set_level) av_log_set_level = nullptr;
    decltype(&::av_malloc) av_malloc = nullptr;
    decltype(&::av_free) av_free = nullptr;
    decltype(&::av_freep) av_freep = nullptr;
    decltype(&::av_strerror) av_strerror = nullptr;
    // libavcodec
    decltype(&::avcodec_get_name) avcodec_get_name = nullptr;
    decltype(&::av_packet_alloc) av_packet_alloc = nullptr;
    decltype(&::av_packet_unref) av_packet_unref = nullptr;
    decltype(&::av_packet_free) av_packet_free = nullptr;
    // libavformat
    decltype(&::avformat_alloc_context) avformat_alloc_context = nullptr;
    decltype(&::avio_alloc_context) avio_alloc_context = nullptr;
    decltype(&::avio_context_free) avio_context_free = nullptr;
    decltype(&::avformat_open_input) avformat_open_input = nullptr;
    decltype(&::avformat_find_stream_info) avformat_find_stream_info = nullptr;
    decltype(&::av_find_best_stream) av_find_best_stream = nullptr;
    decltype(&::av_read_frame) av_read_frame = nullptr;
    decltype(&::avformat_close_input) avformat_close_input = nullptr;
};

/// Sonames to open, in dependency order.
struct LibAvNames
{
    QByteArray avutil;
    QByteArray avcodec;
    QByteArray avformat;
};

/// The FFmpeg the headers describe: libavutil.so.57, libavcodec.so.59, libavformat.so.59 on
/// Debian 12 (majors from LIBAV*_VERSION_MAJOR, so they follow the headers).
LibAvNames installedLibAvNames();

/// Opens FFmpeg on the first call (thread-safe; later calls return the same answer) and returns
/// its functions, or an Error (ErrorCode::Unsupported) saying which library is missing, with
/// dlerror() as the detail. The libraries stay loaded for the life of the process.
Result<const LibAv *> libAv();

/// Opens `names` and resolves every function, without touching libAv()'s state. On failure
/// nothing stays open. Tests use it to check the message for a missing library.
Result<LibAv> loadLibAv(const LibAvNames &names);

/// Makes libAv() open `names` instead of installedLibAvNames(). Only has an effect before the
/// first libAv() call; for tests that need a process without FFmpeg.
void setLibAvNamesForTesting(const LibAvNames &names);

} // namespace Dossier::Import
