// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/AuditEntries.h"

#include "api/admin/AuditRedactor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace {

// Column bounds (MariaDB VARCHAR sizes), so a long value is cut rather than refused.
constexpr int MaxEmail = 255;
constexpr int MaxAddress = 64;
constexpr int MaxAction = 128;
constexpr int MaxTargetType = 64;
constexpr int MaxTargetId = 191;

QStringList segments(const QString &pattern)
{
    QString path = pattern;
    if (path.startsWith(QLatin1String("/api/")))
        path = path.mid(5);
    return path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
}

QString singular(const QString &word)
{
    if (word.endsWith(QLatin1String("ies")))
        return word.chopped(3) + QLatin1Char('y');
    if (word.endsWith(QLatin1Char('s')) && !word.endsWith(QLatin1String("ss")))
        return word.chopped(1);
    return word;
}

QString verbOf(const QByteArray &method)
{
    if (method == "POST")
        return QStringLiteral("create");
    if (method == "PUT" || method == "PATCH")
        return QStringLiteral("update");
    if (method == "DELETE")
        return QStringLiteral("delete");
    return QString::fromLatin1(method).toLower();
}

} // namespace

QString AuditEntries::deriveAction(const QByteArray &method, const QString &pattern)
{
    if (method == "GET" || method == "HEAD" || method == "OPTIONS")
        return {};
    const QStringList parts = segments(pattern);
    if (parts.isEmpty())
        return {};
    QStringList rest;
    for (qsizetype i = 1; i < parts.size(); ++i) {
        if (!parts.at(i).startsWith(QLatin1Char('{')))
            rest << QString(parts.at(i)).replace(QLatin1Char('-'), QLatin1Char('_'));
    }
    const QString resource = singular(parts.first());
    if (rest.isEmpty())
        return resource + QLatin1Char('.') + verbOf(method);
    if (method == "POST")
        return resource + QLatin1Char('.') + rest.join(QLatin1Char('_'));
    return resource + QLatin1Char('.') + rest.join(QLatin1Char('_')) + QLatin1Char('_') +
           verbOf(method);
}

QString AuditEntries::deriveTargetType(const QString &pattern)
{
    const QStringList parts = segments(pattern);
    return parts.isEmpty() ? QString() : singular(parts.first());
}

QString AuditEntries::json(const QJsonValue &value)
{
    if (value.isUndefined())
        return {};
    const QJsonValue clean = AuditRedactor::redact(value);
    QByteArray text;
    if (clean.isObject())
        text = QJsonDocument(clean.toObject()).toJson(QJsonDocument::Compact);
    else if (clean.isArray())
        text = QJsonDocument(clean.toArray()).toJson(QJsonDocument::Compact);
    else {
        // A scalar: wrapped so the text is a JSON document of its own, then unwrapped.
        text = QJsonDocument(QJsonArray{clean}).toJson(QJsonDocument::Compact);
        text = text.mid(1, text.size() - 2);
    }
    if (text.size() > MaxJsonBytes)
        text = QJsonDocument(QJsonObject{{QStringLiteral("truncated"), true},
                                         {QStringLiteral("bytes"), qint64(text.size())}})
                   .toJson(QJsonDocument::Compact);
    return QString::fromUtf8(text);
}

std::optional<AuditRow> AuditEntries::build(const QString &routeAction, const QString &pattern,
                                            const HttpRequest &request,
                                            const std::optional<AdminIdentity> &caller,
                                            const AuditNote::Content &note, int status,
                                            qint64 nowMs)
{
    const bool success = status >= 200 && status < 300;
    QString action;
    if (success)
        action = note.action.isEmpty() ? routeAction : note.action;
    else
        action = note.failedAction;
    if (action.isEmpty())
        return std::nullopt;

    AuditRow row;
    row.atMs = nowMs;
    if (note.actorId || !note.actorEmail.isEmpty()) {
        row.actorId = note.actorId;
        row.actorEmail = note.actorEmail;
    } else if (caller && caller->userId > 0) {
        row.actorId = caller->userId;
        row.actorEmail = caller->email;
    }
    row.actorEmail = row.actorEmail.left(MaxEmail);
    row.address = request.peerAddress.toString().left(MaxAddress);
    row.action = action.left(MaxAction);
    row.targetType = (note.targetType.isEmpty() ? deriveTargetType(pattern) : note.targetType)
                         .left(MaxTargetType);
    row.targetId =
        (note.targetId.isEmpty() ? request.pathParams.value(QStringLiteral("id")) : note.targetId)
            .left(MaxTargetId);
    if (note.before)
        row.beforeJson = json(*note.before);
    if (note.after) {
        row.afterJson = json(*note.after);
    } else if (success && !request.body.isEmpty()) {
        // What was asked for: the request body, when it is JSON.
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(request.body, &error);
        if (error.error == QJsonParseError::NoError && doc.isObject())
            row.afterJson = json(doc.object());
        else if (error.error == QJsonParseError::NoError && doc.isArray())
            row.afterJson = json(doc.array());
    }
    row.enterpriseId = note.enterpriseId;
    return row;
}
