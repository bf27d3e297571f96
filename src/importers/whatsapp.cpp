// SPDX-License-Identifier: GPL-3.0-or-later
// WhatsApp "Export chat": Android and iOS .txt, and the .zip with _chat.txt plus media.
#include <zip.h>

#include <QCoreApplication>
#include <QFileInfo>
#include <QHash>
#include <QIODevice>
#include <QJsonArray>
#include <QMimeDatabase>
#include <QStringDecoder>

#include "common/textdecode.h"
#include "common/timeutil.h"
#include "importers/dayzonecache.h"
#include "importers/formats.h"

using namespace Qt::StringLiterals;

namespace Dossier::Import {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Dossier", text);
}

constexpr qint64 PROGRESS_STEP = 1024 * 1024;
// One message may span many lines, but not the whole of a huge file.
constexpr qsizetype MAX_MESSAGE_CHARS = 16 * 1024 * 1024;
// A header fits in this many characters (date, time, marker, brackets, separator).
constexpr int HEADER_SCAN = 48;

bool isMark(char16_t c)
{
    return c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E)
           || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
}

inline bool needsCleaning(char16_t c)
{
    return c == 0x00A0 || (c >= 0x200E && c <= 0x202F) || (c >= 0x2066 && c <= 0x2069)
           || c == 0xFEFF;
}

/// Text without the marks that only disturb matching; no-break spaces become spaces.
QString forMatching(QStringView text)
{
    bool clean = true;
    for (const QChar ch : text) {
        if (needsCleaning(ch.unicode())) {
            clean = false;
            break;
        }
    }
    if (clean)
        return text.toString();
    QString out;
    out.reserve(text.size());
    for (const QChar ch : text) {
        const char16_t c = ch.unicode();
        if (isMark(c))
            continue;
        out.append(c == 0x00A0 || c == 0x202F ? QChar(u' ') : ch);
    }
    return out;
}

/// What the header of one message says.
struct Header
{
    int field[3] = {0, 0, 0};
    int digits[3] = {0, 0, 0};
    bool buddhist = false;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int ampm = 0; ///< 0 none, 1 AM, 2 PM
    bool bracket = false;
    bool leadingMark = false; ///< iOS puts U+200E before '[' on media lines
    qsizetype restStart = 0;  ///< index in the original line where "author: body" starts
};

/// Cheap test before the real parse: a header starts with a digit, '[' or a mark.
inline bool mayBeHeader(const QString &line)
{
    if (line.isEmpty())
        return false;
    const char16_t c = line.front().unicode();
    if (c >= u'0' && c <= u'9')
        return true;
    if (c == u'[' || isMark(c))
        return true;
    return c >= 0x0660 && QChar(c).isDigit(); // Arabic-Indic and other digits
}

/// Matches a 12-hour marker at `p` in `s` (normalised); returns 1 AM, 2 PM, 0 none; sets `len`.
int matchAmPm(const char16_t *s, int n, int p, int &len)
{
    if (p >= n)
        return 0;
    const char16_t c = s[p];
    if (p + 1 < n) {
        const char16_t d = s[p + 1];
        if ((c == u'上' || c == u'前') && d == u'午') {
            len = 2;
            return 1;
        }
        if (c == u'下' && d == u'午') {
            len = 2;
            return 2;
        }
        if (c == u'午' && d == u'前') {
            len = 2;
            return 1;
        }
        if (c == u'午' && d == u'後') {
            len = 2;
            return 2;
        }
    }
    if (c == 0x0635 || c == 0x0645) { // Arabic ص (AM) / م (PM)
        len = 1;
        return c == 0x0635 ? 1 : 2;
    }
    const char16_t lower = c | 0x20;
    if (lower != u'a' && lower != u'p')
        return 0;
    // a / a. / a. m. / a.m. / am
    int q = p + 1;
    if (q < n && s[q] == u'.')
        ++q;
    if (q < n && s[q] == u' ' && q > p + 1)
        ++q;
    if (q >= n || (s[q] | 0x20) != u'm')
        return 0;
    ++q;
    if (q < n && s[q] == u'.')
        ++q;
    if (q < n && QChar(s[q]).isLetter())
        return 0;
    len = q - p;
    return lower == u'a' ? 1 : 2;
}

