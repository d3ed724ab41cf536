// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/ScopeOwner.h"

#include "store/SqlUtil.h"

std::optional<qint64> ScopeOwner::enterpriseOf(const QSqlDatabase &db, LimitScope scope, qint64 id)
{
    if (id < 1)
        return std::nullopt;
    QString sql;
    switch (scope) {
    case LimitScope::Key:
        sql = QStringLiteral("SELECT u.enterprise_id FROM api_keys k JOIN users u "
                             "ON u.id = k.user_id WHERE k.id = ?");
        break;
    case LimitScope::User:
        sql = QStringLiteral("SELECT enterprise_id FROM users WHERE id = ?");
        break;
    case LimitScope::Group:
        sql = QStringLiteral("SELECT enterprise_id FROM `groups` WHERE id = ?");
        break;
    case LimitScope::Department:
        sql = QStringLiteral("SELECT enterprise_id FROM departments WHERE id = ?");
        break;
    case LimitScope::Enterprise:
        sql = QStringLiteral("SELECT id FROM enterprises WHERE id = ?");
        break;
    }
    QSqlQuery q = SqlUtil::prepare(db, sql);
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("look up the scope of a limit"));
    if (!q.next())
        return std::nullopt;
    return SqlUtil::msOrZero(q.value(0));
}

QString ScopeOwner::notFoundMessage(LimitScope scope, qint64 id)
{
    return QStringLiteral("No %1 with id %2.").arg(LimitScopes::name(scope)).arg(id);
}
