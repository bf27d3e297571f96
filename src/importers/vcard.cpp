// SPDX-License-Identifier: GPL-3.0-or-later
// vCard 2.1 / 3.0 / 4.0 address books (.vcf) as exported by Android, iOS, Huawei, Xiaomi.
#include <algorithm>

#include <QCoreApplication>
#include <QFileInfo>
#include <QHash>
#include <QIODevice>
#include <QStringDecoder>

#include "common/textdecode.h"
#include "importers/formats.h"

using namespace Qt::StringLiterals;

namespace Dossier::Import {

namespace {

constexpr qint64 kMaxFileSize = qint64(512) * 1024 * 1024;

QString tr(const char *text)
{
    return QCoreApplication::translate("Dossier", text);
}

struct Param
{
    QByteArray name;  ///< upper-case; empty for bare 2.1 parameters such as "HOME"
    QByteArray value; ///< as written, quotes removed
};

struct Property
{
    QByteArray group; ///< "item1" of item1.TEL, upper-case
    QByteArray name;  ///< upper-case
    QList<Param> params;
    QByteArray rawValue;
    qint64 line = 0;

    QByteArray param(const QByteArray &key) const
    {
        for (const Param &p : params) {
            if (p.name == key)
                return p.value;
        }
        return {};
    }
    bool hasBare(const QByteArray &upper) const
    {
        for (const Param &p : params) {
            if ((p.name.isEmpty() && p.value.toUpper() == upper)
                || (p.name == "ENCODING" && p.value.toUpper() == upper))
                return true;
        }
        return false;
    }
    bool quotedPrintable() const { return hasBare("QUOTED-PRINTABLE"); }
    bool base64() const { return hasBare("BASE64") || hasBare("B"); }
};

/// Index of the first ':' outside double quotes (CJK and ':' may appear in quoted parameters).
qsizetype valueColon(const QByteArray &line)
{
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const char c = line.at(i);
        if (c == '"')
            quoted = !quoted;
        else if (c == ':' && !quoted)
            return i;
    }
    return -1;
}

bool headerIsQuotedPrintable(const QByteArray &line)
{
    const qsizetype colon = valueColon(line);
    return colon > 0 && line.left(colon).toUpper().contains("QUOTED-PRINTABLE");
}

std::optional<Property> parseProperty(const QByteArray &line, qint64 lineNumber)
{
    const qsizetype colon = valueColon(line);
    if (colon <= 0)
        return std::nullopt;
    Property prop;
    prop.line = lineNumber;
    prop.rawValue = line.mid(colon + 1);
    // Split the header on ';' outside quotes.
    QList<QByteArray> parts;
    QByteArray current;
    bool quoted = false;
    for (qsizetype i = 0; i < colon; ++i) {
        const char c = line.at(i);
        if (c == '"')
            quoted = !quoted;
        if (c == ';' && !quoted) {
            parts.append(current);
            current.clear();
        } else {
            current.append(c);
        }
    }
    parts.append(current);
    QByteArray name = parts.takeFirst().trimmed();
    if (const qsizetype dot = name.indexOf('.'); dot >= 0) {
        prop.group = name.left(dot).toUpper();
        name = name.mid(dot + 1);
    }
    if (name.isEmpty())
        return std::nullopt;
    for (char c : name) {
        if (!(std::isalnum(uchar(c)) || c == '-' || c == '_'))
            return std::nullopt; // junk or comment line that happens to contain ':'
    }
    prop.name = name.toUpper();
    for (const QByteArray &part : std::as_const(parts)) {
        Param p;
        const qsizetype eq = part.indexOf('=');
        if (eq < 0) {
            p.value = part.trimmed();
        } else {
            p.name = part.left(eq).trimmed().toUpper();
            p.value = part.mid(eq + 1).trimmed();
        }
        if (p.value.size() >= 2 && p.value.startsWith('"') && p.value.endsWith('"'))
            p.value = p.value.mid(1, p.value.size() - 2);
        prop.params.append(p);
    }
    return prop;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/// Quoted-printable to bytes (soft line breaks were joined while unfolding).
QByteArray decodeQuotedPrintable(const QByteArray &in)
{
    QByteArray out;
    out.reserve(in.size());
    for (qsizetype i = 0; i < in.size(); ++i) {
        const char c = in.at(i);
        if (c == '=' && i + 2 < in.size() && hexValue(in.at(i + 1)) >= 0
            && hexValue(in.at(i + 2)) >= 0) {
            out.append(char(hexValue(in.at(i + 1)) * 16 + hexValue(in.at(i + 2))));
            i += 2;
        } else if (c == '=' && i == in.size() - 1) {
            // trailing soft break
        } else {
            out.append(c);
        }
    }
    return out;
}

/// Bytes to text: the CHARSET parameter, else UTF-8 when valid, else GB18030 (GBK/GB2312 phones).
QString decodeBytes(const QByteArray &bytes, const QByteArray &charset)
{
    if (!charset.isEmpty()) {
        QStringDecoder decoder(charset.constData());
        if (decoder.isValid())
            return decoder.decode(bytes);
    }
    if (isValidUtf8(bytes))
        return QString::fromUtf8(bytes);
    QStringDecoder gb("GB18030");
    return gb.decode(bytes);
}

QString propertyText(const Property &prop)
{
    const QByteArray bytes
        = prop.quotedPrintable() ? decodeQuotedPrintable(prop.rawValue) : prop.rawValue;
    return decodeBytes(bytes, prop.param("CHARSET"));
}

QString unescape(QStringView s)
{
    QString out;
    out.reserve(s.size());
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s.at(i);
        if (c == u'\\' && i + 1 < s.size()) {
            const QChar n = s.at(i + 1);
            if (n == u'n' || n == u'N')
                out.append(u'\n');
            else if (n == u',' || n == u';' || n == u'\\' || n == u':')
                out.append(n);
            else
                out.append(c).append(n);
            ++i;
        } else {
            out.append(c);
        }
    }
    return out;
}

/// Splits a structured value (N, ORG) on ';' that is not escaped.
QStringList components(const QString &value)
{
    QStringList out;
    qsizetype start = 0;
    for (qsizetype i = 0; i < value.size(); ++i) {
        if (value.at(i) == u'\\') {
            ++i;
        } else if (value.at(i) == u';') {
            out.append(unescape(QStringView(value).mid(start, i - start)).trimmed());
            start = i + 1;
        }
    }
    out.append(unescape(QStringView(value).mid(start)).trimmed());
    return out;
}

bool hasCjk(const QString &s)
{
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        if ((u >= 0x3040 && u <= 0x30FF) || (u >= 0x3400 && u <= 0x9FFF)
            || (u >= 0xAC00 && u <= 0xD7AF) || (u >= 0xF900 && u <= 0xFAFF) || c.isSurrogate())
            return true;
    }
    return false;
}

