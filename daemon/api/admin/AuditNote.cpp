// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/AuditNote.h"

void AuditNote::setTarget(const QString &type, const QString &id)
{
    QMutexLocker lock(&m_mutex);
    m_content.targetType = type;
    m_content.targetId = id;
}

void AuditNote::setTargetId(qint64 id)
{
    QMutexLocker lock(&m_mutex);
    m_content.targetId = QString::number(id);
}

void AuditNote::setBefore(const QJsonValue &before)
{
    QMutexLocker lock(&m_mutex);
    m_content.before = before;
}

void AuditNote::setAfter(const QJsonValue &after)
{
    QMutexLocker lock(&m_mutex);
    m_content.after = after;
}

void AuditNote::setAction(const QString &action)
{
    QMutexLocker lock(&m_mutex);
    m_content.action = action;
}

void AuditNote::setActor(qint64 userId, const QString &email)
{
    QMutexLocker lock(&m_mutex);
    m_content.actorId = userId > 0 ? std::optional<qint64>(userId) : std::nullopt;
    m_content.actorEmail = email;
}

void AuditNote::setEnterprise(qint64 enterpriseId)
{
    QMutexLocker lock(&m_mutex);
    m_content.enterpriseId = enterpriseId;
}

void AuditNote::recordFailureAs(const QString &action)
{
    QMutexLocker lock(&m_mutex);
    m_content.failedAction = action;
}

AuditNote::Content AuditNote::content() const
{
    QMutexLocker lock(&m_mutex);
    return m_content;
}
