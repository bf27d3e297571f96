// SPDX-License-Identifier: GPL-3.0-or-later
#include "phone/phonenormalizer.h"

#include <algorithm>
#include <deque>
#include <string>

#include <QFile>
#include <QRegularExpression>
#include <QStringList>

#include <phonenumbers/geocoding/phonenumber_offline_geocoder.h>
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>
#include <phonenumbers/shortnumberinfo.h>
#include <unicode/locid.h>

using namespace Qt::StringLiterals;

namespace Dossier {

namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberOfflineGeocoder;
using i18n::phonenumbers::PhoneNumberUtil;
using i18n::phonenumbers::ShortNumberInfo;

struct Label
{
    QString zh;
    QString en;
};

// Reads "key<TAB>zh<TAB>en" lines, skipping '#' comments. The files are compiled in, so a
// missing file is a build defect, not a user error: the normalizer then works without labels.
QHash<QString, Label> loadTable(const QString &path)
{
    QHash<QString, Label> table;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return table;
    const QString text = QString::fromUtf8(file.readAll());
    for (const QStringView line : QStringView(text).split(u'\n')) {
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const auto fields = line.split(u'\t');
        if (fields.size() < 2 || fields.at(0).trimmed().isEmpty())
            continue;
        table.insert(fields.at(0).trimmed().toString(),
                     {fields.at(1).trimmed().toString(),
                      fields.size() > 2 ? fields.at(2).trimmed().toString() : QString()});
    }
    return table;
}

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

// Full-width ASCII (１３８, ＋, －, （）) and the ideographic space fold to plain ASCII.
QString foldWidth(const QString &in)
{
    QString out = in;
    for (QChar &c : out) {
        const char16_t u = c.unicode();
        if (u >= 0xFF01 && u <= 0xFF5E)
            c = QChar(char16_t(u - 0xFEE0));
        else if (u == 0x3000 || u == 0x00A0 || u == 0x2007 || u == 0x202F)
            c = u' ';
    }
    return out;
}

// Characters people put between digit groups.
bool isSeparator(QChar c)
{
    switch (c.unicode()) {
    case u' ': case u'\t': case u'-': case u'.': case u'(': case u')': case u'/': case u'[':
    case u']': case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212: case 0x00B7: case 0x30FC: case 0x200B: case 0x200E: case 0x200F: case 0x202A:
    case 0x202B: case 0x202C: case 0x202D: case 0x202E: case 0xFEFF:
        return true;
    default:
        return false;
    }
}

PhoneInfo::Type mapType(PhoneNumberUtil::PhoneNumberType type)
{
    switch (type) {
    case PhoneNumberUtil::FIXED_LINE: return PhoneInfo::Type::FixedLine;
    case PhoneNumberUtil::MOBILE: return PhoneInfo::Type::Mobile;
    case PhoneNumberUtil::FIXED_LINE_OR_MOBILE: return PhoneInfo::Type::FixedLineOrMobile;
    case PhoneNumberUtil::TOLL_FREE: return PhoneInfo::Type::TollFree;
    case PhoneNumberUtil::PREMIUM_RATE: return PhoneInfo::Type::PremiumRate;
    case PhoneNumberUtil::SHARED_COST: return PhoneInfo::Type::SharedCost;
    case PhoneNumberUtil::VOIP: return PhoneInfo::Type::Voip;
    default: return PhoneInfo::Type::Other;
    }
}

QString fromStd(const std::string &s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

} // namespace

QString toString(PhoneInfo::Type type)
{
    switch (type) {
    case PhoneInfo::Type::Mobile: return u"mobile"_s;
    case PhoneInfo::Type::FixedLine: return u"fixed_line"_s;
    case PhoneInfo::Type::FixedLineOrMobile: return u"fixed_line_or_mobile"_s;
    case PhoneInfo::Type::TollFree: return u"toll_free"_s;
    case PhoneInfo::Type::SharedCost: return u"shared_cost"_s;
    case PhoneInfo::Type::PremiumRate: return u"premium_rate"_s;
    case PhoneInfo::Type::Voip: return u"voip"_s;
    case PhoneInfo::Type::ShortCode: return u"short_code"_s;
    case PhoneInfo::Type::SmsSender: return u"sms_sender"_s;
    case PhoneInfo::Type::Alphanumeric: return u"alphanumeric"_s;
    case PhoneInfo::Type::Hidden: return u"hidden"_s;
    case PhoneInfo::Type::Invalid: return u"invalid"_s;
    case PhoneInfo::Type::Other: return u"other"_s;
    }
    return u"other"_s;
}

struct PhoneNormalizer::Impl
{
    explicit Impl(const QString &region)
        : util(*PhoneNumberUtil::GetInstance())
        , defaultRegion(region.isEmpty() ? u"CN"_s : region.toUpper())
        , defaultRegionStd(defaultRegion.toStdString())
        , localeZh("zh", "CN")
        , localeEn("en", "US")
        , carriers(loadTable(u":/dossier/phone/carrier_cn.tsv"_s))
        , shortCodes(loadTable(u":/dossier/phone/shortcodes.tsv"_s))
    {
        for (auto it = carriers.cbegin(); it != carriers.cend(); ++it)
            maxCarrierPrefix = std::max(maxCarrierPrefix, it.key().size());
    }

