// SPDX-License-Identifier: GPL-3.0-or-later
// Child program for tst_casefilecrash: writes incidents, evidence and small imports into a case
// in a loop and prints each committed item (flushed right after the commit) until it is killed.
// Usage: casefile_crashwriter CASE WORKDIR

#include <unistd.h>

#include <cstdio>

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QRandomGenerator>

#include "casefile/casefile.h"

using namespace Qt::StringLiterals;
using namespace Dossier;

namespace {

void say(const QByteArray &line)
{
    std::fputs(line.constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

int failWith(const Error &e)
{
    std::fprintf(stderr, "%s\n", qPrintable(e.toString()));
    return 3;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 3) {
        std::fprintf(stderr, "usage: casefile_crashwriter CASE WORKDIR\n");
        return 2;
    }
    const QString casePath = QString::fromLocal8Bit(argv[1]);
    const QString work = QString::fromLocal8Bit(argv[2]);
    auto opened = CaseFile::open(casePath);
    if (!opened)
        return failWith(opened.error());
    CaseFile &c = *opened.value();
    {
        // Warm up libphonenumber so the parent's random kill lands while writing, not loading.
        EventFilter warm;
        warm.number = u"13800138000"_s;
        if (auto r = c.events(warm); !r)
            return failWith(r.error());
    }
    say("ready");
    const qint64 pid = getpid();
    QRandomGenerator gen{quint32(pid)};
    for (int i = 0;; ++i) {
        IncidentInput in;
        in.at = SourceTime{QDateTime::currentMSecsSinceEpoch(), 8 * 3600};
        in.incidentType = u"call"_s;
        in.numbers = {u"1380013%1"_s.arg(gen.bounded(10000), 4, 10, QChar(u'0'))};
        in.text = u"第%1次骚扰电话 (进程 %2)"_s.arg(i).arg(pid);
        if (i % 3 == 0)
            in.contacts = {u"妈妈"_s};
        auto id = c.logIncident(in);
        if (!id)
            return failWith(id.error());
        say("incident " + QByteArray::number(id.value()));

        const QString file = work + u"/ev-%1-%2.bin"_s.arg(pid).arg(i);
        {
            QByteArray bytes(int(64 * 1024 + gen.bounded(1536 * 1024)), Qt::Uninitialized);
            for (qsizetype k = 0; k < bytes.size(); k += 4)
                *reinterpret_cast<quint32 *>(bytes.data() + k) = gen.generate();
            QFile f(file);
            if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
                return 4;
        }
        auto ev = c.addEvidence(file);
        if (!ev)
            return failWith(ev.error());
        QFile::remove(file);
        say("evidence " + ev->sha256.toLatin1());

        if (i % 4 == 0) {
            const QString log = work + u"/calls-%1-%2.csv"_s.arg(pid).arg(i);
            {
                QFile f(log);
                if (!f.open(QIODevice::WriteOnly))
                    return 4;
                f.write("pid " + QByteArray::number(pid) + " run " + QByteArray::number(i));
            }
            auto session = c.beginImport(log, u"test"_s);
            if (!session)
                return failWith(session.error());
            for (int k = 0; k < 50; ++k) {
                EventRecord e;
                e.kind = EventKind::Call;
                e.channel = Channel::Phone;
                e.direction = Direction::Missed;
                e.at = SourceTime{QDateTime::currentMSecsSinceEpoch() - k * 1000, 8 * 3600};
                e.rawNumber = u"1700000%1"_s.arg(k, 4, 10, QChar(u'0'));
                e.locator = u"line %1"_s.arg(k + 1);
                e.conversation = u"进程 %1 第 %2 轮"_s.arg(pid).arg(i); // unique per run
                if (auto r = session.value()->addEvent(e); !r)
                    return failWith(r.error());
            }
            auto counts = session.value()->commit();
            if (!counts)
                return failWith(counts.error());
            QFile::remove(log);
            say("import " + QByteArray::number(counts->added));
        }
    }
}
