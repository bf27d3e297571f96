// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QHash>
#include <QString>

namespace Dossier {

/// What Dossier knows about one number as seen.
struct PhoneInfo
{
    enum class Type {
        Mobile,
        FixedLine,
        FixedLineOrMobile,
        TollFree,   ///< 800
        SharedCost, ///< 400
        PremiumRate,
        Voip,
        ShortCode,     ///< 95588, 10086, 12321, 110: kept as-is, never forced into E.164
        SmsSender,     ///< 106xxxxxxxx bulk SMS service numbers
        Alphanumeric,  ///< "CMBCHINA", "招商银行"
        Hidden,        ///< empty, -1, -2, -3, "Unknown", "Private"
        Invalid,
        Other,
    };

    QString raw;        ///< as seen
    QString e164;       ///< +8613800138000; empty unless the number is a valid dialable number
    QString key;        ///< identity used to group numbers: e164, else the cleaned short code/sender
    QString region;     ///< ISO region code: CN, HK, US ...
    Type type = Type::Invalid;
    QString locationZh; ///< 归属地, e.g. 北京市
    QString locationEn; ///< Beijing
    QString carrier;    ///< 中国移动 / 中国联通 / 中国电信 / 中国广电, for CN mobiles
    QString label;      ///< for known short codes: 中国移动客服, 工商银行, 12321 网络不良与垃圾信息举报 ...

    bool isPhoneNumber() const { return !e164.isEmpty(); }
};

/// Stable lowercase name of a type: mobile, fixed_line, fixed_line_or_mobile, toll_free,
/// shared_cost, premium_rate, voip, short_code, sms_sender, alphanumeric, hidden, invalid, other.
QString toString(PhoneInfo::Type type);

/// libphonenumber with its offline geocoder plus a carrier table generated from libphonenumber's
/// own carrier data. Results are cached per distinct input. Not thread-safe: one per thread.
class PhoneNormalizer final
{
public:
    explicit PhoneNormalizer(const QString &defaultRegion = QStringLiteral("CN"));
    ~PhoneNormalizer();
    PhoneNormalizer(const PhoneNormalizer &) = delete;
    PhoneNormalizer &operator=(const PhoneNormalizer &) = delete;

    const PhoneInfo &normalize(const QString &raw);
    /// True if both inputs denote the same number (same key).
    bool sameNumber(const QString &a, const QString &b);
    qsizetype cacheSize() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace Dossier