QString nameFromN(const QStringList &n)
{
    const QString family = n.value(0), given = n.value(1), middle = n.value(2), prefix = n.value(3),
                  suffix = n.value(4);
    const QString all = n.join(QString());
    if (hasCjk(all)) // 张;三 -> 张三: family name first, no spaces
        return QString(prefix + family + middle + given + suffix).trimmed();
    QStringList parts;
    for (const QString &p : {prefix, given, middle, family, suffix}) {
        if (!p.isEmpty())
            parts.append(p);
    }
    return parts.join(u' ');
}

/// iOS stores labels as _$!<Father>!$_; turn the standard relation ones into Chinese words.
QString relationLabel(const QString &label)
{
    static const QHash<QString, QString> known = {
        {u"father"_s, u"父亲"_s},   {u"mother"_s, u"母亲"_s},      {u"parent"_s, u"父母"_s},
        {u"brother"_s, u"兄弟"_s},  {u"sister"_s, u"姐妹"_s},      {u"child"_s, u"子女"_s},
        {u"son"_s, u"儿子"_s},      {u"daughter"_s, u"女儿"_s},    {u"spouse"_s, u"配偶"_s},
        {u"husband"_s, u"丈夫"_s},  {u"wife"_s, u"妻子"_s},        {u"partner"_s, u"伴侣"_s},
        {u"friend"_s, u"朋友"_s},   {u"manager"_s, u"上司"_s},     {u"assistant"_s, u"助理"_s},
        {u"relative"_s, u"亲属"_s}, {u"colleague"_s, u"同事"_s},   {u"co-worker"_s, u"同事"_s},
        {u"kin"_s, u"亲属"_s},      {u"sibling"_s, u"兄弟姐妹"_s},
    };
    QString l = label.trimmed();
    if (l.startsWith(u"_$!<"_s) && l.endsWith(u">!$_"_s))
        l = l.mid(4, l.size() - 8);
    return known.value(l.toLower(), l);
}

/// Android ContactsContract.CommonDataKinds.Relation.TYPE_* codes.
QString androidRelation(int type)
{
    switch (type) {
    case 1:
        return u"助理"_s;
    case 2:
        return u"兄弟"_s;
    case 3:
        return u"子女"_s;
    case 4:
        return u"同居伴侣"_s;
    case 5:
        return u"父亲"_s;
    case 6:
        return u"朋友"_s;
    case 7:
        return u"上司"_s;
    case 8:
        return u"母亲"_s;
    case 9:
        return u"父母"_s;
    case 10:
        return u"伴侣"_s;
    case 11:
        return u"介绍人"_s;
    case 12:
        return u"亲属"_s;
    case 13:
        return u"姐妹"_s;
    case 14:
        return u"配偶"_s;
    default:
        return {};
    }
}

