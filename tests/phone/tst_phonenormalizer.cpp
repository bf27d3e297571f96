// SPDX-License-Identifier: GPL-3.0-or-later
#include <vector>

#include <QDirIterator>
#include <QRegularExpression>
#include <QTest>

#include "phone/phonenormalizer.h"

using namespace Qt::StringLiterals;
using Dossier::PhoneInfo;
using Dossier::PhoneNormalizer;
using Type = PhoneInfo::Type;

Q_DECLARE_METATYPE(PhoneInfo::Type)

class TstPhoneNormalizer final : public QObject
{
    Q_OBJECT

private slots:
    void normalize_data();
    void normalize();
    void carrier_data();
    void carrier();
    void shortCodeLabel_data();
    void shortCodeLabel();
    void sameNumber_data();
    void sameNumber();
    void typeNames();
    void cacheOneEntryPerInput();
    void plainMobileMatchesInternationalForm();
    void referencesStayValid();
    void otherDefaultRegion();
    void corpusAddresses();
};

void TstPhoneNormalizer::normalize_data()
{
    QTest::addColumn<QString>("raw");
    QTest::addColumn<QString>("e164");
    QTest::addColumn<Type>("type");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("locationZh");
    QTest::addColumn<QString>("locationEn");

    const QString m = u"+8613800138000"_s;
    const QString bj = u"北京市"_s;
    auto mobile = [&](const char *tag, const QString &raw) {
        QTest::newRow(tag) << raw << m << Type::Mobile << m << u"CN"_s << bj << u"Beijing"_s;
    };
    mobile("plain", u"13800138000"_s);
    mobile("+86 spaced", u"+86 138 0013 8000"_s);
    mobile("+86 compact", u"+8613800138000"_s);
    mobile("0086", u"008613800138000"_s);
    mobile("0086 dashes", u"0086 138-0013-8000"_s);
    mobile("86 space", u"86 13800138000"_s);
    mobile("86 compact", u"8613800138000"_s);
    mobile("dashes", u"138-0013-8000"_s);
    mobile("dots", u"138.0013.8000"_s);
    mobile("parentheses", u"(138) 0013 8000"_s);
    mobile("full-width digits", u"１３８００１３８０００"_s);
    mobile("full-width plus", u"＋８６ １３８ ００１３ ８０００"_s);
    mobile("ideographic space", u"138\u30000013\u30008000"_s);
    mobile("trunk 0 before mobile", u"013800138000"_s);
    mobile("extension 转", u"138 0013 8000 转 123"_s);
    mobile("tel: uri", u"tel:+86-138-0013-8000"_s);
    mobile("surrounding spaces", u"  13800138000 "_s);
    mobile("note in parentheses", u"+86-138-0013-8000 (手机)"_s);
    mobile("note in full-width parentheses", u"138 0013 8000（工作）"_s);
    mobile("note in brackets", u"13800138000 [work]"_s);
    mobile("label with colon", u"手机：13800138000"_s);
    mobile("latin label", u"Mobile: +86 138 0013 8000"_s);
    mobile("rfc3966 extension", u"+8613800138000;ext=12"_s);
    mobile("dial pause", u"13800138000,123"_s);

    const QString beijingFixed = u"+861012345678"_s;
    for (const auto &raw : {u"010-12345678"_s, u"01012345678"_s, u"(010) 1234 5678"_s,
                            u"86 10 12345678"_s, u"010-12345678转8001"_s,
                            u"010-12345678 ext. 5"_s}) {
        QTest::addRow("beijing %s", qPrintable(raw)) << raw << beijingFixed << Type::FixedLine
                                                     << beijingFixed << u"CN"_s << bj
                                                     << u"Beijing"_s;
    }
    QTest::newRow("guangzhou 020") << u"020-87654321"_s << u"+862087654321"_s << Type::FixedLine
                                   << u"+862087654321"_s << u"CN"_s << u"广东省广州市"_s
                                   << u"Guangzhou, Guangdong"_s;
    const QString hz = u"+8657188888888"_s;
    for (const auto &raw : {u"0571-88888888"_s, u"0571 8888 8888"_s, u"057188888888"_s,
                            u"+86 0571 8888 8888"_s, u"+86 571 8888 8888"_s}) {
        QTest::addRow("hangzhou %s", qPrintable(raw))
            << raw << hz << Type::FixedLine << hz << u"CN"_s << u"浙江省杭州市"_s
            << u"Hangzhou, Zhejiang"_s;
    }
    QTest::newRow("shenzhen 0755") << u"0755-88888888"_s << u"+8675588888888"_s
                                   << Type::FixedLine << u"+8675588888888"_s << u"CN"_s
                                   << u"广东省深圳市"_s << u"Shenzhen, Guangdong"_s;
    QTest::newRow("400 dashes") << u"400-123-4567"_s << u"+864001234567"_s << Type::SharedCost
                                << u"+864001234567"_s << u"CN"_s << u"中国"_s << u"China"_s;
    QTest::newRow("400 compact") << u"4001234567"_s << u"+864001234567"_s << Type::SharedCost
                                 << u"+864001234567"_s << u"CN"_s << u"中国"_s << u"China"_s;
    QTest::newRow("800") << u"800-820-8820"_s << u"+868008208820"_s << Type::TollFree
                         << u"+868008208820"_s << u"CN"_s << u"中国"_s << u"China"_s;
    QTest::newRow("170 no city") << u"17012345678"_s << u"+8617012345678"_s << Type::Mobile
                                 << u"+8617012345678"_s << u"CN"_s << u"中国"_s << u"China"_s;
    QTest::newRow("139 changzhou") << u"13912345678"_s << u"+8613912345678"_s << Type::Mobile
                                   << u"+8613912345678"_s << u"CN"_s << u"江苏省常州市"_s
                                   << u"Changzhou, Jiangsu"_s;

    QTest::newRow("hong kong") << u"+852 9123 4567"_s << u"+85291234567"_s << Type::Mobile
                               << u"+85291234567"_s << u"HK"_s << u"中国香港特别行政区"_s
                               << u"Hong Kong SAR China"_s;
    QTest::newRow("macao") << u"+853 6612 3456"_s << u"+85366123456"_s << Type::Mobile
                           << u"+85366123456"_s << u"MO"_s << u"中国澳门特别行政区"_s
                           << u"Macao SAR China"_s;
    QTest::newRow("taiwan") << u"+886 912 345 678"_s << u"+886912345678"_s << Type::Mobile
                            << u"+886912345678"_s << u"TW"_s << u"台湾"_s << u"Taiwan"_s;
    QTest::newRow("us") << u"+1 650 253 0000"_s << u"+16502530000"_s << Type::FixedLineOrMobile
                        << u"+16502530000"_s << u"US"_s << u"美国"_s << u"Mountain View, CA"_s;
    QTest::newRow("us 001") << u"001 650 253 0000"_s << u"+16502530000"_s
                            << Type::FixedLineOrMobile << u"+16502530000"_s << u"US"_s
                            << u"美国"_s << u"Mountain View, CA"_s;

    auto keptAsIs = [](const char *tag, const QString &raw, Type type, const QString &key,
                       const QString &region) {
        QTest::newRow(tag) << raw << QString() << type << key << region << QString()
                           << QString();
    };
    for (const char *code : {"95588", "10086", "10010", "10000", "12321", "12315", "12345",
                             "12377", "12378", "110", "120", "119", "122", "95123", "96123",
                             "12306", "96110"}) {
        const QString c = QString::fromLatin1(code);
        keptAsIs(code, c, Type::ShortCode, c, u"CN"_s);
    }
    keptAsIs("short code +86", u"+86 10086"_s, Type::ShortCode, u"10086"_s, u"CN"_s);
    keptAsIs("short code spaced", u"100 86"_s, Type::ShortCode, u"10086"_s, u"CN"_s);
    keptAsIs("8-digit 95 number", u"9510 5123"_s, Type::ShortCode, u"95105123"_s, u"CN"_s);
    keptAsIs("short code full-width", u"９５５８８"_s, Type::ShortCode, u"95588"_s, u"CN"_s);

    keptAsIs("106 13 digits", u"1069012345678"_s, Type::SmsSender, u"1069012345678"_s, u"CN"_s);
    keptAsIs("106 min", u"10655012"_s, Type::SmsSender, u"10655012"_s, u"CN"_s);
    keptAsIs("106 max", u"10690123456789012"_s, Type::SmsSender, u"10690123456789012"_s,
             u"CN"_s);
    keptAsIs("106 +86", u"+86 1065 5012 3456"_s, Type::SmsSender, u"106550123456"_s, u"CN"_s);
    keptAsIs("106 86", u"86106550123456"_s, Type::SmsSender, u"106550123456"_s, u"CN"_s);
    keptAsIs("106 0086", u"0086106550123456"_s, Type::SmsSender, u"106550123456"_s, u"CN"_s);

    keptAsIs("alnum latin", u"CMBCHINA"_s, Type::Alphanumeric, u"CMBCHINA"_s, QString());
    keptAsIs("alnum lowercase", u"cmbchina"_s, Type::Alphanumeric, u"CMBCHINA"_s, QString());
    keptAsIs("alnum cjk", u"招商银行"_s, Type::Alphanumeric, u"招商银行"_s, QString());
    keptAsIs("alnum with digits", u"QQ12345"_s, Type::Alphanumeric, u"QQ12345"_s, QString());
    keptAsIs("alnum cjk and code", u"招商银行95555"_s, Type::Alphanumeric, u"招商银行95555"_s,
             QString());
    keptAsIs("alnum code in brackets", u"招商银行(95555)"_s, Type::Alphanumeric,
             u"招商银行(95555)"_s, QString());
    keptAsIs("alnum code first", u"95555招商"_s, Type::Alphanumeric, u"95555招商"_s, QString());
    keptAsIs("alnum e-mail", u"lamer000@aol.com"_s, Type::Alphanumeric, u"LAMER000@AOL.COM"_s,
             QString());
    keptAsIs("alnum brackets", u"【招商银行】"_s, Type::Alphanumeric, u"招商银行"_s, QString());

    for (const auto &raw : {QString(), u""_s, u"  "_s, u"-1"_s, u"-2"_s, u"-3"_s, u"Unknown"_s,
                            u"UNKNOWN"_s, u"Private"_s, u"Restricted"_s, u"未知号码"_s,
                            u"隐藏号码"_s, u"私人号码"_s}) {
        QTest::addRow("hidden '%s'", qPrintable(raw))
            << raw << QString() << Type::Hidden << u"hidden"_s << QString() << QString()
            << QString();
    }

    keptAsIs("too short", u"12"_s, Type::Invalid, u"12"_s, QString());
    keptAsIs("mobile prefix is no short code", u"13800"_s, Type::Invalid, u"13800"_s, QString());
    keptAsIs("7 digits", u"1380013"_s, Type::Invalid, u"1380013"_s, QString());
    keptAsIs("too long", u"1380013800012345"_s, Type::Invalid, u"1380013800012345"_s, QString());
    keptAsIs("local without area code", u"8888 8888"_s, Type::Invalid, u"88888888"_s, QString());
    keptAsIs("letters mixed", u"138abc00138000"_s, Type::Invalid, u"138abc00138000"_s,
             QString());
    keptAsIs("letter O for zero", u"138-0013-8OOO"_s, Type::Invalid, u"13800138OOO"_s,
             QString());
    keptAsIs("number and name", u"13800138000 张三"_s, Type::Invalid, u"13800138000张三"_s,
             QString());
    keptAsIs("group mms", u"+15555550001~+15555550003"_s, Type::Invalid,
             u"+15555550001~+15555550003"_s, QString());
    keptAsIs("symbols", u"*99#"_s, Type::Invalid, u"*99#"_s, QString());
    keptAsIs("invalid +86 mobile", u"+86 138 0013 800"_s, Type::Invalid, u"+861380013800"_s,
             QString());
}

