// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestDb.h"

#include "store/BudgetRepository.h"
#include "store/GroupRepository.h"
#include "store/OrgRepository.h"
#include "store/SettingsRepository.h"
#include "store/StoreError.h"
#include "store/UserRepository.h"

#include <QSqlQuery>
#include <QTest>

// Budgets on SQLite and MariaDB: tenant from the scope object, thresholds as a JSON array,
// every write bumping the data version.
class TestBudgetRepository : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<TestDb> m_db;
    qint64 m_enterprise = 0;
    qint64 m_otherEnterprise = 0;
    qint64 m_department = 0;
    qint64 m_user = 0;
    qint64 m_group = 0;

    template <class F> static StoreError expectError(F f)
    {
        try {
            f();
        } catch (const StoreError &e) {
            return e;
        }
        return StoreError(StoreError::Kind(-1), QStringLiteral("no error"));
    }

    qint64 version() { return SettingsRepository(m_db->db()).dataVersion(); }

    BudgetRow budget(LimitScope scope, qint64 scopeId)
    {
        BudgetRow b;
        b.name = QStringLiteral("monthly");
        b.scope = scope;
        b.scopeId = scopeId;
        b.amountMicros = 50000000;
        return b;
    }

private slots:
    void initTestCase_data() { TestDb::addBackendRows(); }
    void init()
    {
        AICARPOOL_TESTDB_INIT(m_db, true);
        OrgRepository org(m_db->db());
        EnterpriseRow e;
        e.name = QStringLiteral("Acme");
        m_enterprise = org.insertEnterprise(e);
        e.name = QStringLiteral("Globex");
        m_otherEnterprise = org.insertEnterprise(e);
        DepartmentRow d;
        d.enterpriseId = m_enterprise;
        d.name = QStringLiteral("eng");
        m_department = org.insertDepartment(d);
        UserRow u;
        u.email = QStringLiteral("ann@acme.test");
        u.role = QStringLiteral("member");
        u.enterpriseId = m_enterprise;
        u.departmentId = m_department;
        m_user = UserRepository(m_db->db()).insert(u);
        GroupRow g;
        g.enterpriseId = m_otherEnterprise;
        g.name = QStringLiteral("research");
        m_group = GroupRepository(m_db->db()).insert(g);
    }
    void cleanup() { m_db.reset(); }

    void createReadUpdateDelete()
    {
        BudgetRepository repo(m_db->db());
        BudgetRow b = budget(LimitScope::Department, m_department);
        b.period = BudgetPeriod::Week;
        b.hard = true;
        b.thresholds = {50, 90};
        const qint64 before = version();
        const qint64 id = repo.insert(b);
        QCOMPARE(version(), before + 1);
        auto got = repo.get(id);
        QVERIFY(got);
        QCOMPARE(got->name, QStringLiteral("monthly"));
        QCOMPARE(got->enterpriseId, m_enterprise);
        QCOMPARE(got->scope, LimitScope::Department);
        QCOMPARE(got->scopeId, m_department);
        QCOMPARE(got->period, BudgetPeriod::Week);
        QCOMPARE(got->amountMicros, qint64(50000000));
        QVERIFY(got->hard);
        QCOMPARE(got->thresholds, (QList<int>{50, 90}));
        QVERIFY(got->enabled);
        {
            QSqlQuery q(m_db->db());
            QVERIFY(q.exec(QStringLiteral("SELECT thresholds FROM budgets WHERE id = %1").arg(id)));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("[50,90]"));
        }

        got->name = QStringLiteral("weekly cap");
        got->period = BudgetPeriod::Day;
        got->amountMicros = 1;
        got->hard = false;
        got->thresholds = {100};
        got->enabled = false;
        got->scope = LimitScope::Group; // fixed once created
        got->scopeId = m_group;
        repo.update(*got);
        QCOMPARE(version(), before + 2);
        const auto updated = repo.get(id);
        QCOMPARE(updated->name, QStringLiteral("weekly cap"));
        QCOMPARE(updated->period, BudgetPeriod::Day);
        QCOMPARE(updated->amountMicros, qint64(1));
        QVERIFY(!updated->hard);
        QCOMPARE(updated->thresholds, QList<int>{100});
        QVERIFY(!updated->enabled);
        QCOMPARE(updated->scope, LimitScope::Department);
        QCOMPARE(updated->scopeId, m_department);

        repo.remove(id);
        QCOMPARE(version(), before + 3);
        QVERIFY(!repo.get(id));
        QCOMPARE(expectError([&] { repo.remove(id); }).kind(), StoreError::Kind::NotFound);
    }

    void defaultsAndTenants()
    {
        BudgetRepository repo(m_db->db());
        const qint64 mine = repo.insert(budget(LimitScope::User, m_user));
        const qint64 theirs = repo.insert(budget(LimitScope::Group, m_group));
        const qint64 whole = repo.insert(budget(LimitScope::Enterprise, m_enterprise));
        QCOMPARE(repo.get(mine)->thresholds, (QList<int>{80, 95, 100}));
        QCOMPARE(repo.get(mine)->period, BudgetPeriod::Month);
        QVERIFY(!repo.get(mine)->hard);
        QCOMPARE(repo.get(theirs)->enterpriseId, m_otherEnterprise);
        QList<qint64> ids;
        for (const BudgetRow &r : repo.list(TenantFilter::only({m_enterprise})))
            ids.append(r.id);
        QCOMPARE(ids, (QList<qint64>{mine, whole}));
        QCOMPARE(repo.list().size(), 3);
        QCOMPARE(repo.list(TenantFilter::only({m_otherEnterprise})).size(), 1);
    }

    void refusesBadBudgets()
    {
        BudgetRepository repo(m_db->db());
        const qint64 before = version();
        BudgetRow key = budget(LimitScope::Key, m_user);
        QCOMPARE(expectError([&] { repo.insert(key); }).kind(), StoreError::Kind::Invalid);
        BudgetRow zero = budget(LimitScope::User, m_user);
        zero.amountMicros = 0;
        QCOMPARE(expectError([&] { repo.insert(zero); }).kind(), StoreError::Kind::Invalid);
        BudgetRow unnamed = budget(LimitScope::User, m_user);
        unnamed.name = QStringLiteral("  ");
        QCOMPARE(expectError([&] { repo.insert(unnamed); }).kind(), StoreError::Kind::Invalid);
        for (const QList<int> &bad : {QList<int>{}, QList<int>{0, 50}, QList<int>{50, 101},
                                      QList<int>{90, 80}, QList<int>{80, 80}}) {
            BudgetRow b = budget(LimitScope::User, m_user);
            b.thresholds = bad;
            QCOMPARE(expectError([&] { repo.insert(b); }).kind(), StoreError::Kind::Invalid);
        }
        const StoreError missing =
            expectError([&] { repo.insert(budget(LimitScope::Department, m_department + 50)); });
        QCOMPARE(missing.kind(), StoreError::Kind::NotFound);
        QCOMPARE(missing.message(),
                 QStringLiteral("No department with id %1.").arg(m_department + 50));
        QVERIFY(repo.list().isEmpty());
        QCOMPARE(version(), before);
    }

    void thresholdsJson()
    {
        QCOMPARE(BudgetRepository::thresholdsToJson({80, 95, 100}), QStringLiteral("[80,95,100]"));
        QCOMPARE(BudgetRepository::thresholdsFromJson(QStringLiteral("[10,20]")),
                 (QList<int>{10, 20}));
        // Unreadable or invalid text reads as the default rather than a rule that never fires.
        QCOMPARE(BudgetRepository::thresholdsFromJson(QStringLiteral("oops")),
                 (QList<int>{80, 95, 100}));
        QCOMPARE(BudgetRepository::thresholdsFromJson(QStringLiteral("[95,80]")),
                 (QList<int>{80, 95, 100}));
    }
};

QTEST_GUILESS_MAIN(TestBudgetRepository)
#include "TestBudgetRepository.moc"
