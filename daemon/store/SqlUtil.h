// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/StoreError.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariant>

// Helpers shared by the repositories: prepared statements that throw StoreError, error mapping
// and value conversions.
class SqlUtil
{
public:
    static bool isMySql(const QSqlDatabase &db);

    // Prepares `sql`; throws StoreError(Unavailable) when the connection is not usable.
    static QSqlQuery prepare(const QSqlDatabase &db, const QString &sql);
    // Executes a prepared query; maps a failure to StoreError. `what` names the operation.
    static void exec(QSqlQuery &query, const QString &what);

    // Maps a driver error to a StoreError with a message that carries no bound value.
    static StoreError toStoreError(const QSqlError &error, bool mySql, const QString &what);

    // A null QString binds as SQL NULL; text columns are NOT NULL, so bind through this.
    static QString text(const QString &value);
    static QVariant nullableMs(qint64 ms);         // 0 -> NULL
    static qint64 msOrZero(const QVariant &value); // NULL -> 0
    static QString modelsToJson(const QStringList &models);
    static QStringList modelsFromJson(const QString &json);
    // A JSON object of strings; "{}" for an empty map. Unparsable text reads as empty.
    static QString modelMapToJson(const QHash<QString, QString> &map);
    static QHash<QString, QString> modelMapFromJson(const QString &json);
    static QVariant nullableBlob(const QByteArray &data); // empty -> NULL
    // Whether a row with this id exists (tells "not found" from "unchanged" after an UPDATE).
    static bool rowExists(const QSqlDatabase &db, const QString &table, qint64 id);
};