void TstPhoneNormalizer::normalize()
{
    QFETCH(QString, raw);
    QFETCH(QString, e164);
    QFETCH(Type, type);
    QFETCH(QString, key);
    QFETCH(QString, region);
    QFETCH(QString, locationZh);
    QFETCH(QString, locationEn);

    PhoneNormalizer normalizer;
    const PhoneInfo &info = normalizer.normalize(raw);
    QCOMPARE(info.raw, raw);
    QCOMPARE(Dossier::toString(info.type), Dossier::toString(type));
    QCOMPARE(info.e164, e164);
    QCOMPARE(info.isPhoneNumber(), !e164.isEmpty());
    QCOMPARE(info.key, key);
    QCOMPARE(info.region, region);
    QCOMPARE(info.locationZh, locationZh);
    QCOMPARE(info.locationEn, locationEn);
    if (type != Type::Mobile)
        QVERIFY2(info.carrier.isEmpty(), qPrintable(info.carrier));
}

void TstPhoneNormalizer::carrier_data()
{
    QTest::addColumn<QString>("raw");
    QTest::addColumn<QString>("carrier");
    QTest::newRow("138") << u"13800138000"_s << u"中国移动"_s;
    QTest::newRow("138 +86") << u"+86 138 0013 8000"_s << u"中国移动"_s;
    QTest::newRow("170 (1700)") << u"17001234567"_s << u"中国电信"_s;
    QTest::newRow("170 (1703)") << u"17031234567"_s << u"中国移动"_s;
    QTest::newRow("170 (1709)") << u"17091234567"_s << u"中国联通"_s;
    QTest::newRow("166") << u"16612345678"_s << u"中国联通"_s;
    QTest::newRow("133") << u"13312345678"_s << u"中国电信"_s;
    QTest::newRow("130") << u"13012345678"_s << u"中国联通"_s;
    QTest::newRow("150 via 15") << u"15012345678"_s << u"中国移动"_s;
    QTest::newRow("153 longer prefix") << u"15312345678"_s << u"中国电信"_s;
    QTest::newRow("156 longer prefix") << u"15612345678"_s << u"中国联通"_s;
    QTest::newRow("199") << u"19912345678"_s << u"中国电信"_s;
    QTest::newRow("192 broadnet") << u"19212345678"_s << u"中国广电"_s;
    QTest::newRow("landline") << u"010-12345678"_s << QString();
    QTest::newRow("hong kong") << u"+852 9123 4567"_s << QString();
    QTest::newRow("short code") << u"10086"_s << QString();
}