/// A TEL value as a raw number: tel: URIs lose the scheme and parameters; sip: URIs count only
/// when their user part is a number.
QString telNumber(const QString &value)
{
    QString v = unescape(value).trimmed();
    if (v.startsWith(u"tel:"_s, Qt::CaseInsensitive)) {
        v = v.mid(4);
        if (const qsizetype semi = v.indexOf(u';'); semi >= 0)
            v.truncate(semi);
    } else if (v.startsWith(u"sip:"_s, Qt::CaseInsensitive)) {
        v = v.mid(4);
        v.truncate(v.indexOf(u'@') < 0 ? v.size() : v.indexOf(u'@'));
        bool digits = !v.isEmpty();
        for (const QChar c : std::as_const(v))
            digits = digits && (c.isDigit() || c == u'+' || c == u'-');
        if (!digits)
            return {};
    }
    return v.trimmed();
}

struct Card
{
    qint64 index = 0;
    qint64 line = 0;
    QList<Property> props;
};

ContactRecord buildContact(const Card &card)
{
    ContactRecord c;
    QString fn;
    QStringList n;
    QHash<QByteArray, QString> labels; // group -> X-ABLabel
    for (const Property &p : card.props) {
        if (p.name == "X-ABLABEL" && !p.group.isEmpty())
            labels.insert(p.group, unescape(propertyText(p)));
    }
    for (const Property &p : card.props) {
        if (p.base64())
            continue; // PHOTO, SOUND, KEY: binary
        if (p.name == "FN") {
            if (fn.isEmpty())
                fn = unescape(propertyText(p)).trimmed();
        } else if (p.name == "N") {
            if (n.isEmpty())
                n = components(propertyText(p));
        } else if (p.name == "TEL") {
            const QString number = telNumber(propertyText(p));
            if (!number.isEmpty() && !c.numbers.contains(number))
                c.numbers.append(number);
        } else if (p.name == "EMAIL") {
            const QString email = unescape(propertyText(p)).trimmed();
            if (!email.isEmpty() && !c.emails.contains(email))
                c.emails.append(email);
        } else if (p.name == "ORG") {
            if (c.organization.isEmpty()) {
                QStringList parts = components(propertyText(p));
                parts.removeAll(QString());
                c.organization = parts.join(u' ');
            }
        } else if (p.name == "RELATED" || p.name == "X-ABRELATEDNAMES") {
            if (c.relation.isEmpty()) {
                const QString type = QString::fromUtf8(p.param("TYPE"));
                const QString label = labels.value(p.group);
                c.relation = relationLabel(!label.isEmpty()  ? label
                                           : !type.isEmpty() ? type.section(u',', 0, 0)
                                                             : QString());
            }
        } else if (p.name == "X-ANDROID-CUSTOM") {
            const QStringList f = components(propertyText(p));
            if (c.relation.isEmpty() && f.value(0) == u"vnd.android.cursor.item/relation") {
                bool ok = false;
                const int type = f.value(2).toInt(&ok);
                c.relation = (ok && type != 0) ? androidRelation(type) : f.value(3);
            }
        }
    }
    if (c.relation.isEmpty()) {
        // A custom label on a number that names a relation (item1.X-ABLabel:老爸).
        static const QStringList words{u"爸"_s,   u"妈"_s,   u"父"_s,   u"母"_s,   u"老公"_s,
                                       u"老婆"_s, u"妻"_s,   u"丈夫"_s, u"儿子"_s, u"女儿"_s,
                                       u"哥"_s,   u"姐"_s,   u"弟"_s,   u"妹"_s,   u"同事"_s,
                                       u"领导"_s, u"老板"_s, u"上司"_s, u"亲戚"_s, u"朋友"_s};
        for (const QString &label : std::as_const(labels)) {
            if (label.startsWith(u"_$!<"_s) || label.size() > 6)
                continue;
            if (std::any_of(words.cbegin(), words.cend(),
                            [&](const QString &w) { return label.contains(w); })) {
                c.relation = label;
                break;
            }
        }
    }
    c.name = !fn.isEmpty() ? fn : nameFromN(n);
    c.locator = u"card %1 (line %2)"_s.arg(card.index).arg(card.line);
    return c;
}

class VCardImporter final : public Importer
{
  public:
    QString format() const override { return u"vcard"_s; }
    QString displayName() const override { return tr("vCard address book (.vcf)"); }

