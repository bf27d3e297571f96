// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/commands.h"

#include <optional>

#include <spdlog/spdlog.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QRegularExpression>

#include "casefile/casefile.h"
#include "cli/output.h"
#include "common/logging.h"
#include "common/timeutil.h"
#include "importers/registry.h"
#include "importers/runner.h"

using namespace Qt::StringLiterals;

namespace Dossier::Cli {
namespace {

// Qt's own command-line parser messages, listed so they are translated along with ours.
[[maybe_unused]] constexpr const char *QT_PARSER_MESSAGES[] = {
    QT_TRANSLATE_NOOP("QCommandLineParser", "Displays help on commandline options."),
    QT_TRANSLATE_NOOP("QCommandLineParser", "Displays help including Qt specific options."),
    QT_TRANSLATE_NOOP("QCommandLineParser", "Unknown option '%1'."),
    QT_TRANSLATE_NOOP("QCommandLineParser", "Unknown options: %1."),
    QT_TRANSLATE_NOOP("QCommandLineParser", "Missing value after '%1'."),
    QT_TRANSLATE_NOOP("QCommandLineParser", "Unexpected value after '%1'."),
    QT_TRANSLATE_NOOP("QCommandLineParser", "Usage: %1"),
    QT_TRANSLATE_NOOP("QCommandLineParser", "Options:"),
    QT_TRANSLATE_NOOP("QCommandLineParser", "Arguments:"),
};


/// QCommandLineParser for one subcommand. The command name is declared as the first positional
/// argument so --help shows "dossier-cli [options] log case".
class Parser
{
public:
    Parser(const QString &command, const QString &description) : m_command(command)
    {
        m_parser.setApplicationDescription(description);
        m_parser.addHelpOption();
        m_parser.addPositionalArgument(command, description, command);
    }

    void positional(const QString &name, const QString &description, const QString &syntax = {})
    {
        m_parser.addPositionalArgument(name, description, syntax);
    }
    void option(const QString &name, const QString &description, const QString &valueName = {})
    {
        m_parser.addOption(QCommandLineOption(name, description, valueName));
    }

    /// Parses `args`; returns an exit code when the command must stop (help shown, usage error).
    std::optional<int> parse(const QStringList &args, qsizetype minPositional,
                             qsizetype maxPositional = -1)
    {
        if (!m_parser.parse(args))
            return usageError(m_command, m_parser.errorText());
        if (m_parser.isSet(u"help"_s)) {
            // Qt names the program as it was started (a path); the usage line should not.
            QString help = m_parser.helpText();
            const QString program = QCoreApplication::arguments().value(0);
            const qsizetype at = help.indexOf(program);
            if (!program.isEmpty() && at >= 0 && at < help.indexOf(u'\n'))
                help.replace(at, program.size(), u"dossier-cli"_s);
            out(help, false);
            return ExitOk;
        }
        m_positional = m_parser.positionalArguments();
        if (!m_positional.isEmpty())
            m_positional.removeFirst(); // the command name
        if (m_positional.size() < minPositional) {
            return usageError(m_command, minPositional == 1 || m_positional.isEmpty()
                                             ? DossierCli::tr("missing the case file argument")
                                             : DossierCli::tr("missing arguments after the case file"));
        }
        if (maxPositional >= 0 && m_positional.size() > maxPositional) {
            return usageError(m_command, DossierCli::tr("unexpected argument: %1")
                                             .arg(m_positional.at(maxPositional)));
        }
        return std::nullopt;
    }

