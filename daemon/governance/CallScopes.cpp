// SPDX-License-Identifier: GPL-3.0-or-later
#include "governance/CallScopes.h"

QList<CallScopes::Scope> CallScopes::of(const RelayKey &key,
                                        const QHash<qint64, QList<qint64>> &groupsByUser,
                                        const QHash<qint64, qint64> &departmentParent)
{
    QList<Scope> out;
    out.reserve(8);
    if (key.id > 0)
        out.append({LimitScope::Key, key.id});
    if (key.userId > 0) {
        out.append({LimitScope::User, key.userId});
        for (qint64 g : groupsByUser.value(key.userId))
            out.append({LimitScope::Group, g});
    }
    if (key.groupId > 0 && !out.contains(Scope{LimitScope::Group, key.groupId}))
        out.append({LimitScope::Group, key.groupId});
    qint64 dept = key.departmentId;
    for (int depth = 0; dept > 0 && depth < kMaxDepartmentDepth; ++depth) {
        if (out.contains(Scope{LimitScope::Department, dept}))
            break; // a loop in the parent links
        out.append({LimitScope::Department, dept});
        dept = departmentParent.value(dept);
    }
    if (key.enterpriseId > 0)
        out.append({LimitScope::Enterprise, key.enterpriseId});
    return out;
}

bool CallScopes::modelMatches(const QString &pattern, const QString &model)
{
    if (pattern.isEmpty())
        return true;
    if (pattern.endsWith(QLatin1Char('*')))
        return model.startsWith(QStringView(pattern).chopped(1));
    return pattern == model;
}