    int sniff(const QString &fileName, const QByteArray &head) const override
    {
        QByteArray start = head.left(4096);
        if (start.startsWith("\xEF\xBB\xBF"))
            start = start.mid(3);
        const qsizetype at = start.toUpper().indexOf("BEGIN:VCARD");
        if (at >= 0 && start.left(at).trimmed().size() < 512)
            return 100;
        if (fileName.endsWith(u".vcf"_s, Qt::CaseInsensitive)
            || fileName.endsWith(u".vcard"_s, Qt::CaseInsensitive))
            return 40;
        return 0;
    }

    Result<void> parse(QIODevice &file,
                       const QString &path,
                       const ImportContext &context,
                       ImportSink &sink) const override
    {
        const QString fileName = QFileInfo(path).fileName();
        if (file.size() > kMaxFileSize)
            return makeError(
                ErrorCode::Unsupported,
                tr("%1 is larger than 512 MiB; that is not an address book.").arg(fileName));
        QByteArray data = file.readAll();
        if (data.startsWith("\xEF\xBB\xBF"))
            data = data.mid(3);
        else if (data.startsWith("\xFF\xFE") || data.startsWith("\xFE\xFF")) {
            QStringDecoder utf16(data.startsWith("\xFF\xFE") ? QStringDecoder::Utf16LE
                                                             : QStringDecoder::Utf16BE);
            data = QString(utf16.decode(QByteArrayView(data).sliced(2))).toUtf8();
        }

        qint64 cardCount = 0;
        int depth = 0;
        Card card;
        QByteArray logical;
        qint64 logicalLine = 0;
        bool logicalQp = false;

        auto finishCard = [&]() -> Result<void> {
            ContactRecord contact = buildContact(card);
            card.props.clear();
            if (contact.name.isEmpty() && contact.numbers.isEmpty() && contact.emails.isEmpty()) {
                sink.reject(contact.locator, tr("the card has no name, number or e-mail"));
                return {};
            }
            if (contact.name.isEmpty())
                contact.name
                    = !contact.numbers.isEmpty() ? contact.numbers.first() : contact.emails.first();
            return sink.addContact(contact);
        };
        auto flush = [&]() -> Result<void> {
            if (logical.isEmpty())
                return {};
            const auto prop = parseProperty(logical, logicalLine);
            logical.clear();
            if (!prop)
                return {}; // junk or comment line
            if (prop->name == "BEGIN" && prop->rawValue.trimmed().toUpper() == "VCARD") {
                if (depth++ == 0) {
                    card = Card{++cardCount, prop->line, {}};
                }
                return {};
            }
            if (prop->name == "END" && prop->rawValue.trimmed().toUpper() == "VCARD") {
                if (depth > 0 && --depth == 0)
                    return finishCard();
                return {};
            }
            if (depth == 1)
                card.props.append(*prop);
            return {};
        };

        qint64 lineNumber = 0;
        qsizetype pos = 0;
        while (pos < data.size()) {
            qsizetype nl = data.indexOf('\n', pos);
            if (nl < 0)
                nl = data.size();
            QByteArray line = data.mid(pos, nl - pos);
            pos = nl + 1;
            ++lineNumber;
            while (line.endsWith('\r'))
                line.chop(1);
            if (!logical.isEmpty() && logicalQp && logical.endsWith('=')) {
                logical.chop(1); // quoted-printable soft line break: no leading space to drop
                logical += line;
                continue;
            }
            if (!logical.isEmpty() && (line.startsWith(' ') || line.startsWith('\t'))) {
                logical += line.mid(1); // RFC folding
                continue;
            }
            if (auto r = flush(); !r)
                return r;
            if (line.trimmed().isEmpty())
                continue;
            logical = line;
            logicalLine = lineNumber;
            logicalQp = headerIsQuotedPrintable(line);
            if (context.progress && lineNumber % 10000 == 0 && !context.progress(pos, data.size()))
                return makeError(ErrorCode::Cancelled, tr("Import cancelled."));
        }
        if (auto r = flush(); !r)
            return r;
        if (depth > 0) { // the last card lacks END:VCARD (truncated file): keep what it has
            if (auto r = finishCard(); !r)
                return r;
        }
        if (cardCount == 0)
            return makeError(ErrorCode::Parse,
                             tr("%1 contains no vCard (no BEGIN:VCARD line).").arg(fileName));
        if (context.progress && !context.progress(data.size(), data.size()))
            return makeError(ErrorCode::Cancelled, tr("Import cancelled."));
        return {};
    }
};

} // namespace

std::unique_ptr<Importer> makeVCardImporter()
{
    return std::make_unique<VCardImporter>();
}

} // namespace Dossier::Import