    const QStringList &positionals() const { return m_positional; }
    bool isSet(const QString &name) const { return m_parser.isSet(name); }
    QString value(const QString &name) const { return m_parser.value(name); }
    QStringList values(const QString &name) const { return m_parser.values(name); }
    const QString &command() const { return m_command; }

private:
    QString m_command;
    QCommandLineParser m_parser;
    QStringList m_positional;
};

QString caseArgumentHelp()
{
    return DossierCli::tr("The case file (.dossier).");
}

/// Opens a case, with a message that names the file when it is missing or not a case.
Result<std::unique_ptr<CaseFile>> openCase(const QString &path, CaseFile::Mode mode)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        return makeError(ErrorCode::NotFound, DossierCli::tr("case file not found: %1").arg(path));
    }
    if (!info.isFile()) {
        return makeError(ErrorCode::NotACaseFile,
                         DossierCli::tr("%1 is not a Dossier case file (it is a folder)").arg(path));
    }
    auto opened = CaseFile::open(path, mode);
    if (!opened) {
        Error error = opened.error();
        if (!error.message.contains(path) && !error.message.contains(info.fileName()))
            error.message = DossierCli::tr("cannot open case %1: %2").arg(path, error.message);
        return error;
    }
    return opened;
}

std::optional<qint64> parseBound(const QString &text, const QTimeZone &zone, bool upper)
{
    const auto at = parseUserTime(text, zone);
    if (!at)
        return std::nullopt;
    if (!upper)
        return at->utcMs;
    // An upper bound includes the whole day, minute or second the user wrote.
    static const QRegularExpression dateOnly(uR"(^\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s*$)"_s);
    static const QRegularExpression withSeconds(uR"(\d{1,2}:\d{2}:\d{2})"_s);
    if (dateOnly.match(text).hasMatch()) {
        const QDate day = QDateTime::fromMSecsSinceEpoch(at->utcMs, zone).date();
        return QDateTime(day.addDays(1), QTime(0, 0), zone).toMSecsSinceEpoch();
    }
    return at->utcMs + (withSeconds.match(text).hasMatch() ? 1000 : 60 * 1000);
}

QString oneLine(QString text)
{
    text.replace(u"\r\n"_s, u" "_s);
    text.replace(u'\n', u' ');
    text.replace(u'\r', u' ');
    text.replace(u'\t', u' ');
    return text;
}

} // namespace

QList<Command> commands()
{
    return {
        {u"new"_s, DossierCli::tr("Create a new case file"), true, &runNew},
        {u"add"_s, DossierCli::tr("Store files in the case as evidence, byte for byte"), true, &runAdd},
        {u"import"_s, DossierCli::tr("Import call logs, SMS, chats, contacts, screenshots, recordings"),
         true, &runImport},
        {u"log"_s, DossierCli::tr("Log an incident by hand (a call, a visit, a threat ...)"), true,
         &runLog},
        {u"events"_s, DossierCli::tr("List events (calls, messages, incidents)"), true, &runEvents},
        {u"numbers"_s, DossierCli::tr("List the phone numbers seen in the case"), true, &runNumbers},
        {u"stats"_s, DossierCli::tr("Show counts: events, calls, messages, per day"), true, &runStats},
        {u"verify"_s, DossierCli::tr("Check that nothing in the case was changed"), true, &runVerify},
        {u"flags"_s, DossierCli::tr("Collection-rule flags (not available yet in this version)"), false,
         &runNotYet},
        {u"report"_s, DossierCli::tr("PDF evidence packet (not available yet in this version)"), false,
         &runNotYet},
        {u"export"_s, DossierCli::tr("Hand-off bundle for a lawyer (not available yet in this version)"),
         false, &runNotYet},
    };
}

