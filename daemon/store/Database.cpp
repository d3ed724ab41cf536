// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/Database.h"

#include "store/SqlUtil.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

static QString scrub(QString text, const DatabaseUrl &url)
{
    if (url.password.size() >= 3)
        text.replace(url.password, QStringLiteral("***"));
    return text.trimmed();
}

static QString withExtra(const QString &defaults, const QString &extra)
{
    return extra.isEmpty() ? defaults : defaults + QLatin1Char(';') + extra;
}

static bool execAll(QSqlDatabase &db, const QStringList &statements, QString *failed)
{
    for (const QString &sql : statements) {
        QSqlQuery q(db);
        if (!q.exec(sql)) {
            *failed = sql + QStringLiteral(": ") + q.lastError().text();
            return false;
        }
    }
    return true;
}

QSqlDatabase Database::open(const DatabaseUrl &url, const QString &connectionName, QString *error)
{
    auto fail = [&](const QString &why) {
        if (error)
            *error =
                QStringLiteral("cannot open database %1: %2").arg(url.redacted(), scrub(why, url));
        QSqlDatabase::database(connectionName, false).close();
        return QSqlDatabase();
    };

    if (QSqlDatabase::contains(connectionName)) {
        QSqlDatabase::database(connectionName, false).close();
        QSqlDatabase::removeDatabase(connectionName);
    }
    if (!QSqlDatabase::isDriverAvailable(url.driver)) {
        return fail(url.driver == QLatin1String("QMYSQL")
                        ? QStringLiteral("the Qt MySQL driver (QMYSQL) is not installed "
                                         "(Debian: libqt6sql6-mysql)")
                        : QStringLiteral("the Qt SQL driver %1 is not installed").arg(url.driver));
    }

    QSqlDatabase db = QSqlDatabase::addDatabase(url.driver, connectionName);
    if (url.driver == QLatin1String("QSQLITE")) {
        if (url.path.isEmpty())
            return fail(QStringLiteral("no file path"));
        const QFileInfo info(url.path);
        if (!QDir().mkpath(info.absolutePath()))
            return fail(QStringLiteral("cannot create directory %1").arg(info.absolutePath()));
        db.setDatabaseName(url.path);
        db.setConnectOptions(withExtra(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"), url.options));
        if (!db.open())
            return fail(db.lastError().text());
        QString failed;
        if (!execAll(db,
                     {QStringLiteral("PRAGMA busy_timeout=5000"),
                      QStringLiteral("PRAGMA journal_mode=WAL"),
                      QStringLiteral("PRAGMA synchronous=NORMAL"),
                      QStringLiteral("PRAGMA foreign_keys=ON")},
                     &failed))
            return fail(failed);
        return db;
    }

    db.setHostName(url.host);
    db.setPort(url.port);
    db.setUserName(url.user);
    db.setPassword(url.password);
    db.setDatabaseName(url.database);
    // Options from the URL come last so they override these defaults.
    db.setConnectOptions(withExtra(QStringLiteral("MYSQL_OPT_CONNECT_TIMEOUT=5;"
                                                  "MYSQL_OPT_READ_TIMEOUT=30;"
                                                  "MYSQL_OPT_WRITE_TIMEOUT=30;"
                                                  "MYSQL_OPT_RECONNECT=0"),
                                   url.options));
    if (!db.open())
        return fail(db.lastError().text());
    QString failed;
    if (!execAll(db,
                 {QStringLiteral("SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci"),
                  QStringLiteral("SET time_zone = '+00:00'")},
                 &failed))
        return fail(failed);
    return db;
}

void Database::close(const QString &connectionName)
{
    {
        QSqlDatabase db = QSqlDatabase::database(connectionName, false);
        if (db.isValid())
            db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
}

bool Database::ping(const QSqlDatabase &db)
{
    if (!db.isValid() || !db.isOpen())
        return false;
    QSqlQuery q(db);
    return q.exec(QStringLiteral("SELECT 1")) && q.next() && q.value(0).toInt() == 1;
}

bool Database::isMySql(const QSqlDatabase &db)
{
    return SqlUtil::isMySql(db);
}
