// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonValue>
#include <QMutex>
#include <QString>
#include <QtGlobal>

#include <memory>
#include <optional>

// What a handler tells the audit log about its request, beyond what the route table knows
// (caller, address, route). Safe to fill from any thread, e.g. the "before" row from inside the
// database job that changes it; the route table reads it when the handler answers.
class AuditNote
{
public:
    struct Content
    {
        QString action;     // empty: the route's action
        QString targetType; // empty: from the route
        QString targetId;   // empty: the route's {id}
        std::optional<QJsonValue> before;
        std::optional<QJsonValue> after; // unset: the request body
        std::optional<qint64> actorId;   // for public routes: who signed in
        QString actorEmail;
        std::optional<qint64> enterpriseId;
        QString failedAction; // recorded even when the answer is not 2xx (sign-in failures)
    };

    void setTarget(const QString &type, const QString &id);
    void setTargetId(qint64 id);
    void setBefore(const QJsonValue &before);
    void setAfter(const QJsonValue &after);
    void setAction(const QString &action);
    void setActor(qint64 userId, const QString &email);
    // The enterprise the target or actor belongs to (a tenant sees the entries of its own).
    void setEnterprise(qint64 enterpriseId);
    // Record `action` also when the request ends with an error answer.
    void recordFailureAs(const QString &action);

    Content content() const;

private:
    mutable QMutex m_mutex;
    Content m_content;
};

using AuditNotePtr = std::shared_ptr<AuditNote>;