/// Parses a message header at the start of `line`. No regular expression: this runs per line.
bool parseHeader(const QString &line, Header &h)
{
    char16_t buf[HEADER_SCAN];
    qsizetype map[HEADER_SCAN + 1];
    int n = 0;
    const qsizetype len = line.size();
    qsizetype i = 0;
    bool sawNonMark = false;
    for (; i < len && n < HEADER_SCAN; ++i) {
        char16_t c = line.at(i).unicode();
        if (isMark(c)) {
            if (!sawNonMark)
                h.leadingMark = true;
            continue;
        }
        sawNonMark = true;
        if (c == 0x00A0 || c == 0x202F || c == 0x2009 || c == u'\t')
            c = u' ';
        else if (c >= 0x0660 && c < 0x3000 && QChar(c).isDigit())
            c = char16_t(u'0' + QChar(c).digitValue());
        else if (c == 0x060C) // Arabic comma
            c = u',';
        map[n] = i;
        buf[n++] = c;
    }
    map[n] = i;

    int p = 0;
    const auto digit = [&](int at) { return at < n && buf[at] >= u'0' && buf[at] <= u'9'; };
    const auto number = [&](int &value, int &count, int maxDigits) {
        value = 0;
        count = 0;
        while (digit(p) && count < maxDigits) {
            value = value * 10 + (buf[p] - u'0');
            ++count;
            ++p;
        }
        return count > 0 && !digit(p);
    };
    const auto skipSpaces = [&] {
        while (p < n && buf[p] == u' ')
            ++p;
    };

    if (p < n && buf[p] == u'[') {
        h.bracket = true;
        ++p;
    }
    // Date: three numbers separated by / . or - (a space may follow a separator).
    for (int f = 0; f < 3; ++f) {
        if (!number(h.field[f], h.digits[f], 4))
            return false;
        if (f < 2) {
            if (p >= n || (buf[p] != u'/' && buf[p] != u'.' && buf[p] != u'-'))
                return false;
            ++p;
            if (p < n && buf[p] == u' ')
                ++p;
        }
    }
    // One 4-digit year at most, the others 1-2 digits.
    int longFields = 0;
    for (int f = 0; f < 3; ++f) {
        if (h.digits[f] == 3)
            return false;
        longFields += h.digits[f] == 4;
    }
    if (longFields > 1)
        return false;
    const int dateEnd = p;
    if (p < n && buf[p] == u'.') // "13. 6. 2018."
        ++p;
    skipSpaces();
    if (p + 1 < n && buf[p] == u'B' && buf[p + 1] == u'E') { // Buddhist era
        h.buddhist = true;
        p += 2;
    }
    if (p < n && buf[p] == u',')
        ++p;
    skipSpaces();
    if (p == dateEnd || buf[p - 1] == u'.')
        return false; // date and time must be apart: "1.2.2020 10:00", not "1.2.2020.10:00"
    // A word may stand between date and time: "klo", "um", or a marker such as 下午.
    if (!digit(p)) {
        int markerLen = 0;
        const int marker = matchAmPm(buf, n, p, markerLen);
        if (marker != 0) {
            h.ampm = marker;
            p += markerLen;
        } else {
            const int start = p;
            while (p < n && !digit(p) && p - start < 6 && buf[p] != u'-' && buf[p] != u']'
                   && buf[p] != u':')
                ++p;
            if (!digit(p) && !(p < n && buf[p] == u' '))
                return false;
        }
        skipSpaces();
    }
    int count = 0;
    if (!number(h.hour, count, 2))
        return false;
    if (p >= n || (buf[p] != u':' && buf[p] != u'.'))
        return false;
    ++p;
    if (!number(h.minute, count, 2) || count != 2)
        return false;
    if (p + 1 < n && (buf[p] == u':' || buf[p] == u'.') && digit(p + 1)) {
        ++p;
        if (!number(h.second, count, 2) || count != 2)
            return false;
    }
    // Optional 12-hour marker after the time: " AM", "_AM", " a. m.", "pm".
    {
        int q = p;
        while (q < n && (buf[q] == u' ' || buf[q] == u'_'))
            ++q;
        int markerLen = 0;
        const int marker = matchAmPm(buf, n, q, markerLen);
        if (marker != 0) {
            h.ampm = marker;
            p = q + markerLen;
        }
    }
    // Separator before the author: "] ", " - ", or ": ".
    if (h.bracket) {
        if (p >= n || buf[p] != u']')
            return false;
        ++p;
        if (p < n && buf[p] != u' ')
            return false;
        if (p < n)
            ++p;
    } else {
        skipSpaces();
        if (p >= n)
            return false;
        if (buf[p] == u'-' || buf[p] == u':') {
            ++p;
            if (p < n && buf[p] != u' ')
                return false;
            if (p < n)
                ++p;
        } else {
            return false;
        }
    }
    h.restStart = map[p];
    return true;
}

/// Day/month order of a file's dates, inferred from the whole file.
enum class DateOrder
{
    DayFirst,
    MonthFirst
};

struct OrderEvidence
{
    qint64 dayFirstLines = 0;   ///< headers whose first field is above 12
    qint64 monthFirstLines = 0; ///< headers whose second field is above 12
    qint64 yearLastHeaders = 0;
    bool twelveHour = false;
    bool emptyFile = true;

    bool settled() const { return dayFirstLines > 0 || monthFirstLines > 0; }

    void add(const Header &h)
    {
        if (h.ampm)
            twelveHour = true;
        if (h.digits[0] == 4)
            return; // year first: always y/m/d
        ++yearLastHeaders;
        const int a = h.field[0];
        const int b = h.digits[1] == 4 ? h.field[2] : h.field[1];
        if (a > 12 && b <= 12)
            ++dayFirstLines;
        else if (b > 12 && a <= 12)
            ++monthFirstLines;
    }
};

bool looksLikePhoneNumber(QStringView s)
{
    if (s.isEmpty() || !(s.front() == u'+' || s.front().isDigit()))
        return false;
    int digits = 0;
    for (const QChar c : s) {
        if (c.isDigit())
            ++digits;
        else if (c != u' ' && c != u'-' && c != u'(' && c != u')' && c != u'.' && c != u'/'
                 && c != u'+')
            return false;
    }
    return digits >= 5;
}