int runNew(const QStringList &args)
{
    Parser p(u"new"_s, DossierCli::tr("Create a new case file."));
    p.positional(u"case"_s, DossierCli::tr("The case file to create (.dossier)."));
    p.option(u"title"_s, DossierCli::tr("Title of the case."), u"title"_s);
    p.option(u"tz"_s, DossierCli::tr("Time zone of the case (default Asia/Shanghai)."), u"zone"_s);
    p.option(u"me"_s, DossierCli::tr("One of your own phone numbers (repeatable)."), u"number"_s);
    p.option(u"qq"_s, DossierCli::tr("Your own QQ number (repeatable)."), u"number"_s);
    p.option(u"wechat"_s, DossierCli::tr("Your own WeChat name (repeatable)."), u"name"_s);
    p.option(u"name"_s, DossierCli::tr("Another name you appear under in chats (repeatable)."),
             u"name"_s);
    if (auto stop = p.parse(args, 1, 1))
        return *stop;

    const QString path = p.positionals().at(0);
    NewCaseOptions options;
    options.title = p.isSet(u"title"_s) ? p.value(u"title"_s) : QFileInfo(path).completeBaseName();
    if (p.isSet(u"tz"_s)) {
        const QString zoneId = p.value(u"tz"_s);
        const QTimeZone zone(zoneId.toUtf8());
        if (!zone.isValid())
            return usageError(p.command(), DossierCli::tr("unknown time zone: %1").arg(zoneId));
        options.zone = zone;
    }
    options.own.numbers = p.values(u"me"_s);
    options.own.qqNumbers = p.values(u"qq"_s);
    options.own.wechatNames = p.values(u"wechat"_s);
    options.own.names = p.values(u"name"_s);

    if (QFileInfo::exists(path))
        return usageError(p.command(), DossierCli::tr("%1 already exists; choose another name").arg(path));
    auto created = CaseFile::create(path, options);
    if (!created)
        return fail(p.command(), created.error());
    const CaseInfo info = (*created)->info();
    out(DossierCli::tr("Created case %1 (time zone %2)").arg(path, QString::fromUtf8(info.zone.id())));
    return ExitOk;
}

int runAdd(const QStringList &args)
{
    Parser p(u"add"_s, DossierCli::tr("Store files in the case as evidence, byte for byte."));
    p.positional(u"case"_s, caseArgumentHelp());
    p.positional(u"files"_s, DossierCli::tr("Files to store."), u"FILE..."_s);
    p.option(u"json"_s, DossierCli::tr("Print a JSON array on stdout."));
    if (auto stop = p.parse(args, 2))
        return *stop;

    auto opened = openCase(p.positionals().at(0), CaseFile::Mode::ReadWrite);
    if (!opened)
        return fail(p.command(), opened.error());
    CaseFile &caseFile = **opened;

    const bool json = p.isSet(u"json"_s);
    QJsonArray array;
    int rejected = 0;
    for (const QString &file : p.positionals().mid(1)) {
        QJsonObject item{{u"path"_s, file}};
        auto added = QFileInfo(file).isFile()
                         ? caseFile.addEvidence(file)
                         : Result<EvidenceAdded>(makeError(
                               ErrorCode::NotFound, DossierCli::tr("file not found: %1").arg(file)));
        if (!added) {
            ++rejected;
            err(u"dossier-cli add: "_s + added.error().toString());
            item.insert(u"status"_s, u"rejected"_s);
            item.insert(u"error"_s, added.error().toString());
        } else {
            const QString status = added->duplicate ? u"duplicate"_s : u"added"_s;
            item.insert(u"id"_s, added->id);
            item.insert(u"sha256"_s, added->sha256);
            item.insert(u"size"_s, added->size);
            item.insert(u"status"_s, status);
            item.insert(u"error"_s, QJsonValue::Null);
            if (!json)
                out(added->sha256 + u"  "_s + QString::number(added->size) + u"  "_s + status
                    + u"  "_s + file);
        }
        array.append(item);
    }
    if (json)
        outJson(array);
    Log::logger()->info("add: {} files, {} rejected", array.size(), rejected);
    return rejected > 0 ? ExitPartial : ExitOk;
}

