// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestDb.h"

#include "domain/AccessModel.h"
#include "store/AccessRepository.h"
#include "store/Migrations.h"
#include "store/UserRepository.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

// Schema version 4: organisations and roles. Existing users keep their access: "admin" becomes
// system_admin held globally, "member" member held globally; the access model answers from it.
class TestMigrationV4 : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<TestDb> m_db;

    void exec(const QString &sql)
    {
        QSqlQuery q(m_db->db());
        QVERIFY2(q.exec(sql), qPrintable(q.lastError().text() + QStringLiteral(": ") + sql));
    }

private slots:
    void initTestCase_data() { TestDb::addBackendRows(); }
    void init() { AICARPOOL_TESTDB_INIT(m_db, false); }
    void cleanup() { m_db.reset(); }

    void legacyRolesBecomeGlobalAssignments()
    {
        QSqlDatabase db = m_db->db();
        QString error;
        QVERIFY2(Migrations::applyUpTo(db, 3, &error), qPrintable(error));
        exec(QStringLiteral("INSERT INTO users (id, email, name, role, password_hash, disabled, "
                            "created_at, updated_at) VALUES (1, 'a@x', 'A', 'admin', 'h', 0, 1, 1),"
                            "(2, 'm@x', 'M', 'member', 'h', 0, 1, 1)"));
        QVERIFY2(Migrations::applyUpTo(db, 4, &error), qPrintable(error));
        QCOMPARE(Migrations::currentVersion(db, &error), 4);
        AccessRepository repo(db);
        const auto admin = repo.listAssignments(1);
        QCOMPARE(admin.size(), 1);
        QCOMPARE(admin.first().roleId, QStringLiteral("system_admin"));
        QVERIFY(admin.first().scope == Scope::global());
        const auto member = repo.listAssignments(2);
        QCOMPARE(member.size(), 1);
        QCOMPARE(member.first().roleId, QStringLiteral("member"));
        QCOMPARE(repo.listRoles(TenantFilter::all()).size(), 9);

        const AccessModel m = repo.load();
        QVERIFY(m.can(1, Permission::SystemAdmin, Scope::global()));
        QVERIFY(m.can(1, Permission::UserManage, Scope::enterprise(5)));
        QVERIFY(m.can(2, Permission::KeyManageOwn, Scope::global()));
        QVERIFY(!m.can(2, Permission::UserManage, Scope::global()));
        QVERIFY(m.seesEverything(1));
        QVERIFY(!m.seesEverything(2));

        // Changing the legacy role moves the global assignment with it.
        UserChange change;
        change.role = QStringLiteral("admin");
        UserRepository(db).update(2, change);
        QCOMPARE(repo.listAssignments(2).first().roleId, QStringLiteral("system_admin"));
    }

    void departmentScopesCoverTheirSubtree()
    {
        AccessModel m;
        m.addEnterprise(1);
        m.addEnterprise(2);
        m.addDepartment(10, 1, 0);
        m.addDepartment(11, 1, 10);
        m.addDepartment(12, 1, 11);
        m.addDepartment(20, 2, 0);
        m.addUser(7, 1, 11);
        m.addAssignment(7, AccessModel::Assignment{1, QStringLiteral("department_manager"),
                                                   Scope::department(11)});
        QVERIFY(m.can(7, Permission::UserManage, Scope::department(11)));
        QVERIFY(m.can(7, Permission::UserManage, Scope::department(12)));
        QVERIFY(!m.can(7, Permission::UserManage, Scope::department(10)));
        QVERIFY(!m.can(7, Permission::UserManage, Scope::enterprise(1)));
        QVERIFY(!m.can(7, Permission::UserManage, Scope::department(20)));
        QVERIFY(!m.can(7, Permission::AccountManage, Scope::department(12)));
        m.addAssignment(7, AccessModel::Assignment{2, QStringLiteral("enterprise_admin"),
                                                   Scope::enterprise(1)});
        QVERIFY(m.can(7, Permission::AccountManage, Scope::department(10)));
        QVERIFY(!m.can(7, Permission::AccountManage, Scope::department(20)));
        QVERIFY(!m.can(7, Permission::AccountManage, Scope::global()));
        QCOMPARE(m.visibleEnterprises(7), QList<qint64>{1});
    }
};

QTEST_GUILESS_MAIN(TestMigrationV4)
#include "TestMigrationV4.moc"
