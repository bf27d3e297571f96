// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/records.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <string>

using namespace Qt::StringLiterals;

namespace Dossier {
namespace {

template <typename E, size_t N>
std::optional<E> lookup(const std::array<const char16_t *, N> &names, QStringView name)
{
    for (size_t i = 0; i < N; ++i) {
        if (name.compare(QStringView(names[i]), Qt::CaseInsensitive) == 0)
            return static_cast<E>(i);
    }
    return std::nullopt;
}

constexpr std::array<const char16_t *, 3> KIND_NAMES{u"call", u"message", u"incident"};
constexpr std::array<const char16_t *, 8> CHANNEL_NAMES{
    u"phone", u"sms", u"mms", u"wechat", u"qq", u"whatsapp", u"telegram", u"other"};
constexpr std::array<const char16_t *, 6> DIRECTION_NAMES{
    u"incoming", u"outgoing", u"missed", u"rejected", u"blocked", u"unknown"};

// The names as QStrings over the literals themselves (no allocation and no reference count):
// importers and the case file ask for them for every record, on two threads, and copies of one
// shared string made both threads write to the same counter.
template <const auto &Names>
QString nameOf(size_t index)
{
    const char16_t *name = Names.at(index);
    return QString::fromRawData(reinterpret_cast<const QChar *>(name),
                                qsizetype(std::char_traits<char16_t>::length(name)));
}

} // namespace

char16_t *writeDecimal(char16_t *out, qint64 value)
{
    char digits[24];
    const char *const end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    return std::copy(static_cast<const char *>(digits), end, out);
}

QString numberedLocator(QStringView word, qint64 number)
{
    char16_t digits[24];
    const qsizetype n = writeDecimal(digits, number) - digits;
    QString out(word.size() + n, Qt::Uninitialized);
    char16_t *p = reinterpret_cast<char16_t *>(out.data());
    p = std::copy(word.utf16(), word.utf16() + word.size(), p);
    std::copy(digits, digits + n, p);
    return out;
}

QString toString(EventKind kind) { return nameOf<KIND_NAMES>(size_t(kind)); }
QString toString(Channel channel) { return nameOf<CHANNEL_NAMES>(size_t(channel)); }
QString toString(Direction direction) { return nameOf<DIRECTION_NAMES>(size_t(direction)); }

std::optional<EventKind> eventKindFromString(QStringView name)
{
    return lookup<EventKind>(KIND_NAMES, name);
}
std::optional<Channel> channelFromString(QStringView name)
{
    return lookup<Channel>(CHANNEL_NAMES, name);
}
std::optional<Direction> directionFromString(QStringView name)
{
    return lookup<Direction>(DIRECTION_NAMES, name);
}

const QStringList &incidentTypes()
{
    static const QStringList types{u"call"_s, u"sms"_s,         u"chat"_s,  u"visit"_s,
                                   u"third_party"_s, u"threat"_s, u"other"_s};
    return types;
}

} // namespace Dossier
