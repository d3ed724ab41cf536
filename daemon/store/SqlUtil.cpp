// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/SqlUtil.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDriver>

bool SqlUtil::isMySql(const QSqlDatabase &db)
{
    return db.driverName() == QLatin1String("QMYSQL") ||
           db.driverName() == QLatin1String("QMARIADB");
}

QSqlQuery SqlUtil::prepare(const QSqlDatabase &db, const QString &sql)
{
    if (!db.isValid() || !db.isOpen())
        throw StoreError(StoreError::Kind::Unavailable,
                         QStringLiteral("database is not connected"));
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        throw toStoreError(query.lastError(), isMySql(db), QStringLiteral("prepare"));
    return query;
}

void SqlUtil::exec(QSqlQuery &query, const QString &what)
{
    if (!query.exec())
        throw toStoreError(
            query.lastError(),
            query.driver() && (query.driver()->dbmsType() == QSqlDriver::MySqlServer), what);
}

StoreError SqlUtil::toStoreError(const QSqlError &error, bool mySql, const QString &what)
{
    const QString code = error.nativeErrorCode();
    const QString text = error.databaseText().isEmpty() ? error.driverText() : error.databaseText();
    if (mySql) {
        if (code == QLatin1String("1062") || code == QLatin1String("1586"))
            return StoreError(
                StoreError::Kind::Conflict,
                QStringLiteral("%1: a row with the same unique value exists").arg(what));
        if (code == QLatin1String("1451"))
            return StoreError(StoreError::Kind::Conflict,
                              QStringLiteral("%1: the row is still referenced").arg(what));
        if (code == QLatin1String("1452"))
            return StoreError(StoreError::Kind::Invalid,
                              QStringLiteral("%1: a referenced row does not exist").arg(what));
        if (code == QLatin1String("1406") || code == QLatin1String("1048") ||
            code == QLatin1String("1264") || code == QLatin1String("1366"))
            return StoreError(
                StoreError::Kind::Invalid,
                QStringLiteral("%1: a value is missing, too long or out of range").arg(what));
    } else {
        if (text.contains(QLatin1String("UNIQUE constraint failed")) ||
            text.contains(QLatin1String("PRIMARY KEY")))
            return StoreError(
                StoreError::Kind::Conflict,
                QStringLiteral("%1: a row with the same unique value exists").arg(what));
        if (text.contains(QLatin1String("FOREIGN KEY constraint failed")))
            return StoreError(StoreError::Kind::Invalid,
                              QStringLiteral("%1: a referenced row does not exist or the row is "
                                             "still referenced")
                                  .arg(what));
        if (text.contains(QLatin1String("NOT NULL constraint failed")) ||
            text.contains(QLatin1String("CHECK constraint failed")))
            return StoreError(StoreError::Kind::Invalid,
                              QStringLiteral("%1: a value is missing or out of range").arg(what));
    }
    // Prepared statements keep values out of the SQL text, so the driver's message names no
    // value; it is kept because it is what an operator needs ("Lost connection ...").
    return StoreError(StoreError::Kind::Unavailable,
                      QStringLiteral("%1 failed: %2").arg(what, text.trimmed()));
}

QString SqlUtil::text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

bool SqlUtil::rowExists(const QSqlDatabase &db, const QString &table, qint64 id)
{
    QSqlQuery q = prepare(db, QStringLiteral("SELECT 1 FROM %1 WHERE id = ?").arg(table));
    q.addBindValue(id);
    exec(q, QStringLiteral("look up row"));
    return q.next();
}

QVariant SqlUtil::nullableMs(qint64 ms)
{
    if (ms == 0)
        return QVariant(QMetaType::fromType<qint64>());
    return QVariant::fromValue(ms);
}

qint64 SqlUtil::msOrZero(const QVariant &value)
{
    if (value.isNull())
        return 0;
    return value.toLongLong();
}

QString SqlUtil::modelsToJson(const QStringList &models)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(models)).toJson(QJsonDocument::Compact));
}

QStringList SqlUtil::modelsFromJson(const QString &json)
{
    QStringList out;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8());
    const QJsonArray array = doc.array();
    for (const QJsonValue &v : array) {
        if (v.isString())
            out.append(v.toString());
    }
    return out;
}

QString SqlUtil::modelMapToJson(const QHash<QString, QString> &map)
{
    QJsonObject o;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        o.insert(it.key(), it.value());
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QHash<QString, QString> SqlUtil::modelMapFromJson(const QString &json)
{
    QHash<QString, QString> out;
    const QJsonObject o = QJsonDocument::fromJson(json.toUtf8()).object();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.value().isString())
            out.insert(it.key(), it.value().toString());
    }
    return out;
}

QVariant SqlUtil::nullableBlob(const QByteArray &data)
{
    if (data.isEmpty())
        return QVariant(QMetaType::fromType<QByteArray>());
    return QVariant(data);
}