int runImport(const QStringList &args)
{
    Parser p(u"import"_s,
             DossierCli::tr("Import files and folders (call logs, SMS, chat exports, contacts, "
                      "screenshots, recordings). Each file lands whole or not at all."));
    p.positional(u"case"_s, caseArgumentHelp());
    p.positional(u"paths"_s, DossierCli::tr("Files or folders to import."), u"PATH..."_s);
    p.option(u"format"_s, DossierCli::tr("Read every file as this format instead of detecting it."),
             u"format"_s);
    p.option(u"platform"_s, DossierCli::tr("Lender or collection agency these records concern."),
             u"name"_s);
    p.option(u"json"_s, DossierCli::tr("Print a JSON array on stdout."));
    if (auto stop = p.parse(args, 2))
        return *stop;

    Import::RunOptions options;
    if (p.isSet(u"format"_s)) {
        options.format = p.value(u"format"_s);
        if (!Import::importerFor(options.format)) {
            QStringList known;
            for (const auto &importer : Import::allImporters())
                known << importer->format();
            return usageError(p.command(), DossierCli::tr("unknown format: %1 (known formats: %2)")
                                               .arg(options.format, known.join(u", "_s)));
        }
    }
    options.platform = p.value(u"platform"_s);

    auto opened = openCase(p.positionals().at(0), CaseFile::Mode::ReadWrite);
    if (!opened)
        return fail(p.command(), opened.error());

    const bool showProgress = stderrIsTerminal();
    if (showProgress) {
        options.progress = [](int file, int files, qint64 done, qint64 total) {
            const int percent = total > 0 ? int(done * 100 / total) : 0;
            err(u"\r"_s + DossierCli::tr("Importing file %1 of %2: %3%").arg(file + 1).arg(files).arg(percent)
                    + u"   "_s,
                false);
            return true;
        };
    }
    const QList<Import::FileOutcome> outcomes
        = Import::importPaths(**opened, p.positionals().mid(1), options);
    if (showProgress)
        err(u"\r"_s + QString(60, u' ') + u"\r"_s, false);

    const bool json = p.isSet(u"json"_s);
    QJsonArray array;
    int rejected = 0;
    for (const Import::FileOutcome &outcome : outcomes) {
        QJsonObject item;
        item.insert(u"path"_s, outcome.path);
        item.insert(u"format"_s, outcome.format.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                          : QJsonValue(outcome.format));
        item.insert(u"added"_s, outcome.counts.added);
        item.insert(u"duplicates"_s, outcome.counts.duplicates);
        item.insert(u"rejected"_s, outcome.counts.rejected);
        item.insert(u"error"_s, outcome.error ? QJsonValue(outcome.error->toString())
                                              : QJsonValue(QJsonValue::Null));
        item.insert(u"warnings"_s, QJsonArray::fromStringList(outcome.counts.warnings));
        array.append(item);

        if (outcome.error) {
            ++rejected;
            err(u"dossier-cli import: "_s + outcome.error->toString());
            continue;
        }
        for (const QString &warning : outcome.counts.warnings)
            err(u"dossier-cli import: "_s + outcome.path + u": "_s + warning);
        if (!json) {
            out(DossierCli::tr("%1: %2, %3 added, %4 duplicates, %5 rejected")
                    .arg(outcome.path, outcome.format)
                    .arg(outcome.counts.added)
                    .arg(outcome.counts.duplicates)
                    .arg(outcome.counts.rejected));
        }
    }
    if (json)
        outJson(array);
    if (outcomes.isEmpty()) {
        err(u"dossier-cli import: "_s + DossierCli::tr("nothing to import in %1")
                                             .arg(p.positionals().mid(1).join(u", "_s)));
        return ExitPartial;
    }
    Log::logger()->info("import: {} files, {} rejected", outcomes.size(), rejected);
    return rejected > 0 ? ExitPartial : ExitOk;
}