    PhoneInfo compute(const QString &raw) const;
    bool fillShortCode(PhoneInfo &info, const QString &digits) const;
    void fillCarrier(PhoneInfo &info, const std::string &nationalNumber) const;

    const PhoneNumberUtil &util;
    ShortNumberInfo shortInfo;
    PhoneNumberOfflineGeocoder geocoder;
    QString defaultRegion;
    std::string defaultRegionStd;
    icu::Locale localeZh;
    icu::Locale localeEn;
    QHash<QString, Label> carriers;
    QHash<QString, Label> shortCodes;
    qsizetype maxCarrierPrefix = 0;
    // Entries live in a deque (references handed out by normalize() stay valid); the index is
    // a QHash, whose open addressing found a million-row import's numbers faster than
    // std::unordered_map's bucket-node-string chain.
    std::deque<PhoneInfo> entries;
    QHash<QString, const PhoneInfo *> cache;
    // Inputs of plain ASCII digits (nearly all of a call log), keyed by their packed value: the
    // look-up then compares no string and reads no string's memory.
    QHash<quint64, const PhoneInfo *> digitCache;
};

namespace {

bool isHiddenMarker(const QString &s)
{
    static const QStringList markers = {
        u"-1"_s, u"-2"_s, u"-3"_s, u"unknown"_s, u"private"_s, u"restricted"_s,
        u"anonymous"_s, u"withheld"_s, u"private number"_s, u"unknown number"_s,
        u"未知号码"_s, u"隐藏号码"_s, u"私人号码"_s, u"未知"_s, u"匿名"_s, u"号码隐藏"_s,
        u"未知来电"_s,
    };
    for (const QString &m : markers) {
        if (s.compare(m, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// The number part of what people write around it: "手机: 138…", "138… (工作)",
// "138 0013 8000 转 123", "010-12345678 ext. 5", "+86…;ext=12", "10086,1".
QString mainNumber(const QString &s)
{
    const bool plain = std::all_of(s.cbegin(), s.cend(), [](QChar c) {
        return isAsciiDigit(c) || isSeparator(c) || c == u'+';
    });
    if (plain)
        return s;
    static const QRegularExpression leadingLabel(uR"(^[\p{L}\s]+[:：]\s*(?=[+\d(]))"_s);
    static const QRegularExpression trailingNote(
        uR"(^(.*\d.*?)\s*[(\[【<]\s*[^\d()\[\]【】<>]*\p{L}[^\d()\[\]【】<>]*[)\]】>]\s*$)"_s);
    static const QRegularExpression extension(
        uR"(^(.*?\d[\s\-.)]*)(?:转|分机|;\s*ext=|ext\.?|extension|x|#|,|;|p|w)\s*\d{1,8}\s*#?$)"_s,
        QRegularExpression::CaseInsensitiveOption);
    QString out = s;
    if (const auto m = leadingLabel.match(out); m.hasMatch())
        out.remove(0, m.capturedLength());
    if (const auto m = trailingNote.match(out); m.hasMatch())
        out = m.captured(1);
    if (const auto m = extension.match(out); m.hasMatch())
        out = m.captured(1);
    return out;
}

} // namespace

bool PhoneNormalizer::Impl::fillShortCode(PhoneInfo &info, const QString &digits) const
{
    bool isShort = shortCodes.contains(digits);
    const qsizetype n = digits.size();
    if (!isShort && n >= 3 && n <= 6) {
        // Emergency and service codes (110, 12x), service 10xxx-12xxx (13x-19x are mobile
        // prefixes), 95xxx and 96xxx.
        static const QRegularExpression pattern(
            uR"(^(?:1[12]\d|1[0-2]\d{3,4}|9[56]\d{3,4})$)"_s);
        isShort = defaultRegion == u"CN"_s && pattern.match(digits).hasMatch();
        if (!isShort) {
            PhoneNumber pn;
            pn.set_country_code(util.GetCountryCodeForRegion(defaultRegionStd));
            pn.set_national_number(digits.toULongLong());
            isShort = digits.front() != u'0'
                && shortInfo.IsValidShortNumberForRegion(pn, defaultRegionStd);
        }
    }
    if (!isShort)
        return false;
    info.type = PhoneInfo::Type::ShortCode;
    info.key = digits;
    info.region = defaultRegion;
    const auto it = shortCodes.constFind(digits);
    if (it != shortCodes.cend())
        info.label = it->zh;
    return true;
}

void PhoneNormalizer::Impl::fillCarrier(PhoneInfo &info, const std::string &nationalNumber) const
{
    const QString nsn =
        QString::fromLatin1(nationalNumber.data(), qsizetype(nationalNumber.size()));
    for (qsizetype len = std::min(maxCarrierPrefix, nsn.size()); len > 0; --len) {
        const auto it = carriers.constFind(nsn.left(len));
        if (it != carriers.cend()) {
            info.carrier = it->zh;
            return;
        }
    }
}

PhoneInfo PhoneNormalizer::Impl::compute(const QString &raw) const
{
    PhoneInfo info;
    info.raw = raw;

    QString s = foldWidth(raw).trimmed();
    if (s.startsWith(u"tel:"_s, Qt::CaseInsensitive))
        s = s.mid(4).trimmed();
    if (s.isEmpty() || isHiddenMarker(s)) {
        info.type = PhoneInfo::Type::Hidden;
        info.key = u"hidden"_s;
        return info;
    }

    const QString main = mainNumber(s);

    // Clean: digits and a leading '+'; anything else decides between sender name and junk.
    QString cleaned;
    cleaned.reserve(main.size());
    qsizetype letters = 0;
    qsizetype others = 0;
    bool nonLatinLetter = false;
    for (const QChar c : main) {
        if (isAsciiDigit(c))
            cleaned.append(c);
        else if (c == u'+' && cleaned.isEmpty())
            cleaned.append(c);
        else if (isSeparator(c))
            continue;
        else if (c.isLetter()) {
            ++letters;
            nonLatinLetter = nonLatinLetter || c.unicode() > 0x7F;
        }
        else
            ++others;
    }
    const qsizetype digitCount = cleaned.startsWith(u'+') ? cleaned.size() - 1 : cleaned.size();

    // A sender name ("CMBCHINA", "招商银行95555", "95555招商", "QQ12345") rather than a
    // mistyped or annotated number ("138abc00138000", "13800138OOO", "13800138000 张三").
    const bool nameLike = (!main.isEmpty() && main.front().isLetter()) || letters >= digitCount
        || (nonLatinLetter && digitCount < 7);
    if (letters > 0 && nameLike) {
        info.type = PhoneInfo::Type::Alphanumeric;
        // 【招商银行】 and "cmbchina " are the same sender as 招商银行 / CMBCHINA.
        static const QString opening = u"【[(<《「"_s;
        static const QString closing = u"】])>》」"_s;
        QString name = s.simplified();
        while (name.size() > 2 && opening.contains(name.front())
               && closing.indexOf(name.back()) == opening.indexOf(name.front())) {
            name = name.mid(1, name.size() - 2).trimmed();
        }
        info.key = name.toUpper();
        return info;
    }
    if (letters > 0 || others > 0 || digitCount == 0) {
        info.type = PhoneInfo::Type::Invalid;
        QString key;
        for (const QChar c : main) {
            if (!isSeparator(c))
                key.append(c);
        }
        info.key = key.isEmpty() ? s : key;
        return info;
    }

    // Country prefix as written: +86, 0086, or a bare 86 in front of a full national number.
    QString digits = cleaned;
    bool international = false;
    if (digits.startsWith(u'+')) {
        digits.remove(0, 1);
        international = true;
    } else if (digits.startsWith(u"00"_s) && digits.size() > 4) {
        digits.remove(0, 2);
        international = true;
    } else if (digits.startsWith(u"86"_s) && digits.size() >= 12) {
        international = true;
    }
    QString national = digits;
    const bool cnPrefix = international && digits.startsWith(u"86"_s);
    if (cnPrefix)
        national = digits.mid(2);
    if (cnPrefix && national.startsWith(u'0'))
        national.remove(0, 1); // "+86 0571 …": the trunk 0 does not belong after the country code

    // 106 bulk SMS senders and short codes are never dialled as +86…: keep them as seen.
    if ((!international || cnPrefix) && national.startsWith(u"106"_s) && national.size() >= 8
        && national.size() <= 20) {
        info.type = PhoneInfo::Type::SmsSender;
        info.key = national;
        info.region = u"CN"_s;
        return info;
    }
    if ((!international || cnPrefix) && national.size() <= 6 && fillShortCode(info, national))
        return info;

    // GetNumberType() is the expensive part of libphonenumber (a regex per type); call it once.
    // A number is valid exactly when its type is known (that is what IsValidNumber() checks).
    PhoneNumberUtil::PhoneNumberType numberType = PhoneNumberUtil::UNKNOWN;
    const auto parseValid = [&](const std::string &text, PhoneNumber *number) {
        if (util.Parse(text, defaultRegionStd, number) != PhoneNumberUtil::NO_PARSING_ERROR)
            return false;
        numberType = util.GetNumberType(*number);
        return numberType != PhoneNumberUtil::UNKNOWN;
    };
    PhoneNumber pn;
    // Nearly every number in a Chinese call log has this shape: 11 digits, 13x to 19x, written
    // without a country code. Parse() would give exactly this national number (there is no
    // country code, trunk 0 or carrier-selection prefix — CN's are 11xxx, 12xxx and 179xx —
    // to strip), and its regular expressions cost half of a new number's look-up.
    const bool cnMobileShape = !international && defaultRegion == u"CN"_s && digits.size() == 11
        && digits.at(0) == u'1' && digits.at(1) >= u'3' && !digits.startsWith(u"179"_s);
    bool valid = false;
    if (cnMobileShape) {
        pn.set_country_code(86);
        pn.set_national_number(digits.toULongLong());
        numberType = util.GetNumberType(pn);
        valid = numberType != PhoneNumberUtil::UNKNOWN;
        if (!valid)
            pn.Clear();
    }
    const std::string digitsStd = digits.toStdString();
    const bool bare86 = international && !cleaned.startsWith(u'+') && !cleaned.startsWith(u"00"_s);
    // A bare "86…" that is not a valid +86 number may still be a national number.
    if (!valid && !parseValid(international ? "+" + digitsStd : digitsStd, &pn)
        && !(bare86 && parseValid(digitsStd, &pn))) {
        // 8-digit 95/96 service numbers (全国统一号码) exist beside the 5-6 digit ones.
        static const QRegularExpression longService(uR"(^9[56]\d{5,6}$)"_s);
        if (!international && defaultRegion == u"CN"_s && longService.match(national).hasMatch()) {
            info.type = PhoneInfo::Type::ShortCode;
            info.key = national;
            info.region = defaultRegion;
            info.label = shortCodes.value(national).zh;
            return info;
        }
        info.type = PhoneInfo::Type::Invalid;
        info.key = cleaned;
        return info;
    }
    std::string out;
    util.Format(pn, PhoneNumberUtil::E164, &out);
    info.e164 = fromStd(out);
    info.key = info.e164;
    std::string region;
    util.GetRegionCodeForNumber(pn, &region);
    info.region = fromStd(region);
    info.type = mapType(numberType);
    if (util.IsNumberGeographical(numberType, pn.country_code())) {
        // Same result as GetDescriptionForNumber() without its two extra type look-ups.
        info.locationZh = fromStd(geocoder.GetDescriptionForValidNumber(pn, localeZh));
        info.locationEn = fromStd(geocoder.GetDescriptionForValidNumber(pn, localeEn));
    } else {
        info.locationZh = fromStd(geocoder.GetDescriptionForNumber(pn, localeZh));
        info.locationEn = fromStd(geocoder.GetDescriptionForNumber(pn, localeEn));
    }
    if (pn.country_code() == 86
        && (info.type == PhoneInfo::Type::Mobile
            || info.type == PhoneInfo::Type::FixedLineOrMobile)) {
        std::string nsn;
        util.GetNationalSignificantNumber(pn, &nsn);
        fillCarrier(info, nsn);
    }
    return info;
}

PhoneNormalizer::PhoneNormalizer(const QString &defaultRegion)
    : m_impl(std::make_unique<Impl>(defaultRegion))
{
}

PhoneNormalizer::~PhoneNormalizer() = default;

namespace {

// 1 to 17 ASCII digits as one number: the value in the low 57 bits (10^17 < 2^57), the count
// above it (so "0138" and "138" differ). Anything else does not pack.
bool packDigits(const QString &raw, quint64 *packed)
{
    const qsizetype n = raw.size();
    if (n == 0 || n > 17)
        return false;
    quint64 value = 0;
    for (const QChar c : raw) {
        const char16_t u = c.unicode();
        if (u < u'0' || u > u'9')
            return false;
        value = value * 10 + (u - u'0');
    }
    *packed = value | (quint64(n) << 57);
    return true;
}

} // namespace

const PhoneInfo &PhoneNormalizer::normalize(const QString &raw)
{
    quint64 packed = 0;
    if (packDigits(raw, &packed)) {
        if (const auto it = m_impl->digitCache.constFind(packed);
            it != m_impl->digitCache.constEnd())
            return **it;
        const PhoneInfo &info = m_impl->entries.emplace_back(m_impl->compute(raw));
        m_impl->digitCache.insert(packed, &info);
        return info;
    }
    if (const auto it = m_impl->cache.constFind(raw); it != m_impl->cache.constEnd())
        return **it;
    const PhoneInfo &info = m_impl->entries.emplace_back(m_impl->compute(raw));
    m_impl->cache.insert(raw, &info);
    return info;
}

bool PhoneNormalizer::sameNumber(const QString &a, const QString &b)
{
    const PhoneInfo &x = normalize(a);
    const PhoneInfo &y = normalize(b);
    // Two withheld callers are not known to be the same person.
    if (x.type == PhoneInfo::Type::Hidden || y.type == PhoneInfo::Type::Hidden)
        return false;
    return x.key == y.key;
}

qsizetype PhoneNormalizer::cacheSize() const
{
    return qsizetype(m_impl->cache.size() + m_impl->digitCache.size());
}

} // namespace Dossier