QString digitsOnly(QStringView s)
{
    QString out;
    for (const QChar c : s) {
        if (c.isDigit())
            out.append(QChar(u'0' + c.digitValue()));
    }
    return out;
}

/// The author as a name: marks stripped, the iOS "~ " (not in contacts) prefix dropped.
QString cleanAuthor(QStringView raw)
{
    QString author = forMatching(raw).trimmed();
    if (author.startsWith(u'~'))
        author = author.mid(1).trimmed();
    return author;
}

/// The chat name from the export's file name, when it has a known shape.
QString conversationFromFileName(const QString &path)
{
    const QString base = QFileInfo(path).completeBaseName();
    struct Shape
    {
        QString prefix;
        QString suffix;
    };
    static const QList<Shape> shapes = {
        {u"WhatsApp Chat with "_s, {}},         {u"WhatsApp Chat - "_s, {}},
        {u"WhatsApp-Chat mit "_s, {}},          {u"Chat de WhatsApp con "_s, {}},
        {u"Conversa do WhatsApp com "_s, {}},   {u"Discussion WhatsApp avec "_s, {}},
        {u"Chat WhatsApp con "_s, {}},          {u"WhatsApp-chat met "_s, {}},
        {u"Чат WhatsApp с контактом "_s, {}},   {u"Чат WhatsApp с "_s, {}},
        {u"Chat WhatsApp s uživatelem "_s, {}}, {u"WhatsApp 聊天 - "_s, {}},
        {u"与"_s, u"的 WhatsApp 聊天"_s},       {u"与"_s, u"的WhatsApp聊天"_s},
        {u"和"_s, u"的 WhatsApp 聊天"_s},       {u"與"_s, u"的 WhatsApp 對話"_s},
    };
    for (const Shape &shape : shapes) {
        if (base.startsWith(shape.prefix) && base.endsWith(shape.suffix)
            && base.size() > shape.prefix.size() + shape.suffix.size()) {
            return base
                .mid(shape.prefix.size(), base.size() - shape.prefix.size() - shape.suffix.size())
                .trimmed();
        }
    }
    return {};
}

/// The file name in an iOS "<attached: NAME>" (also "<附件：NAME>"), anywhere in the line.
QString iosAttachment(const QString &matchText)
{
    if (!matchText.endsWith(u'>'))
        return {};
    const qsizetype open = matchText.lastIndexOf(u'<');
    if (open < 0)
        return {};
    const QStringView inner = QStringView(matchText).mid(open + 1, matchText.size() - open - 2);
    qsizetype colon = inner.indexOf(u':');
    if (colon < 0)
        colon = inner.indexOf(u'：');
    if (colon < 0)
        return {};
    const QString name = inner.mid(colon + 1).trimmed().toString();
    if (name.isEmpty() || !name.contains(u'.'))
        return {};
    return name;
}

/// The file name in an Android "IMG-20220323-WA0002.jpg (file attached)" line (any language).
QString androidAttachment(QStringView firstLine)
{
    if (!firstLine.endsWith(u')'))
        return {};
    const qsizetype space = firstLine.indexOf(u" ("_s);
    if (space <= 0)
        return {};
    const QStringView name = firstLine.left(space);
    const qsizetype dot = name.lastIndexOf(u'.');
    if (dot <= 0 || name.size() - dot - 1 < 2 || name.size() - dot - 1 > 4)
        return {};
    for (const QChar c : name) {
        if (c.isSpace())
            return {};
    }
    for (const QChar c : name.mid(dot + 1)) {
        if (!c.isLetterOrNumber())
            return {};
    }
    if (firstLine.indexOf(u'(', space + 2) >= 0)
        return {};
    return name.toString();
}

/// "<Media omitted>" and its translations: one angle-bracketed phrase on the first line.
bool isAndroidMediaOmitted(QStringView firstLine)
{
    if (firstLine.size() < 6 || firstLine.size() > 60 || !firstLine.startsWith(u'<')
        || !firstLine.endsWith(u'>'))
        return false;
    int letters = 0;
    for (const QChar c : firstLine.mid(1, firstLine.size() - 2)) {
        if (c == u':' || c == u'<' || c == u'>')
            return false;
        letters += c.isLetter();
    }
    return letters >= 4;
}