int runLog(const QStringList &args)
{
    Parser p(u"log"_s, DossierCli::tr("Log an incident by hand. Prints the new event id."));
    p.positional(u"case"_s, caseArgumentHelp());
    p.option(u"at"_s, DossierCli::tr("When it happened: \"YYYY-MM-DD HH:MM[:SS]\" in the case time zone."),
             u"time"_s);
    p.option(u"kind"_s, DossierCli::tr("What happened: %1.").arg(incidentTypes().join(u", "_s)),
             u"kind"_s);
    p.option(u"number"_s, DossierCli::tr("A phone number involved (repeatable)."), u"number"_s);
    p.option(u"contact"_s,
             DossierCli::tr("One of your contacts who was reached, by name (repeatable)."), u"name"_s);
    p.option(u"platform"_s, DossierCli::tr("Lender or collection agency."), u"name"_s);
    p.option(u"text"_s, DossierCli::tr("What was said or done."), u"text"_s);
    p.option(u"attach"_s, DossierCli::tr("A file to store and link to the incident (repeatable)."),
             u"file"_s);
    if (auto stop = p.parse(args, 1, 1))
        return *stop;

    if (!p.isSet(u"at"_s))
        return usageError(p.command(), DossierCli::tr("--at is required"));
    if (!p.isSet(u"kind"_s))
        return usageError(p.command(), DossierCli::tr("--kind is required"));
    const QString kind = p.value(u"kind"_s);
    if (!incidentTypes().contains(kind)) {
        return usageError(p.command(), DossierCli::tr("invalid --kind: %1 (expected one of: %2)")
                                           .arg(kind, incidentTypes().join(u", "_s)));
    }
    const QString atText = p.value(u"at"_s);
    if (!parseUserTime(atText, QTimeZone::utc())) {
        return usageError(p.command(),
                          DossierCli::tr("invalid --at time: %1 (expected YYYY-MM-DD HH:MM[:SS])")
                              .arg(atText));
    }
    for (const QString &file : p.values(u"attach"_s)) {
        if (!QFileInfo(file).isFile())
            return usageError(p.command(), DossierCli::tr("attachment not found: %1").arg(file));
    }

    auto opened = openCase(p.positionals().at(0), CaseFile::Mode::ReadWrite);
    if (!opened)
        return fail(p.command(), opened.error());
    CaseFile &caseFile = **opened;

    IncidentInput incident;
    incident.at = *parseUserTime(atText, caseFile.info().zone);
    incident.incidentType = kind;
    incident.numbers = p.values(u"number"_s);
    incident.contacts = p.values(u"contact"_s);
    incident.platform = p.value(u"platform"_s);
    incident.text = p.value(u"text"_s);
    incident.attachPaths = p.values(u"attach"_s);
    auto id = caseFile.logIncident(incident);
    if (!id)
        return fail(p.command(), id.error());
    out(QString::number(*id));
    Log::logger()->info("log: incident {} of type {} with {} numbers, {} attachments", *id,
                        kind.toStdString(), incident.numbers.size(), incident.attachPaths.size());
    return ExitOk;
}

int runEvents(const QStringList &args)
{
    Parser p(u"events"_s, DossierCli::tr("List events (calls, messages, incidents), oldest first."));
    p.positional(u"case"_s, caseArgumentHelp());
    p.option(u"json"_s, DossierCli::tr("Print a JSON array on stdout."));
    p.option(u"from"_s, DossierCli::tr("From this day or time (YYYY-MM-DD [HH:MM[:SS]]), inclusive."),
             u"time"_s);
    p.option(u"to"_s, DossierCli::tr("Up to this day or time, inclusive (a date means the whole day)."),
             u"time"_s);
    p.option(u"number"_s, DossierCli::tr("Only events with this number (any formatting)."),
             u"number"_s);
    p.option(u"channel"_s,
             DossierCli::tr("Only this channel: phone, sms, mms, wechat, qq, whatsapp, telegram, other."),
             u"channel"_s);
    p.option(u"search"_s, DossierCli::tr("Only events whose text contains this."), u"text"_s);
    p.option(u"limit"_s, DossierCli::tr("At most this many events."), u"n"_s);
    if (auto stop = p.parse(args, 1, 1))
        return *stop;

    EventFilter filter;
    if (p.isSet(u"channel"_s)) {
        const auto channel = channelFromString(p.value(u"channel"_s));
        if (!channel) {
            return usageError(p.command(),
                              DossierCli::tr("invalid --channel: %1").arg(p.value(u"channel"_s)));
        }
        filter.channel = channel;
    }
    if (p.isSet(u"limit"_s)) {
        bool ok = false;
        filter.limit = p.value(u"limit"_s).toInt(&ok);
        if (!ok || filter.limit < 0)
            return usageError(p.command(), DossierCli::tr("invalid --limit: %1").arg(p.value(u"limit"_s)));
    }
    for (const QString &name : {u"from"_s, u"to"_s}) {
        if (p.isSet(name) && !parseUserTime(p.value(name), QTimeZone::utc())) {
            return usageError(p.command(), DossierCli::tr("invalid --%1 time: %2 (expected YYYY-MM-DD "
                                                    "or YYYY-MM-DD HH:MM[:SS])")
                                               .arg(name, p.value(name)));
        }
    }
    filter.number = p.value(u"number"_s);
    filter.search = p.value(u"search"_s);

    auto opened = openCase(p.positionals().at(0), CaseFile::Mode::ReadOnly);
    if (!opened)
        return fail(p.command(), opened.error());
    const QTimeZone zone = (*opened)->info().zone;
    if (p.isSet(u"from"_s))
        filter.fromUtcMs = parseBound(p.value(u"from"_s), zone, false);
    if (p.isSet(u"to"_s))
        filter.toUtcMs = parseBound(p.value(u"to"_s), zone, true);

    auto events = (*opened)->events(filter);
    if (!events)
        return fail(p.command(), events.error());
    if (p.isSet(u"json"_s)) {
        QJsonArray array;
        for (const EventRow &row : *events)
            array.append(eventToJson(row, zone));
        outJson(array);
    } else {
        for (const EventRow &row : *events) {
            const QString number = row.e164.isEmpty() ? row.rawNumber : row.e164;
            QStringList cells{u'#' + QString::number(row.id), isoInZone(row.utcMs, zone),
                              toString(row.kind), toString(row.channel), toString(row.direction),
                              number.isEmpty() ? u"-"_s : number};
            if (!row.counterpart.isEmpty())
                cells << row.counterpart;
            if (row.durationS)
                cells << DossierCli::tr("%1 s").arg(*row.durationS);
            if (!row.text.isEmpty())
                cells << oneLine(row.text);
            out(cells.join(u"  "_s));
        }
    }
    return ExitOk;
}

