// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/logging.h"

#include <spdlog/sinks/null_sink.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/spdlog.h>

#include <QDir>
#include <QStandardPaths>

namespace Dossier::Log {
namespace {

std::shared_ptr<spdlog::logger> &current()
{
    static std::shared_ptr<spdlog::logger> instance
        = std::make_shared<spdlog::logger>("dossier", std::make_shared<spdlog::sinks::null_sink_mt>());
    return instance;
}

QString &currentPath()
{
    static QString path;
    return path;
}

void qtMessageHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    // Qt messages come from Qt itself or from our own qWarning() calls; neither carries evidence.
    const std::string text = message.toStdString();
    const char *category = context.category ? context.category : "qt";
    auto &log = *current();
    switch (type) {
    case QtDebugMsg:
        log.debug("[{}] {}", category, text);
        break;
    case QtInfoMsg:
        log.info("[{}] {}", category, text);
        break;
    case QtWarningMsg:
        log.warn("[{}] {}", category, text);
        break;
    case QtCriticalMsg:
    case QtFatalMsg:
        log.critical("[{}] {}", category, text);
        break;
    }
}

} // namespace

void init(const QString &programName)
{
    if (!currentPath().isEmpty())
        return;
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    if (dir.isEmpty() || !QDir().mkpath(dir))
        return;
    const QString path = QDir(dir).filePath(programName + QStringLiteral(".log"));
    try {
        auto sink = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(path.toStdString(),
                                                                           5 * 1024 * 1024, 3);
        auto logger = std::make_shared<spdlog::logger>("dossier", sink);
        logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z [%l] %v");
        logger->set_level(spdlog::level::info);
        logger->flush_on(spdlog::level::warn);
        current() = logger;
        currentPath() = path;
        qInstallMessageHandler(qtMessageHandler);
    } catch (const spdlog::spdlog_ex &) {
        // No log file (read-only home, full disk): keep working without one.
    }
}

QString filePath()
{
    return currentPath();
}

std::shared_ptr<spdlog::logger> logger()
{
    return current();
}

QString maskNumber(const QString &number)
{
    QString digits = number;
    digits.remove(QLatin1Char(' '));
    if (digits.size() >= 7)
        return digits.left(3) + QStringLiteral("****") + digits.right(4);
    if (digits.isEmpty())
        return digits;
    return digits.left(1) + QString(digits.size() - 1, QLatin1Char('*'));
}

QString maskName(const QString &name)
{
    if (name.size() <= 1)
        return name;
    return name.left(1) + QString(std::min<qsizetype>(name.size() - 1, 2), QLatin1Char('*'));
}

} // namespace Dossier::Log
