// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/DatabaseUrl.h"

#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

namespace {

const QString SqliteExample = QStringLiteral("sqlite:///var/lib/aicarpool/aicarpool.db");
const QString MysqlExample = QStringLiteral("mysql://user:password@127.0.0.1:3306/aicarpool");

QString invalid(const QString &url, const QString &what)
{
    return QStringLiteral("invalid database URL \"%1\": %2")
        .arg(DatabaseUrl::redactText(url), what);
}

} // namespace

QString DatabaseUrl::redactText(const QString &url)
{
    // scheme://user:password@rest -> scheme://user:***@rest (the last '@' ends the credentials)
    const int schemeEnd = url.indexOf(QLatin1String("://"));
    if (schemeEnd < 0)
        return url;
    const int at = url.lastIndexOf(QLatin1Char('@'));
    const int colon = url.indexOf(QLatin1Char(':'), schemeEnd + 3);
    if (at < 0 || colon < 0 || colon > at)
        return url;
    return url.left(colon + 1) + QLatin1String("***") + url.mid(at);
}

std::optional<DatabaseUrl> DatabaseUrl::parse(const QString &text, QString *error)
{
    QString dummy;
    if (!error)
        error = &dummy;
    const QString url = text.trimmed();
    if (url.isEmpty()) {
        *error = QStringLiteral("empty database URL: expected %1 or %2")
                     .arg(SqliteExample, MysqlExample);
        return std::nullopt;
    }
    const int schemeEnd = url.indexOf(QLatin1String("://"));
    const QString scheme = schemeEnd > 0 ? url.left(schemeEnd).toLower() : QString();

    if (scheme == QLatin1String("sqlite") || scheme == QLatin1String("sqlite3")) {
        const QString rest = url.mid(schemeEnd + 3);
        if (!rest.startsWith(QLatin1Char('/'))) {
            *error =
                invalid(url, QStringLiteral("the SQLite path must be absolute (three slashes), "
                                            "e.g. %1")
                                 .arg(SqliteExample));
            return std::nullopt;
        }
        QString path = QUrl::fromPercentEncoding(rest.toUtf8());
        if (path.size() < 2 || path.endsWith(QLatin1Char('/'))) {
            *error =
                invalid(url, QStringLiteral("expected a file path, e.g. %1").arg(SqliteExample));
            return std::nullopt;
        }
        DatabaseUrl result;
        result.driver = QStringLiteral("QSQLITE");
        result.path = path;
        result.port = 0;
        return result;
    }

    if (scheme == QLatin1String("mysql") || scheme == QLatin1String("mariadb")) {
        const QUrl parsed(url, QUrl::StrictMode);
        if (!parsed.isValid()) {
            *error = invalid(url, QStringLiteral("malformed URL (percent-encode special characters "
                                                 "in the user or password), e.g. %1")
                                      .arg(MysqlExample));
            return std::nullopt;
        }
        DatabaseUrl result;
        result.driver = QStringLiteral("QMYSQL");
        result.host = parsed.host(QUrl::FullyDecoded);
        result.user = parsed.userName(QUrl::FullyDecoded);
        result.password = parsed.password(QUrl::FullyDecoded);
        result.port = parsed.port(3306);
        QString database = parsed.path(QUrl::FullyDecoded);
        if (database.startsWith(QLatin1Char('/')))
            database.remove(0, 1);
        result.database = database;
        if (result.host.isEmpty()) {
            *error = invalid(url, QStringLiteral("the host is missing, e.g. %1").arg(MysqlExample));
            return std::nullopt;
        }
        if (result.port <= 0 || result.port > 65535) {
            *error = invalid(url, QStringLiteral("the port must be 1-65535"));
            return std::nullopt;
        }
        if (result.user.isEmpty()) {
            *error = invalid(url, QStringLiteral("the user is missing, e.g. %1").arg(MysqlExample));
            return std::nullopt;
        }
        if (result.database.isEmpty() || result.database.contains(QLatin1Char('/'))) {
            *error =
                invalid(url, QStringLiteral("expected one database name after the host, e.g. %1")
                                 .arg(MysqlExample));
            return std::nullopt;
        }
        if (parsed.hasFragment()) {
            *error =
                invalid(url, QStringLiteral("unexpected '#' fragment (percent-encode '#' as %23)"));
            return std::nullopt;
        }
        if (parsed.hasQuery()) {
            QStringList options;
            const auto items = QUrlQuery(parsed).queryItems(QUrl::FullyDecoded);
            for (const auto &item : items) {
                if (item.first.isEmpty() || item.first.contains(QLatin1Char(';')) ||
                    item.second.contains(QLatin1Char(';'))) {
                    *error = invalid(url, QStringLiteral("bad connect option in the query string"));
                    return std::nullopt;
                }
                options << (item.second.isEmpty() ? item.first
                                                  : item.first + QLatin1Char('=') + item.second);
            }
            result.options = options.join(QLatin1Char(';'));
        }
        return result;
    }

    *error = invalid(
        url,
        QStringLiteral("unsupported scheme, expected %1 or %2").arg(SqliteExample, MysqlExample));
    return std::nullopt;
}

QString DatabaseUrl::redacted() const
{
    if (isSqlite())
        return QStringLiteral("sqlite://") + path;
    QUrl url;
    url.setScheme(QStringLiteral("mysql"));
    url.setHost(host);
    url.setPort(port);
    url.setUserName(user);
    if (!password.isEmpty())
        url.setPassword(QStringLiteral("***"));
    url.setPath(QLatin1Char('/') + database);
    QString text = url.toString();
    if (!options.isEmpty()) {
        QString query = options;
        query.replace(QLatin1Char(';'), QLatin1Char('&'));
        text += QLatin1Char('?') + query;
    }
    return text;
}
