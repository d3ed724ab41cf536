// SPDX-License-Identifier: GPL-3.0-or-later
// The route table's scope resolution, without sockets: the path's object decides the scope, an
// object of a tenant the caller cannot see is 404, a visible one without the permission 403.
#include "api/admin/AdminRouteTable.h"

#include <QTest>

class TestRouteScopes final : public QObject
{
    Q_OBJECT

private:
    static std::shared_ptr<const AccessModel> model()
    {
        auto m = std::make_shared<AccessModel>();
        m->addEnterprise(1);
        m->addEnterprise(2);
        m->addDepartment(10, 1, 0);
        m->addDepartment(11, 1, 10);
        m->addDepartment(20, 2, 0);
        m->addGroup(5, 1);
        m->addGroup(6, 2);
        m->addUser(100, 1, 10); // department manager of 10
        m->addUser(101, 1, 11);
        m->addUser(102, 1, 0); // group admin of 5
        m->addUser(200, 2, 20);
        m->addKey(7, 101);
        m->addKey(8, 200);
        for (qint64 u : {100, 101, 102, 200})
            m->addAssignment(u, {u, QStringLiteral("member"), Scope::global()});
        m->addAssignment(100, {1, QStringLiteral("department_manager"), Scope::department(10)});
        m->addAssignment(102, {2, QStringLiteral("group_admin"), Scope::group(5)});
        return m;
    }

    static AdminIdentity who(qint64 id)
    {
        return AdminIdentity{id, QString(), QStringLiteral("member"), model()};
    }

    static int status(const RouteAccess &access, qint64 caller, const QString &id)
    {
        HttpRequest r;
        r.pathParams.insert(QStringLiteral("id"), id);
        try {
            AdminRouteTable::resolveScope(access, who(caller), r);
            return 200;
        } catch (const ApiError &e) {
            return e.status;
        }
    }

private Q_SLOTS:
    void departmentScopeCoversSubDepartments()
    {
        const RouteAccess users = RouteAccess::need(Permission::UserManage).at(ScopeFrom::User);
        QCOMPARE(status(users, 100, "101"), 200); // in a sub-department
        QCOMPARE(status(users, 100, "102"), 403); // same enterprise, no department
        QCOMPARE(status(users, 100, "200"), 404); // another tenant
        QCOMPARE(status(users, 100, "999"), 404); // nobody
        QCOMPARE(status(users, 100, "x"), 404);
        const RouteAccess depts =
            RouteAccess::need(Permission::DepartmentManage).at(ScopeFrom::Department);
        QCOMPARE(status(depts, 100, "11"), 200);
        QCOMPARE(status(depts, 101, "11"), 403);
        QCOMPARE(status(depts, 100, "20"), 404);
    }

    void groupScopesCoverTheirGroupOnly()
    {
        const RouteAccess groups = RouteAccess::need(Permission::GroupManage).at(ScopeFrom::Group);
        QCOMPARE(status(groups, 102, "5"), 200);
        QCOMPARE(status(groups, 101, "5"), 403);
        QCOMPARE(status(groups, 102, "6"), 404);
    }

    void ownKeysAreAlwaysVisible()
    {
        const RouteAccess keys =
            RouteAccess::needAnyOf({Permission::KeyManage, Permission::KeyManageOwn})
                .at(ScopeFrom::Key);
        QCOMPARE(status(keys, 101, "7"), 200);
        QCOMPARE(status(keys, 200, "8"), 200);
        QCOMPARE(status(keys, 101, "8"), 404);
    }
};

QTEST_GUILESS_MAIN(TestRouteScopes)
#include "TestRouteScopes.moc"
