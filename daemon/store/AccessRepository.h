// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/AccessModel.h"
#include "store/TenantFilter.h"

#include <QJsonArray>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

// A role as stored: built-in roles have no enterprise and their permissions come from
// shared/rbac; custom roles belong to one enterprise.
struct RoleRow
{
    QString id;
    qint64 enterpriseId = 0;
    QString name;
    QList<Permission> permissions;
    bool builtin = false;
};

struct RoleAssignmentRow
{
    qint64 id = 0;
    qint64 userId = 0;
    QString roleId;
    Scope scope;
    qint64 createdAtMs = 0;
};

// `roles` and `role_assignments`, and the whole access model in one read. Every method throws
// StoreError on failure. Use it on the connection's thread.
class AccessRepository
{
public:
    explicit AccessRepository(const QSqlDatabase &db) : m_db(db) {}

    // Everything AccessModel needs, read in a handful of queries.
    AccessModel load();

    // Built-in roles first, then the custom roles of the visible tenants, by name.
    QList<RoleRow> listRoles(const TenantFilter &tenants);
    std::optional<RoleRow> getRole(const QString &id);
    void insertRole(const RoleRow &row); // Conflict on a duplicate id
    void updateRole(const RoleRow &row); // name and permissions
    // Conflict while the role is assigned.
    void deleteRole(const QString &id);

    QList<RoleAssignmentRow> listAssignments(qint64 userId); // by id
    std::optional<RoleAssignmentRow> getAssignment(qint64 id);
    qint64 insertAssignment(const RoleAssignmentRow &row);
    void deleteAssignment(qint64 id);

    static QString scopeName(Scope::Level level);
    static std::optional<Scope::Level> scopeLevel(const QString &name);

private:
    QSqlDatabase m_db;
};
