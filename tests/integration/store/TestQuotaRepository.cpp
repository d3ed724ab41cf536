// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestDb.h"

#include "store/ApiKeyRepository.h"
#include "store/GroupRepository.h"
#include "store/OrgRepository.h"
#include "store/QuotaRepository.h"
#include "store/SettingsRepository.h"
#include "store/StoreError.h"
#include "store/UserRepository.h"

#include <QTest>

// Quotas on SQLite and MariaDB: the tenant comes from the scope object, listings filter by
// tenant in the query, every write bumps the data version.
class TestQuotaRepository : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<TestDb> m_db;
    qint64 m_enterprise = 0;
    qint64 m_otherEnterprise = 0;
    qint64 m_department = 0;
    qint64 m_user = 0;
    qint64 m_key = 0;
    qint64 m_group = 0;
    qint64 m_staff = 0; // a user of no enterprise

    template <class F> static StoreError expectError(F f)
    {
        try {
            f();
        } catch (const StoreError &e) {
            return e;
        }
        return StoreError(StoreError::Kind(-1), QStringLiteral("no error"));
    }

    qint64 addUser(const QString &email, qint64 enterprise, qint64 department)
    {
        UserRow u;
        u.email = email;
        u.role = QStringLiteral("member");
        u.enterpriseId = enterprise;
        u.departmentId = department;
        return UserRepository(m_db->db()).insert(u);
    }

    qint64 version() { return SettingsRepository(m_db->db()).dataVersion(); }

    QuotaRow quota(LimitScope scope, qint64 scopeId)
    {
        QuotaRow q;
        q.scope = scope;
        q.scopeId = scopeId;
        q.rpm = 60;
        return q;
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
        m_user = addUser(QStringLiteral("ann@acme.test"), m_enterprise, m_department);
        m_staff = addUser(QStringLiteral("ops@example.test"), 0, 0);
        ApiKeyRow k;
        k.name = QStringLiteral("ci");
        k.userId = m_user;
        k.keyHash = QString(64, QLatin1Char('a'));
        m_key = ApiKeyRepository(m_db->db()).insert(k);
        GroupRow g;
        g.enterpriseId = m_otherEnterprise;
        g.name = QStringLiteral("research");
        m_group = GroupRepository(m_db->db()).insert(g);
    }
    void cleanup() { m_db.reset(); }

    void createReadUpdateDelete()
    {
        QuotaRepository repo(m_db->db());
        QuotaRow q = quota(LimitScope::User, m_user);
        q.model = QStringLiteral("claude-opus*");
        q.tpm = 100000;
        q.concurrency = 4;
        q.dailyTokens = 1000000;
        q.monthlyTokens = 20000000;
        q.dailyCostMicros = 5000000;
        q.monthlyCostMicros = 50123456;
        const qint64 before = version();
        const qint64 id = repo.insert(q);
        QVERIFY(id > 0);
        QCOMPARE(version(), before + 1);

        auto got = repo.get(id);
        QVERIFY(got);
        QCOMPARE(got->enterpriseId, m_enterprise);
        QCOMPARE(got->scope, LimitScope::User);
        QCOMPARE(got->scopeId, m_user);
        QCOMPARE(got->model, QStringLiteral("claude-opus*"));
        QCOMPARE(got->rpm, qint64(60));
        QCOMPARE(got->tpm, qint64(100000));
        QCOMPARE(got->concurrency, qint64(4));
        QCOMPARE(got->dailyTokens, qint64(1000000));
        QCOMPARE(got->monthlyTokens, qint64(20000000));
        QCOMPARE(got->dailyCostMicros, qint64(5000000));
        QCOMPARE(got->monthlyCostMicros, qint64(50123456));
        QVERIFY(got->enabled);
        QVERIFY(got->createdAtMs > 0);
        QCOMPARE(got->rule().monthlyCost, qint64(50123456));

        got->rpm = 10;
        got->model.clear();
        got->enabled = false;
        // The scope is fixed once created: update() leaves it alone.
        got->scope = LimitScope::Enterprise;
        got->scopeId = m_otherEnterprise;
        repo.update(*got);
        QCOMPARE(version(), before + 2);
        const auto updated = repo.get(id);
        QVERIFY(updated);
        QCOMPARE(updated->rpm, qint64(10));
        QCOMPARE(updated->model, QString());
        QVERIFY(!updated->enabled);
        QCOMPARE(updated->scope, LimitScope::User);
        QCOMPARE(updated->scopeId, m_user);
        QCOMPARE(updated->enterpriseId, m_enterprise);

        repo.remove(id);
        QCOMPARE(version(), before + 3);
        QVERIFY(!repo.get(id));
        QCOMPARE(expectError([&] { repo.remove(id); }).kind(), StoreError::Kind::NotFound);
        QCOMPARE(version(), before + 3);
    }

    void tenantComesFromTheScopeObject()
    {
        QuotaRepository repo(m_db->db());
        const qint64 byKey = repo.insert(quota(LimitScope::Key, m_key));
        const qint64 byDept = repo.insert(quota(LimitScope::Department, m_department));
        const qint64 byEnterprise = repo.insert(quota(LimitScope::Enterprise, m_enterprise));
        const qint64 byGroup = repo.insert(quota(LimitScope::Group, m_group));
        const qint64 byStaff = repo.insert(quota(LimitScope::User, m_staff));
        QCOMPARE(repo.get(byKey)->enterpriseId, m_enterprise);
        QCOMPARE(repo.get(byDept)->enterpriseId, m_enterprise);
        QCOMPARE(repo.get(byEnterprise)->enterpriseId, m_enterprise);
        QCOMPARE(repo.get(byGroup)->enterpriseId, m_otherEnterprise);
        QCOMPARE(repo.get(byStaff)->enterpriseId, qint64(0));

        auto ids = [](const QList<QuotaRow> &rows) {
            QList<qint64> out;
            for (const QuotaRow &r : rows)
                out.append(r.id);
            return out;
        };
        QCOMPARE(ids(repo.list()), (QList<qint64>{byKey, byDept, byEnterprise, byGroup, byStaff}));
        QCOMPARE(ids(repo.list(TenantFilter::only({m_enterprise}))),
                 (QList<qint64>{byKey, byDept, byEnterprise}));
        QCOMPARE(ids(repo.list(TenantFilter::only({m_otherEnterprise}))), QList<qint64>{byGroup});
        QVERIFY(repo.list(TenantFilter::only({})).isEmpty());
    }

    void refusesWhatCannotBeEnforced()
    {
        QuotaRepository repo(m_db->db());
        const qint64 before = version();

        const StoreError missing =
            expectError([&] { repo.insert(quota(LimitScope::Group, m_group + 100)); });
        QCOMPARE(missing.kind(), StoreError::Kind::NotFound);
        QCOMPARE(missing.message(), QStringLiteral("No group with id %1.").arg(m_group + 100));
        QCOMPARE(expectError([&] { repo.insert(quota(LimitScope::Key, m_key + 100)); }).kind(),
                 StoreError::Kind::NotFound);

        QuotaRow none = quota(LimitScope::User, m_user);
        none.rpm = 0;
        QCOMPARE(expectError([&] { repo.insert(none); }).kind(), StoreError::Kind::Invalid);
        QuotaRow negative = quota(LimitScope::User, m_user);
        negative.monthlyCostMicros = -1;
        QCOMPARE(expectError([&] { repo.insert(negative); }).kind(), StoreError::Kind::Invalid);
        QuotaRow longModel = quota(LimitScope::User, m_user);
        longModel.model = QString(QuotaRepository::MaxModelLength + 1, QLatin1Char('m'));
        QCOMPARE(expectError([&] { repo.insert(longModel); }).kind(), StoreError::Kind::Invalid);
        QVERIFY(repo.list().isEmpty());
        QCOMPARE(version(), before);

        const qint64 id = repo.insert(quota(LimitScope::User, m_user));
        QuotaRow cleared = *repo.get(id);
        cleared.rpm = 0;
        QCOMPARE(expectError([&] { repo.update(cleared); }).kind(), StoreError::Kind::Invalid);
        QCOMPARE(repo.get(id)->rpm, qint64(60));
        QuotaRow ghost = quota(LimitScope::User, m_user);
        ghost.id = id + 1;
        QCOMPARE(expectError([&] { repo.update(ghost); }).kind(), StoreError::Kind::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestQuotaRepository)
#include "TestQuotaRepository.moc"
