// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "rbac/Permission.h"
#include "rbac/Scope.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <optional>

// Who may do what where, held in memory and answered without SQL: the roles (built-in ones from
// shared/rbac, custom ones from the database), every user's scoped assignments, the department
// tree and the enterprise each object belongs to (to resolve a route's scope). Built once per
// snapshot load; immutable afterwards, so readers share it without locks.
class AccessModel
{
public:
    struct Assignment
    {
        qint64 id = 0;
        QString roleId;
        Scope scope;
    };
    struct Department
    {
        qint64 enterpriseId = 0;
        qint64 parentId = 0;
    };
    struct UserPlace
    {
        qint64 enterpriseId = 0;
        qint64 departmentId = 0;
    };
    // The kinds of objects whose enterprise the model knows.
    enum class Object
    {
        Enterprise,
        Department,
        User,
        Account,
        Pool,
        Proxy,
        Key,
        Role,
        Group
    };

    // --- building (the loader) ---
    void addEnterprise(qint64 id) { m_enterprises.insert(id); }
    void addDepartment(qint64 id, qint64 enterpriseId, qint64 parentId)
    {
        m_departments.insert(id, Department{enterpriseId, parentId});
    }
    void addUser(qint64 id, qint64 enterpriseId, qint64 departmentId)
    {
        m_users.insert(id, UserPlace{enterpriseId, departmentId});
    }
    void addGroup(qint64 id, qint64 enterpriseId) { m_groups.insert(id, enterpriseId); }
    // Accounts, pools, proxies, keys (keys: their owner's enterprise), custom roles.
    void addOwned(Object kind, qint64 id, qint64 enterpriseId);
    void addKey(qint64 id, qint64 ownerId) { m_keyOwners.insert(id, ownerId); }
    // A key's owner (0 when there is no such key).
    qint64 keyOwner(qint64 id) const { return m_keyOwners.value(id); }
    void addCustomRole(const QString &id, qint64 enterpriseId, QList<Permission> permissions);
    void addAssignment(qint64 userId, const Assignment &assignment);

    // --- questions ---
    // Whether `userId` holds `permission` at `scope`: a global assignment covers everything,
    // an enterprise one its departments and groups, a department one its sub-departments, a
    // group one that group.
    bool can(qint64 userId, Permission permission, const Scope &scope) const;
    // Whether `userId` holds `permission` anywhere at all (routes whose answer is filtered by
    // tenant).
    bool holdsAnywhere(qint64 userId, Permission permission) const;
    // Whether the user has a global assignment (system staff see every tenant).
    bool seesEverything(qint64 userId) const;
    // The enterprises the user may see: their own and those their assignments reach.
    QList<qint64> visibleEnterprises(qint64 userId) const;
    bool sees(qint64 userId, qint64 enterpriseId) const;

    // The scope an object lives in (its department for users in one, else its enterprise; the
    // global scope for system-wide objects); nullopt when there is no such object.
    std::optional<Scope> scopeOf(Object kind, qint64 id) const;
    // The enterprise of a scope (0 for global or an unknown id).
    qint64 enterpriseOf(const Scope &scope) const;
    // Whether department `ancestor` is `id` or one of its ancestors.
    bool departmentWithin(qint64 id, qint64 ancestor) const;

    std::optional<UserPlace> user(qint64 id) const;
    QList<Assignment> assignments(qint64 userId) const { return m_assignments.value(userId); }
    // The permissions of a role id (built-in or custom; empty for unknown).
    QList<Permission> permissionsOf(const QString &roleId) const;
    bool roleExists(const QString &roleId) const;
    // A custom role's enterprise (0 for built-in or unknown).
    qint64 roleEnterprise(const QString &roleId) const { return m_roleEnterprise.value(roleId); }

private:
    bool covers(const Scope &granted, const Scope &target) const;

    QSet<qint64> m_enterprises;
    QHash<qint64, Department> m_departments;
    QHash<qint64, UserPlace> m_users;
    QHash<qint64, qint64> m_groups;
    QHash<qint64, qint64> m_keyOwners;
    QHash<int, QHash<qint64, qint64>> m_owned; // kind -> id -> enterprise (0 = system-wide)
    QHash<QString, QList<Permission>> m_customRoles;
    QHash<QString, qint64> m_roleEnterprise;
    QHash<qint64, QList<Assignment>> m_assignments;
};
