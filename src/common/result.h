// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <utility>
#include <variant>

#include <QString>

namespace Dossier {

/// Broad classes of failure; the CLI maps them to exit codes, the GUI to dialogs.
enum class ErrorCode {
    Usage,        ///< bad arguments or options
    NotFound,     ///< a file, row or item does not exist
    Io,           ///< read/write failed (permissions, disk full, ...)
    NotACaseFile, ///< the file is not a Dossier case file
    Corrupt,      ///< damaged, truncated or inconsistent case file
    TooNew,       ///< made by a newer, incompatible Dossier
    Database,     ///< SQLite reported an error
    Parse,        ///< input could not be parsed (names file and line/record)
    Unsupported,  ///< a format or feature Dossier does not handle
    Cancelled,    ///< the user cancelled; nothing was changed
    Integrity,    ///< a hash or chain did not match
    Internal,     ///< a broken invariant
};

/// An expected failure. `message` is for the user (translated where possible),
/// `detail` is technical (sqlite errmsg, errno text, offsets).
struct Error
{
    ErrorCode code = ErrorCode::Internal;
    QString message;
    QString detail;

    /// message, plus detail in parentheses when there is one
    QString toString() const
    {
        return detail.isEmpty() ? message : message + u" (" + detail + u')';
    }
};

/// A small subset of std::expected (not in g++ 12): a value or an Error.
template <typename T = void>
class [[nodiscard]] Result
{
public:
    Result(const T &value) : m_v(std::in_place_index<0>, value) {}
    Result(T &&value) : m_v(std::in_place_index<0>, std::move(value)) {}
    Result(const Error &error) : m_v(std::in_place_index<1>, error) {}
    Result(Error &&error) : m_v(std::in_place_index<1>, std::move(error)) {}

    bool has_value() const { return m_v.index() == 0; }
    explicit operator bool() const { return has_value(); }
    T &value() & { return std::get<0>(m_v); }
    const T &value() const & { return std::get<0>(m_v); }
    T &&value() && { return std::get<0>(std::move(m_v)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }
    const Error &error() const { return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

template <>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(const Error &error) : m_error(error), m_ok(false) {}
    Result(Error &&error) : m_error(std::move(error)), m_ok(false) {}

    bool has_value() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error &error() const { return m_error; }

private:
    Error m_error;
    bool m_ok = true;
};

inline Error makeError(ErrorCode code, const QString &message, const QString &detail = {})
{
    return Error{code, message, detail};
}

} // namespace Dossier