/// iOS "‎image omitted", "‎document omitted", ja "‎画像は含まれていません", zh
/// variants.
bool isIosMediaOmitted(const QString &matchText)
{
    static const QStringList endings
        = {u"omitted"_s, u"含まれていません"_s, u"已忽略"_s, u"已省略"_s, u"已略去"_s, u"未包含"_s};
    for (const QString &ending : endings) {
        if (matchText.endsWith(ending, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

QString mediaTypeFor(const QString &name)
{
    static const QMimeDatabase db;
    return db.mimeTypeForFile(name, QMimeDatabase::MatchExtension).name();
}

// ---------------------------------------------------------------------------------------------
// zip support

/// A libzip source reading a seekable QIODevice (the opened import file).
struct DeviceSource
{
    QIODevice *device = nullptr;
    zip_error_t error;
};

zip_int64_t deviceSourceCallback(void *userdata, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
    auto *src = static_cast<DeviceSource *>(userdata);
    QIODevice &dev = *src->device;
    switch (cmd) {
    case ZIP_SOURCE_OPEN:
        if (!dev.seek(0)) {
            zip_error_set(&src->error, ZIP_ER_SEEK, 0);
            return -1;
        }
        return 0;
    case ZIP_SOURCE_READ: {
        const qint64 n = dev.read(static_cast<char *>(data), qint64(len));
        if (n < 0) {
            zip_error_set(&src->error, ZIP_ER_READ, 0);
            return -1;
        }
        return n;
    }
    case ZIP_SOURCE_CLOSE:
    case ZIP_SOURCE_FREE:
        return 0;
    case ZIP_SOURCE_STAT: {
        auto *st = static_cast<zip_stat_t *>(data);
        zip_stat_init(st);
        st->size = zip_uint64_t(dev.size());
        st->valid |= ZIP_STAT_SIZE;
        return sizeof(zip_stat_t);
    }
    case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&src->error, data, len);
    case ZIP_SOURCE_SEEK: {
        const zip_int64_t offset = zip_source_seek_compute_offset(
            zip_uint64_t(dev.pos()), zip_uint64_t(dev.size()), data, len, &src->error);
        if (offset < 0)
            return -1;
        if (!dev.seek(offset)) {
            zip_error_set(&src->error, ZIP_ER_SEEK, 0);
            return -1;
        }
        return 0;
    }
    case ZIP_SOURCE_TELL:
        return dev.pos();
    case ZIP_SOURCE_SUPPORTS:
        return ZIP_SOURCE_SUPPORTS_SEEKABLE;
    default:
        zip_error_set(&src->error, ZIP_ER_OPNOTSUPP, 0);
        return -1;
    }
}

/// An open archive over the import device.
class ZipArchive final
{
  public:
    ZipArchive(const ZipArchive &) = delete;
    ZipArchive &operator=(const ZipArchive &) = delete;
    ZipArchive() { zip_error_init(&m_source.error); }
    ~ZipArchive()
    {
        if (m_zip)
            zip_discard(m_zip);
        zip_error_fini(&m_source.error);
    }

    bool open(QIODevice &device, QString &detail)
    {
        m_source.device = &device;
        zip_error_t error;
        zip_error_init(&error);
        zip_source_t *src = zip_source_function_create(deviceSourceCallback, &m_source, &error);
        if (!src) {
            detail = QString::fromUtf8(zip_error_strerror(&error));
            zip_error_fini(&error);
            return false;
        }
        m_zip = zip_open_from_source(src, ZIP_RDONLY, &error);
        if (!m_zip) {
            detail = QString::fromUtf8(zip_error_strerror(&error));
            zip_source_free(src);
            zip_error_fini(&error);
            return false;
        }
        zip_error_fini(&error);
        return true;
    }

    zip_t *handle() const { return m_zip; }

  private:
    DeviceSource m_source;
    zip_t *m_zip = nullptr;
};

/// One zip entry as a sequential read-only QIODevice (streams; never holds the whole entry).
class ZipEntryDevice final : public QIODevice
{
  public:
    ZipEntryDevice(zip_t *archive, zip_uint64_t index)
        : m_archive(archive)
        , m_index(index)
    {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(archive, index, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE))
            m_size = qint64(st.size);
    }
    ~ZipEntryDevice() override { close(); }

    bool open(OpenMode mode) override
    {
        if (mode != ReadOnly)
            return false;
        m_file = zip_fopen_index(m_archive, m_index, 0);
        if (!m_file) {
            setErrorString(QString::fromUtf8(zip_strerror(m_archive)));
            return false;
        }
        return QIODevice::open(mode);
    }
    void close() override
    {
        if (m_file) {
            zip_fclose(m_file);
            m_file = nullptr;
        }
        if (isOpen())
            QIODevice::close();
    }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override
    {
        return QIODevice::bytesAvailable() + std::max<qint64>(0, m_size - m_read);
    }
    qint64 entrySize() const { return m_size; }

  protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        if (!m_file)
            return -1;
        const zip_int64_t n = zip_fread(m_file, data, zip_uint64_t(maxSize));
        if (n < 0) {
            setErrorString(QString::fromUtf8(zip_file_strerror(m_file)));
            return -1;
        }
        m_read += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

  private:
    zip_t *m_archive;
    zip_uint64_t m_index;
    zip_file_t *m_file = nullptr;
    qint64 m_size = -1;
    qint64 m_read = 0;
};

// ---------------------------------------------------------------------------------------------

/// Everything one parse needs, so the .txt and .zip paths share the code.
class ChatParser final
{
  public:
    ChatParser(const QString &path, const ImportContext &context, ImportSink &sink)
        : m_path(path)
        , m_context(context)
        , m_sink(sink)
        , m_times(context.settings.zone)
    {
        m_conversation = conversationFromFileName(path);
        for (const QString &name : context.settings.own.names)
            m_ownNames << cleanAuthor(name).toCaseFolded();
        for (const QString &number : context.settings.own.numbers) {
            const QString digits = digitsOnly(number);
            if (digits.size() >= 5)
                m_ownNumbers << digits.right(11);
        }
    }

    /// Zip entries by file name, for "<attached: …>" lookups.
    void setArchive(zip_t *archive, QHash<QString, zip_uint64_t> entries)
    {
        m_archive = archive;
        m_entries = std::move(entries);
    }

    /// First pass: the date order (reads only as far as needed).
    Result<void> scanOrder(QIODevice &device, qint64 total, bool &scannedAll);
    /// Second pass: the messages.
    Result<void> parse(QIODevice &device, qint64 total, qint64 progressBase, qint64 progressSpan);

    QJsonObject metadata() const { return m_metadata; }

  private:
    struct Pending
    {
        Header header;
        QString line; ///< the header line
        QString text; ///< continuation lines, joined by '\n'
        qint64 lineNumber = 0;
        bool active = false;
    };

    Result<void> flush();
    Result<QString> storeAttachment(const QString &name, const QString &locator);
    Error lineError(qint64 line, const QString &message) const
    {
        return makeError(ErrorCode::Parse,
                         tr("%1, line %2: %3").arg(m_path).arg(line).arg(message));
    }
    Error notWhatsApp() const
    {
        return makeError(ErrorCode::Parse, tr("%1 is not a WhatsApp chat export: its first line "
                                              "is not a message header.")
                                               .arg(m_path));
    }
    bool isOwn(const QString &author) const;

    QString m_path;
    const ImportContext &m_context;
    ImportSink &m_sink;
    DayZoneCache m_times;
    QString m_conversation;
    QStringList m_ownNames;
    QStringList m_ownNumbers;
    DateOrder m_order = DateOrder::DayFirst;
    Pending m_pending;
    zip_t *m_archive = nullptr;
    QHash<QString, zip_uint64_t> m_entries;
    QHash<QString, QString> m_stored; ///< attachment name -> sha256
    qint64 m_messages = 0;
    qint64 m_system = 0;
    qint64 m_attachmentsStored = 0;
    bool m_sawIos = false;
    bool m_sawAndroid = false;
    QJsonObject m_metadata;
};

Result<void> ChatParser::scanOrder(QIODevice &device, qint64 total, bool &scannedAll)
{
    LineReader reader(device);
    OrderEvidence evidence;
    QString line;
    Header h;
    qint64 nextProgress = PROGRESS_STEP;
    bool first = true;
    scannedAll = false;
    while (reader.next(line)) {
        if (first) {
            if (line.isEmpty())
                continue;
            first = false;
            evidence.emptyFile = false;
            h = Header();
            if (!mayBeHeader(line) || !parseHeader(line, h))
                return notWhatsApp();
            evidence.add(h);
            if (evidence.settled())
                break;
            continue;
        }
        if (!mayBeHeader(line))
            continue;
        h = Header();
        if (!parseHeader(line, h))
            continue;
        evidence.add(h);
        if (evidence.settled())
            break;
        if (reader.bytesRead() >= nextProgress) {
            nextProgress = reader.bytesRead() + PROGRESS_STEP;
            if (m_context.progress && !m_context.progress(reader.bytesRead() / 2, total))
                return makeError(ErrorCode::Cancelled, tr("The import was cancelled."));
        }
    }
    if (reader.hasError()) {
        Error e = reader.error();
        e.message = m_path + u": "_s + e.message;
        return e;
    }
    if (evidence.emptyFile)
        return makeError(ErrorCode::Parse,
                         tr("%1 is not a WhatsApp chat export: the file is empty.").arg(m_path));
    QString how;
    if (evidence.dayFirstLines >= evidence.monthFirstLines && evidence.dayFirstLines > 0) {
        m_order = DateOrder::DayFirst;
        how = u"inferred from the dates"_s;
    } else if (evidence.monthFirstLines > 0) {
        m_order = DateOrder::MonthFirst;
        how = u"inferred from the dates"_s;
    } else if (evidence.yearLastHeaders == 0) {
        scannedAll = true;
        m_metadata.insert(u"dateOrder"_s, u"year/month/day"_s);
        m_metadata.insert(u"dateOrderBasis"_s, u"the year comes first"_s);
        m_metadata.insert(u"encoding"_s, reader.encoding());
        return {};
    } else {
        scannedAll = true;
        // No date settles it: phones showing 12-hour times are mostly set to US-style m/d.
        m_order = evidence.twelveHour ? DateOrder::MonthFirst : DateOrder::DayFirst;
        how = evidence.twelveHour
                  ? u"assumed month first: no date settles it and times are 12-hour"_s
                  : u"assumed day first: no date settles it and times are 24-hour"_s;
    }
    m_metadata.insert(u"dateOrder"_s,
                      m_order == DateOrder::DayFirst ? u"day/month/year"_s : u"month/day/year"_s);
    m_metadata.insert(u"dateOrderBasis"_s, how);
    m_metadata.insert(u"encoding"_s, reader.encoding());
    return {};
}

bool ChatParser::isOwn(const QString &author) const
{
    if (author.isEmpty())
        return false;
    if (m_ownNames.contains(author.toCaseFolded()))
        return true;
    if (!m_ownNumbers.isEmpty() && looksLikePhoneNumber(author)) {
        const QString digits = digitsOnly(author).right(11);
        for (const QString &own : m_ownNumbers) {
            if (digits.endsWith(own) || own.endsWith(digits))
                return digits.size() >= 5;
        }
    }
    return false;
}

Result<QString> ChatParser::storeAttachment(const QString &name, const QString &locator)
{
    if (const auto it = m_stored.constFind(name); it != m_stored.cend())
        return *it;
    const auto entry = m_entries.constFind(name);
    if (!m_archive || entry == m_entries.cend())
        return QString();
    ZipEntryDevice device(m_archive, *entry);
    if (!device.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io,
                         tr("%1: cannot read %2 from the archive.").arg(m_path, name),
                         device.errorString());
    AttachmentRecord record{name, mediaTypeFor(name), locator};
    Result<QString> sha = m_sink.addAttachment(record, device);
    if (!sha)
        return sha.error();
    m_stored.insert(name, *sha);
    ++m_attachmentsStored;
    return *sha;
}

Result<void> ChatParser::flush()
{
    if (!m_pending.active)
        return {};
    m_pending.active = false;
    const Header &h = m_pending.header;
    const QString &line = m_pending.line;
    const QString locator = numberedLocator(u"line ", m_pending.lineNumber);

    // Date: the 4-digit field is the year; otherwise the year comes last.
    int year = 0;
    int month = 0;
    int day = 0;
    if (h.digits[0] == 4) {
        year = h.field[0];
        month = h.field[1];
        day = h.field[2];
    } else {
        int a = h.field[0];
        int b = h.field[1];
        year = h.field[2];
        if (h.digits[1] == 4) { // "06/2018/13"
            b = h.field[2];
            year = h.field[1];
        }
        bool dayFirst = m_order == DateOrder::DayFirst;
        if (a > 12 && b <= 12)
            dayFirst = true;
        else if (b > 12 && a <= 12)
            dayFirst = false;
        day = dayFirst ? a : b;
        month = dayFirst ? b : a;
        if (year < 100)
            year += 2000;
    }
    if (h.buddhist || year > 2400)
        year -= 543;
    int hour = h.hour;
    if (h.ampm != 0 && hour <= 12) {
        if (h.ampm == 1 && hour == 12)
            hour = 0;
        else if (h.ampm == 2 && hour < 12)
            hour += 12;
    }
    const QDate date(year, month, day);
    const QTime time(hour, h.minute, h.second);
    if (!date.isValid() || !time.isValid()) {
        QString stamp = forMatching(QStringView(line).left(h.restStart)).trimmed();
        while (stamp.endsWith(u'-') || stamp.endsWith(u':') || stamp.endsWith(u' '))
            stamp.chop(1);
        return lineError(m_pending.lineNumber, (date.isValid() ? tr("\"%1\" is not a valid time.")
                                                               : tr("\"%1\" is not a valid date."))
                                                   .arg(stamp));
    }

    EventRecord event;
    event.kind = EventKind::Message;
    event.channel = Channel::WhatsApp;
    event.at = m_times.local(date, time);
    event.conversation = m_conversation;
    event.locator = locator;
    event.platform = m_context.platform;

    // "author: body"; without ": " it is an Android system line.
    const QStringView rest = QStringView(line).mid(h.restStart);
    qsizetype colon = rest.indexOf(u": "_s);
    QStringView author;
    QStringView body;
    bool hasAuthor = false;
    if (colon >= 0) {
        author = rest.left(colon);
        body = rest.mid(colon + 2);
        hasAuthor = true;
    } else if (rest.endsWith(u':') || rest.endsWith(u":."_s)) { // "Luke:", "John Doe:."
        colon = rest.lastIndexOf(u':');
        author = rest.left(colon);
        body = rest.mid(colon + 1);
        hasAuthor = !author.isEmpty() && !author.contains(u':');
        if (!hasAuthor)
            body = rest;
    } else {
        body = rest;
    }
    if (h.bracket)
        m_sawIos = true;
    else
        m_sawAndroid = true;

    bool bodyLeadingMark = false;
    while (!body.isEmpty() && (body.front() == QChar(0x200E) || body.front() == QChar(0x200F))) {
        body = body.mid(1);
        bodyLeadingMark = true;
    }
    QString text = body.toString();
    if (!m_pending.text.isNull()) {
        text += m_pending.text;
        m_pending.text = QString();
    }

    const QString firstLine = forMatching(body);
    bool system = !hasAuthor;
    QString media;
    QStringList attachmentNames;
    if (!system) {
        const bool iosSpecial = h.leadingMark || bodyLeadingMark || body.contains(QChar(0x200E));
        QString name
            = iosSpecial || firstLine.contains(u'<') ? iosAttachment(firstLine) : QString();
        if (name.isEmpty())
            name = androidAttachment(firstLine);
        if (!name.isEmpty()) {
            media = u"attached"_s;
            attachmentNames << name;
        } else if (isAndroidMediaOmitted(firstLine) || (iosSpecial && isIosMediaOmitted(firstLine))
                   || (h.leadingMark && bodyLeadingMark)) {
            media = u"omitted"_s;
        } else if (bodyLeadingMark) {
            system = true; // iOS: LRM-prefixed body without media is a system notice
        }
    }

    if (hasAuthor) {
        const QString name = cleanAuthor(author);
        event.counterpart = name;
        if (looksLikePhoneNumber(name))
            event.rawNumber = name;
        event.direction = system ? Direction::Unknown
                                 : (isOwn(name) ? Direction::Outgoing : Direction::Incoming);
    } else {
        event.direction = Direction::Unknown;
    }
    event.text = std::move(text);
    // Shared constant extras: building a JSON object per message costs more than parsing it.
    static const QJsonObject systemExtra{{u"system"_s, true}};
    static const QJsonObject omittedExtra{{u"media"_s, u"omitted"_s}};
    if (system) {
        event.extra = systemExtra;
        ++m_system;
    } else if (media == u"omitted"_s) {
        event.extra = omittedExtra;
    } else if (!media.isEmpty()) {
        event.extra.insert(u"media"_s, media);
        event.extra.insert(u"attachments"_s, QJsonArray::fromStringList(attachmentNames));
    }
    if (m_archive) {
        for (const QString &name : std::as_const(attachmentNames)) {
            Result<QString> sha = storeAttachment(name, locator);
            if (!sha)
                return sha.error();
            if (!sha->isEmpty())
                event.attachmentSha256 << *sha;
        }
    }
    ++m_messages;
    return m_sink.addEvent(std::move(event));
}

Result<void>
ChatParser::parse(QIODevice &device, qint64 total, qint64 progressBase, qint64 progressSpan)
{
    LineReader reader(device);
    QString line;
    qint64 nextProgress = PROGRESS_STEP;
    bool first = true;
    const auto scaled = [&](qint64 done) {
        return total > 0 ? progressBase + done * progressSpan / total : done;
    };
    while (reader.next(line)) {
        if (reader.bytesRead() >= nextProgress) {
            nextProgress = reader.bytesRead() + PROGRESS_STEP;
            if (m_context.progress && !m_context.progress(scaled(reader.bytesRead()), total))
                return makeError(ErrorCode::Cancelled, tr("The import was cancelled."));
        }
        Header h;
        if (mayBeHeader(line) && parseHeader(line, h)) {
            if (auto r = flush(); !r)
                return r;
            m_pending.header = h;
            m_pending.line = std::move(line);
            m_pending.text = QString();
            m_pending.lineNumber = reader.lineNumber();
            m_pending.active = true;
            first = false;
            continue;
        }
        if (first) {
            if (line.isEmpty())
                continue;
            return notWhatsApp();
        }
        if (m_pending.text.size() + line.size() > MAX_MESSAGE_CHARS)
            return lineError(
                reader.lineNumber(),
                tr("the message that starts on line %1 is too long.").arg(m_pending.lineNumber));
        if (m_pending.text.isNull())
            m_pending.text = u""_s;
        m_pending.text += u'\n';
        m_pending.text += line;
    }
    if (reader.hasError()) {
        Error e = reader.error();
        e.message = m_path + u": "_s + e.message;
        return e;
    }
    if (first)
        return notWhatsApp();
    if (auto r = flush(); !r)
        return r;
    if (m_context.progress && !m_context.progress(scaled(total), total))
        return makeError(ErrorCode::Cancelled, tr("The import was cancelled."));

    m_metadata.insert(u"app"_s, u"WhatsApp"_s);
    m_metadata.insert(u"export"_s, m_sawIos && !m_sawAndroid   ? u"ios"_s
                                   : m_sawAndroid && !m_sawIos ? u"android"_s
                                                               : u"mixed"_s);
    m_metadata.insert(u"timeZone"_s, QString::fromUtf8(m_context.settings.zone.id()));
    m_metadata.insert(u"timeZoneBasis"_s,
                      u"WhatsApp exports carry no time zone; times read in the case zone"_s);
    m_metadata.insert(u"messages"_s, m_messages);
    m_metadata.insert(u"systemMessages"_s, m_system);
    if (!m_conversation.isEmpty())
        m_metadata.insert(u"conversation"_s, m_conversation);
    if (m_archive)
        m_metadata.insert(u"attachmentsStored"_s, m_attachmentsStored);
    if (reader.hadInvalidBytes())
        m_metadata.insert(u"invalidBytes"_s, true);
    return {};
}

bool isZip(const QByteArray &head)
{
    return head.startsWith("PK\x03\x04") || head.startsWith("PK\x05\x06");
}

/// Decodes up to `maxLines` leading lines of a 64 KiB head for sniffing.
QStringList headLines(const QByteArray &head, int maxLines)
{
    QStringDecoder decoder(detectTextEncoding(head).toLatin1().constData());
    QString text = decoder.decode(head);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    QStringList lines;
    qsizetype pos = 0;
    while (lines.size() < maxLines && pos < text.size()) {
        qsizetype nl = text.indexOf(u'\n', pos);
        if (nl < 0) {
            // The last line may be cut off by the 64 KiB limit; keep it only if it is whole.
            if (text.size() < 65536 / 2)
                lines << text.mid(pos);
            break;
        }
        QString line = text.mid(pos, nl - pos);
        if (line.endsWith(u'\r'))
            line.chop(1);
        lines << line;
        pos = nl + 1;
    }
    return lines;
}

class WhatsAppImporter final : public Importer
{
  public:
    QString format() const override { return u"whatsapp"_s; }
    QString displayName() const override { return tr("WhatsApp chat export (.txt, .zip)"); }

    int sniff(const QString &fileName, const QByteArray &head) const override
    {
        const bool namedLikeIt
            = fileName.contains(u"WhatsApp"_s, Qt::CaseInsensitive) || fileName == u"_chat.txt"_s;
        if (isZip(head)) {
            if (head.contains("_chat.txt"))
                return 90;
            if (head.contains("WhatsApp Chat") && head.contains(".txt"))
                return 80; // Android: "WhatsApp Chat with X.txt" plus media
            return namedLikeIt && fileName.endsWith(u".zip"_s, Qt::CaseInsensitive) ? 60 : 0;
        }
        if (head.contains('\0') && !detectTextEncoding(head).startsWith(u"UTF-16"_s))
            return 0; // binary
        const QStringList lines = headLines(head, 40);
        int headers = 0;
        bool firstIsHeader = false;
        bool seenFirst = false;
        for (const QString &line : lines) {
            if (!seenFirst && line.isEmpty())
                continue;
            Header h;
            const bool isHeader = mayBeHeader(line) && parseHeader(line, h);
            if (!seenFirst)
                firstIsHeader = isHeader;
            seenFirst = true;
            headers += isHeader;
        }
        if (firstIsHeader)
            return headers >= 2 || namedLikeIt ? 95 : 70;
        return namedLikeIt && fileName.endsWith(u".txt"_s, Qt::CaseInsensitive) ? 10 : 0;
    }

    Result<void> parse(QIODevice &file,
                       const QString &path,
                       const ImportContext &context,
                       ImportSink &sink) const override
    {
        const QByteArray magic = file.peek(4);
        if (isZip(magic))
            return parseZip(file, path, context, sink);
        return parseText(file, path, context, sink);
    }

  private:
    static Result<void>
    parseText(QIODevice &file, const QString &path, const ImportContext &context, ImportSink &sink)
    {
        if (file.isSequential())
            return makeError(
                ErrorCode::Unsupported,
                tr("%1 cannot be read twice (needed to infer the date order).").arg(path));
        const qint64 total = file.size();
        ChatParser parser(path, context, sink);
        bool scannedAll = false;
        if (auto r = parser.scanOrder(file, total, scannedAll); !r)
            return r;
        if (!file.seek(0))
            return makeError(ErrorCode::Io, tr("Cannot read %1.").arg(path), file.errorString());
        const qint64 base = scannedAll ? total / 2 : 0;
        if (auto r = parser.parse(file, total, base, total - base); !r)
            return r;
        sink.setSourceMetadata(parser.metadata());
        return {};
    }

    static Result<void>
    parseZip(QIODevice &file, const QString &path, const ImportContext &context, ImportSink &sink)
    {
        ZipArchive archive;
        QString detail;
        if (!archive.open(file, detail))
            return makeError(ErrorCode::Parse, tr("%1 is not a readable zip archive.").arg(path),
                             detail);
        zip_t *z = archive.handle();
        const zip_int64_t count = zip_get_num_entries(z, 0);
        QHash<QString, zip_uint64_t> entries;
        std::optional<zip_uint64_t> chat;
        std::optional<zip_uint64_t> anyText;
        QString chatName;
        for (zip_int64_t i = 0; i < count; ++i) {
            const char *raw = zip_get_name(z, zip_uint64_t(i), 0);
            if (!raw)
                continue;
            const QString name = QString::fromUtf8(raw);
            if (name.endsWith(u'/') || name.startsWith(u"__MACOSX/"_s))
                continue;
            const QString base = name.mid(name.lastIndexOf(u'/') + 1);
            if (base == u"_chat.txt"_s && !chat) {
                chat = zip_uint64_t(i);
                chatName = name;
                continue;
            }
            if (base.endsWith(u".txt"_s, Qt::CaseInsensitive) && !anyText) {
                anyText = zip_uint64_t(i);
                if (chatName.isEmpty())
                    chatName = name;
            }
            entries.insert(base, zip_uint64_t(i));
        }
        if (!chat && anyText) {
            chat = anyText;
            const QString base = chatName.mid(chatName.lastIndexOf(u'/') + 1);
            entries.remove(base);
        }
        if (!chat)
            return makeError(ErrorCode::Parse,
                             tr("%1 is not a WhatsApp chat export: the archive holds no "
                                "_chat.txt or other chat text file.")
                                 .arg(path));

        ChatParser parser(path, context, sink);
        parser.setArchive(z, entries);
        ZipEntryDevice scan(z, *chat);
        if (!scan.open(QIODevice::ReadOnly))
            return makeError(ErrorCode::Io,
                             tr("%1: cannot read %2 from the archive.").arg(path, chatName),
                             scan.errorString());
        const qint64 total = scan.entrySize();
        bool scannedAll = false;
        if (auto r = parser.scanOrder(scan, total, scannedAll); !r)
            return r;
        scan.close();
        ZipEntryDevice text(z, *chat);
        if (!text.open(QIODevice::ReadOnly))
            return makeError(ErrorCode::Io,
                             tr("%1: cannot read %2 from the archive.").arg(path, chatName),
                             text.errorString());
        const qint64 base = scannedAll ? total / 2 : 0;
        if (auto r = parser.parse(text, total, base, total - base); !r)
            return r;
        QJsonObject metadata = parser.metadata();
        metadata.insert(u"chatFile"_s, chatName);
        sink.setSourceMetadata(metadata);
        return {};
    }
};

} // namespace

std::unique_ptr<Importer> makeWhatsAppImporter()
{
    return std::make_unique<WhatsAppImporter>();
}

} // namespace Dossier::Import