void TstPhoneNormalizer::carrier()
{
    QFETCH(QString, raw);
    QFETCH(QString, carrier);
    PhoneNormalizer normalizer;
    QCOMPARE(normalizer.normalize(raw).carrier, carrier);
}

void TstPhoneNormalizer::shortCodeLabel_data()
{
    QTest::addColumn<QString>("raw");
    QTest::addColumn<QString>("label");
    QTest::newRow("95588") << u"95588"_s << u"中国工商银行"_s;
    QTest::newRow("95555") << u"95555"_s << u"招商银行"_s;
    QTest::newRow("10086") << u"10086"_s << u"中国移动客服"_s;
    QTest::newRow("10010") << u"10010"_s << u"中国联通客服"_s;
    QTest::newRow("10000") << u"10000"_s << u"中国电信客服"_s;
    QTest::newRow("12321") << u"12321"_s << u"网络不良与垃圾信息举报受理中心"_s;
    QTest::newRow("12315") << u"12315"_s << u"市场监管投诉举报热线"_s;
    QTest::newRow("12345") << u"12345"_s << u"政务服务便民热线"_s;
    QTest::newRow("12378") << u"12378"_s << u"银行保险消费者投诉维权热线"_s;
    QTest::newRow("110") << u"110"_s << u"报警电话"_s;
    QTest::newRow("120") << u"120"_s << u"急救电话"_s;
    QTest::newRow("unlisted 95xxx") << u"95123"_s << QString();
    QTest::newRow("mobile has none") << u"13800138000"_s << QString();
}

