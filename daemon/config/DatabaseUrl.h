// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

// A database location given as a URL:
//   sqlite:///absolute/path/aicarpool.db
//   mysql://user:password@host:port/database   (also mariadb://; port defaults to 3306;
//                                                user and password percent-encoded;
//                                                ?key=value&... become connect options)
struct DatabaseUrl
{
    QString driver; // "QSQLITE" or "QMYSQL"
    QString path;   // SQLite file
    QString host;
    int port = 3306;
    QString user;
    QString password;
    QString database;
    QString options; // QSqlDatabase::setConnectOptions() form: "KEY=value;KEY2=value"

    bool isSqlite() const { return driver == QLatin1String("QSQLITE"); }
    bool isMysql() const { return driver == QLatin1String("QMYSQL"); }

    // std::nullopt and one line in *error (never containing the password) when invalid.
    static std::optional<DatabaseUrl> parse(const QString &url, QString *error);

    // The URL with the password replaced by "***", for logs.
    QString redacted() const;

    // Masks the password part of any "scheme://user:password@..." text, for error messages
    // about URLs that could not be parsed.
    static QString redactText(const QString &url);
};
