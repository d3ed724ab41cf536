// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/TenantFilter.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

struct EnterpriseRow
{
    qint64 id = 0;
    QString name;
    QString language = QStringLiteral("en"); // "en" | "zh_CN"
    qint64 createdAtMs = 0;
    qint64 updatedAtMs = 0;
};

struct DepartmentRow
{
    qint64 id = 0;
    qint64 enterpriseId = 0;
    qint64 parentId = 0; // 0 = top level
    QString name;
    qint64 createdAtMs = 0;
};

// `enterprises` and `departments`. Lookups take the caller's tenants and filter in the query.
// Every method throws StoreError on failure. Use it on the connection's thread.
class OrgRepository
{
public:
    explicit OrgRepository(const QSqlDatabase &db) : m_db(db) {}

    QList<EnterpriseRow> listEnterprises(const TenantFilter &tenants); // by id
    std::optional<EnterpriseRow> getEnterprise(qint64 id, const TenantFilter &tenants);
    qint64 insertEnterprise(const EnterpriseRow &row); // Conflict on a duplicate name
    void updateEnterprise(const EnterpriseRow &row);   // name, language
    // Conflict, naming them, while departments, users, accounts, pools, proxies or roles
    // belong to it.
    void deleteEnterprise(qint64 id);

    QList<DepartmentRow> listDepartments(qint64 enterpriseId); // by id
    std::optional<DepartmentRow> getDepartment(qint64 id, const TenantFilter &tenants);
    qint64 insertDepartment(const DepartmentRow &row);
    void updateDepartment(const DepartmentRow &row); // name, parent
    // Conflict, naming them, while it has sub-departments or members.
    void deleteDepartment(qint64 id);

private:
    QSqlDatabase m_db;
};