void TstPhoneNormalizer::shortCodeLabel()
{
    QFETCH(QString, raw);
    QFETCH(QString, label);
    PhoneNormalizer normalizer;
    QCOMPARE(normalizer.normalize(raw).label, label);
}

void TstPhoneNormalizer::sameNumber_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("same");
    QTest::newRow("+86 vs plain") << u"+86 138 0013 8000"_s << u"13800138000"_s << true;
    QTest::newRow("full-width vs 0086") << u"１３８００１３８０００"_s << u"008613800138000"_s
                                        << true;
    QTest::newRow("extension") << u"138 0013 8000 转 123"_s << u"13800138000"_s << true;
    QTest::newRow("landline forms") << u"0571-88888888"_s << u"+86 571 8888 8888"_s << true;
    QTest::newRow("different") << u"13800138000"_s << u"13800138001"_s << false;
    QTest::newRow("short code spaced") << u"10086"_s << u"100 86"_s << true;
    QTest::newRow("short code vs +86") << u"10086"_s << u"+8610086"_s << true;
    QTest::newRow("106 with prefix") << u"106550123456"_s << u"+86106550123456"_s << true;
    QTest::newRow("sender case") << u"CMBCHINA"_s << u"cmbchina"_s << true;
    QTest::newRow("hidden never same") << u"-1"_s << u"-1"_s << false;
    QTest::newRow("hidden vs private") << u"Unknown"_s << u"Private"_s << false;
    QTest::newRow("invalid same junk") << u"138abc"_s << u"138abc"_s << true;
}

