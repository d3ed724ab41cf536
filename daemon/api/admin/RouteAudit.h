// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

// How the audit log names what a route does, declared with the route. By default a non-GET
// route is recorded under the action derived from its method and pattern (AuditEntries::
// deriveAction: POST /api/accounts -> "account.create"); a route may name its action, or, for
// session upkeep that changes nothing an administrator manages (token refresh), opt out.
class RouteAudit
{
public:
    static RouteAudit derived() { return RouteAudit(Kind::Derived, {}); }
    static RouteAudit named(const QString &action) { return RouteAudit(Kind::Named, action); }
    static RouteAudit none() { return RouteAudit(Kind::None, {}); }

    bool isNone() const { return m_kind == Kind::None; }
    bool isNamed() const { return m_kind == Kind::Named; }
    const QString &action() const { return m_action; }

private:
    enum class Kind
    {
        Derived,
        Named,
        None
    };
    RouteAudit(Kind kind, QString action) : m_kind(kind), m_action(std::move(action)) {}

    Kind m_kind;
    QString m_action;
};
