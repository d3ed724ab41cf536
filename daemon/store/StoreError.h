// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <exception>

// Thrown by the repositories. The message is safe to show to an administrator and to log: it
// never contains a password, a key or a secret.
class StoreError : public std::exception
{
public:
    enum class Kind
    {
        NotFound,   // the row does not exist
        Conflict,   // a unique constraint (name, email, key hash, ...) would be violated
        Invalid,    // the values are not acceptable (bad reference, too long, bad argument)
        Unavailable // the database could not be reached or failed
    };

    StoreError(Kind kind, const QString &message)
        : m_kind(kind), m_message(message), m_what(message.toUtf8())
    {
    }

    Kind kind() const { return m_kind; }
    QString message() const { return m_message; }
    const char *what() const noexcept override { return m_what.constData(); }

    static QString kindName(Kind kind)
    {
        switch (kind) {
        case Kind::NotFound:
            return QStringLiteral("not_found");
        case Kind::Conflict:
            return QStringLiteral("conflict");
        case Kind::Invalid:
            return QStringLiteral("invalid");
        case Kind::Unavailable:
            break;
        }
        return QStringLiteral("unavailable");
    }

private:
    Kind m_kind;
    QString m_message;
    QByteArray m_what;
};