void TstPhoneNormalizer::sameNumber()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, same);
    PhoneNormalizer normalizer;
    QCOMPARE(normalizer.sameNumber(a, b), same);
    QCOMPARE(normalizer.sameNumber(b, a), same);
}

void TstPhoneNormalizer::typeNames()
{
    const std::vector<std::pair<Type, QString>> names = {
        {Type::Mobile, u"mobile"_s},
        {Type::FixedLine, u"fixed_line"_s},
        {Type::FixedLineOrMobile, u"fixed_line_or_mobile"_s},
        {Type::TollFree, u"toll_free"_s},
        {Type::SharedCost, u"shared_cost"_s},
        {Type::PremiumRate, u"premium_rate"_s},
        {Type::Voip, u"voip"_s},
        {Type::ShortCode, u"short_code"_s},
        {Type::SmsSender, u"sms_sender"_s},
        {Type::Alphanumeric, u"alphanumeric"_s},
        {Type::Hidden, u"hidden"_s},
        {Type::Invalid, u"invalid"_s},
        {Type::Other, u"other"_s},
    };
    for (const auto &[type, name] : names)
        QCOMPARE(Dossier::toString(type), name);
}

void TstPhoneNormalizer::cacheOneEntryPerInput()
{
    PhoneNormalizer normalizer;
    QCOMPARE(normalizer.cacheSize(), 0);
    const PhoneInfo &first = normalizer.normalize(u"13800138000"_s);
    QCOMPARE(normalizer.cacheSize(), 1);
    const PhoneInfo &again = normalizer.normalize(u"13800138000"_s);
    QCOMPARE(normalizer.cacheSize(), 1);
    QCOMPARE(&first, &again);
    // Distinct inputs are distinct entries even when they denote the same number.
    const PhoneInfo &other = normalizer.normalize(u"+86 138 0013 8000"_s);
    QCOMPARE(normalizer.cacheSize(), 2);
    QCOMPARE(other.raw, u"+86 138 0013 8000"_s);
    QCOMPARE(first.raw, u"13800138000"_s);
    normalizer.sameNumber(u"13800138000"_s, u"10086"_s);
    QCOMPARE(normalizer.cacheSize(), 3);
    // Plain digits are cached by value and length: leading zeros make another entry.
    const PhoneInfo &zeros = normalizer.normalize(u"0013800138000"_s);
    QCOMPARE(zeros.raw, u"0013800138000"_s);
    QCOMPARE(normalizer.cacheSize(), 4);
    QCOMPARE(&normalizer.normalize(u"0013800138000"_s), &zeros);
    QCOMPARE(normalizer.normalize(u"13800138000"_s).raw, u"13800138000"_s);
    // 17 digits still pack, 18 go by string; both are looked up again, not recomputed.
    const PhoneInfo &d17 = normalizer.normalize(u"12345678901234567"_s);
    const PhoneInfo &d18 = normalizer.normalize(u"123456789012345678"_s);
    QCOMPARE(normalizer.cacheSize(), 6);
    QCOMPARE(&normalizer.normalize(u"12345678901234567"_s), &d17);
    QCOMPARE(&normalizer.normalize(u"123456789012345678"_s), &d18);
    QCOMPARE(d18.raw, u"123456789012345678"_s);
    QCOMPARE(normalizer.cacheSize(), 6);
}