int runNumbers(const QStringList &args)
{
    Parser p(u"numbers"_s, DossierCli::tr("List the phone numbers seen in the case, busiest first."));
    p.positional(u"case"_s, caseArgumentHelp());
    p.option(u"json"_s, DossierCli::tr("Print a JSON array on stdout."));
    if (auto stop = p.parse(args, 1, 1))
        return *stop;

    auto opened = openCase(p.positionals().at(0), CaseFile::Mode::ReadOnly);
    if (!opened)
        return fail(p.command(), opened.error());
    const QTimeZone zone = (*opened)->info().zone;
    auto numbers = (*opened)->numbers();
    if (!numbers)
        return fail(p.command(), numbers.error());
    if (p.isSet(u"json"_s)) {
        QJsonArray array;
        for (const NumberRow &row : *numbers)
            array.append(numberToJson(row, zone));
        outJson(array);
        return ExitOk;
    }
    for (const NumberRow &row : *numbers) {
        QStringList cells{row.e164.isEmpty() ? row.raw : row.e164, row.type};
        if (!row.locationZh.isEmpty())
            cells << row.locationZh;
        if (!row.carrier.isEmpty())
            cells << row.carrier;
        if (!row.label.isEmpty())
            cells << row.label;
        cells << DossierCli::tr("%n event(s)", nullptr, row.events);
        if (row.firstUtcMs && row.lastUtcMs)
            cells << isoInZone(*row.firstUtcMs, zone) + u" .. "_s + isoInZone(*row.lastUtcMs, zone);
        out(cells.join(u"  "_s));
    }
    return ExitOk;
}

