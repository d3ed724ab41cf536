// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/RouteAccess.h"

#include "api/admin/Authorizer.h"

#include <QStringList>

bool RouteAccess::allows(const AdminIdentity &who) const
{
    switch (m_kind) {
    case Kind::Public:
        return true;
    case Kind::SignedIn:
        return who.userId > 0;
    case Kind::Need:
        break;
    }
    for (Permission p : m_permissions) {
        if (m_scope == ScopeFrom::Global ? can(who, p) : canAnywhere(who, p))
            return true;
    }
    return false;
}

QString RouteAccess::describe() const
{
    switch (m_kind) {
    case Kind::Public:
        return QStringLiteral("public");
    case Kind::SignedIn:
        return QStringLiteral("signed-in");
    case Kind::Need:
        break;
    }
    QStringList names;
    for (Permission p : m_permissions)
        names.append(Permissions::name(p));
    return names.join(QLatin1Char('|'));
}