// A plain 11-digit 13x-19x number skips libphonenumber's Parse(); written as +86 it goes
// through Parse(). Both must describe the number identically, prefix by prefix.
void TstPhoneNormalizer::plainMobileMatchesInternationalForm()
{
    PhoneNormalizer normalizer;
    int valid = 0;
    for (int prefix = 1300; prefix <= 1999; ++prefix) {
        const QString plain = QString::number(prefix) + u"0381234"_s;
        const PhoneInfo &a = normalizer.normalize(plain);
        const PhoneInfo &b = normalizer.normalize(u"+86 "_s + plain);
        if (b.e164.isEmpty()) { // not a valid number: the plain form is not one either
            QVERIFY2(a.e164.isEmpty(), qPrintable(plain));
            continue;
        }
        ++valid;
        QCOMPARE(a.e164, b.e164);
        QCOMPARE(a.key, b.key);
        QCOMPARE(a.region, b.region);
        QCOMPARE(int(a.type), int(b.type));
        QCOMPARE(a.locationZh, b.locationZh);
        QCOMPARE(a.locationEn, b.locationEn);
        QCOMPARE(a.carrier, b.carrier);
        QCOMPARE(a.label, b.label);
    }
    // Most of 130-199 are mobile ranges; a run where none is valid checked nothing.
    QVERIFY2(valid > 400, qPrintable(QString::number(valid)));
}

void TstPhoneNormalizer::referencesStayValid()
{
    PhoneNormalizer normalizer;
    const PhoneInfo &early = normalizer.normalize(u"0571-88888888"_s);
    const PhoneInfo *const address = &early;
    for (int i = 0; i < 5000; ++i)
        normalizer.normalize(u"138%1"_s.arg(i, 8, 10, QChar(u'0')));
    QCOMPARE(normalizer.cacheSize(), 5001);
    QCOMPARE(&normalizer.normalize(u"0571-88888888"_s), address);
    QCOMPARE(early.e164, u"+8657188888888"_s);
    QCOMPARE(early.locationZh, u"浙江省杭州市"_s);
    QCOMPARE(normalizer.normalize(u"13800000042"_s).e164, u"+8613800000042"_s);
}

void TstPhoneNormalizer::otherDefaultRegion()
{
    PhoneNormalizer normalizer(u"HK"_s);
    const PhoneInfo &hk = normalizer.normalize(u"9123 4567"_s);
    QCOMPARE(hk.e164, u"+85291234567"_s);
    QCOMPARE(hk.region, u"HK"_s);
    // Explicit +86 still wins over the default region.
    QCOMPARE(normalizer.normalize(u"+86 138 0013 8000"_s).e164, u"+8613800138000"_s);
}

// Real exported addresses (US test numbers, e-mail senders, group MMS lists): every one gets a
// stable non-empty key, and anything with an E.164 form is its own key.
void TstPhoneNormalizer::corpusAddresses()
{
    const QString dir = QStringLiteral(DOSSIER_SHARED_CORPUS_DIR) + u"/sms-backup-restore-xml"_s;
    QDirIterator it(dir, {u"*.xml"_s}, QDir::Files, QDirIterator::Subdirectories);
    static const QRegularExpression attr(uR"re(\b(?:address|number)="([^"]*)")re"_s);
    static const QRegularExpression e164(uR"(^\+[1-9]\d{6,14}$)"_s);
    QStringList values;
    while (it.hasNext()) {
        QFile file(it.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        for (auto m = attr.globalMatch(text); m.hasNext();)
            values << m.next().captured(1);
    }
    if (values.isEmpty())
        QSKIP("shared corpus not available");
    PhoneNormalizer normalizer;
    PhoneNormalizer fresh;
    for (const QString &value : std::as_const(values)) {
        const PhoneInfo &info = normalizer.normalize(value);
        QVERIFY2(!info.key.isEmpty(), qPrintable(value));
        QCOMPARE(fresh.normalize(value).key, info.key);
        if (info.isPhoneNumber()) {
            QVERIFY2(e164.match(info.e164).hasMatch(), qPrintable(info.e164));
            QCOMPARE(info.key, info.e164);
        }
        if (value.contains(u'~'))
            QVERIFY(!info.isPhoneNumber());
        if (value.contains(u'@'))
            QCOMPARE(Dossier::toString(info.type), u"alphanumeric"_s);
    }
}

QTEST_GUILESS_MAIN(TstPhoneNormalizer)
#include "tst_phonenormalizer.moc"