int runStats(const QStringList &args)
{
    Parser p(u"stats"_s, DossierCli::tr("Show counts: events, calls, messages, incidents, per day."));
    p.positional(u"case"_s, caseArgumentHelp());
    p.option(u"json"_s, DossierCli::tr("Print a JSON object on stdout."));
    if (auto stop = p.parse(args, 1, 1))
        return *stop;

    auto opened = openCase(p.positionals().at(0), CaseFile::Mode::ReadOnly);
    if (!opened)
        return fail(p.command(), opened.error());
    const QTimeZone zone = (*opened)->info().zone;
    auto stats = (*opened)->stats();
    if (!stats)
        return fail(p.command(), stats.error());
    if (p.isSet(u"json"_s)) {
        outJson(statsToJson(*stats, zone));
        return ExitOk;
    }
    out(DossierCli::tr("Events: %1 (calls %2, messages %3, incidents %4)")
            .arg(stats->events)
            .arg(stats->calls)
            .arg(stats->messages)
            .arg(stats->incidents));
    out(DossierCli::tr("Numbers: %1").arg(stats->numbers));
    out(DossierCli::tr("Evidence files: %1").arg(stats->evidence));
    out(DossierCli::tr("Contacts reached: %1").arg(stats->contactsReached));
    if (stats->firstUtcMs && stats->lastUtcMs) {
        out(DossierCli::tr("From %1 to %2")
                .arg(isoInZone(*stats->firstUtcMs, zone), isoInZone(*stats->lastUtcMs, zone)));
    }
    for (const auto &[day, count] : stats->byDay)
        out(u"  "_s + day + u"  "_s + QString::number(count));
    return ExitOk;
}

int runVerify(const QStringList &args)
{
    Parser p(u"verify"_s,
             DossierCli::tr("Re-hash every stored original and check every record and the audit chain."));
    p.positional(u"case"_s, caseArgumentHelp());
    p.option(u"json"_s, DossierCli::tr("Print a JSON object on stdout."));
    if (auto stop = p.parse(args, 1, 1))
        return *stop;

    auto opened = openCase(p.positionals().at(0), CaseFile::Mode::ReadOnly);
    if (!opened)
        return fail(p.command(), opened.error());
    ProgressFn progress;
    const bool showProgress = stderrIsTerminal();
    if (showProgress) {
        progress = [](qint64 done, qint64 total) {
            err(u"\r"_s + DossierCli::tr("Verifying: %1%").arg(total > 0 ? done * 100 / total : 0)
                    + u"   "_s,
                false);
            return true;
        };
    }
    auto report = (*opened)->verify(progress);
    if (showProgress)
        err(u"\r"_s + QString(40, u' ') + u"\r"_s, false);
    if (!report)
        return fail(p.command(), report.error());

    if (p.isSet(u"json"_s)) {
        QJsonArray problems;
        for (const VerifyProblem &problem : report->problems)
            problems.append(QJsonObject{{u"item"_s, problem.item}, {u"reason"_s, problem.reason}});
        outJson(QJsonObject{{u"ok"_s, report->ok()},
                            {u"evidence_checked"_s, report->evidenceChecked},
                            {u"events_checked"_s, report->eventsChecked},
                            {u"audit_entries"_s, report->auditEntries},
                            {u"audit_head"_s, report->auditHead},
                            {u"problems"_s, problems}});
    } else {
        for (const VerifyProblem &problem : report->problems)
            out(DossierCli::tr("MISMATCH %1: %2").arg(problem.item, problem.reason));
        out(DossierCli::tr("Checked %1 evidence files, %2 events, %3 audit entries.")
                .arg(report->evidenceChecked)
                .arg(report->eventsChecked)
                .arg(report->auditEntries));
        out(DossierCli::tr("Audit head: %1").arg(report->auditHead));
        if (report->ok())
            out(DossierCli::tr("Intact: nothing was changed."));
        else
            out(DossierCli::tr("%n problem(s) found.", nullptr, int(report->problems.size())));
    }
    if (!report->ok())
        err(u"dossier-cli verify: "_s
            + DossierCli::tr("%n problem(s) found.", nullptr, int(report->problems.size())));
    Log::logger()->info("verify: {} problems", report->problems.size());
    return report->ok() ? ExitOk : ExitMismatch;
}

int runNotYet(const QStringList &args)
{
    const QString command = args.value(1);
    err(u"dossier-cli "_s + command + u": "_s
        + DossierCli::tr("not available yet in this version of Dossier (%1)")
              .arg(QStringLiteral(DOSSIER_VERSION)));
    return ExitUsage;
}

} // namespace Dossier::Cli
