// SPDX-License-Identifier: GPL-3.0-or-later
// Enterprises, departments, users' tenancy, CSV import and export, roles and the grant rule,
// and the ledger's enterprise/department columns, through the real daemon on SQLite and
// MariaDB.
#include "RelayFixture.h"

#include <QJsonArray>
#include <QTest>

class TestOrgApi final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<RelayFixture> m_f;

    TestHttpClient &admin() { return m_f->admin(); }

    qint64 idOf(const TestHttpClient::Reply &r)
    {
        return r.status == 201 ? r.json().value(QLatin1String("id")).toInteger() : 0;
    }
    qint64 enterprise(const QString &name)
    {
        return idOf(admin().post(QStringLiteral("/api/enterprises"), QJsonObject{{"name", name}}));
    }
    qint64 department(qint64 enterpriseId, const QString &name, qint64 parent = 0)
    {
        QJsonObject body{{"name", name}};
        if (parent > 0)
            body.insert(QStringLiteral("parentId"), parent);
        return idOf(admin().post(
            QStringLiteral("/api/enterprises/%1/departments").arg(enterpriseId), body));
    }
    qint64 user(const QString &email, qint64 enterpriseId, qint64 departmentId = 0)
    {
        QJsonObject body{
            {"email", email}, {"password", "org-password-1"}, {"enterpriseId", enterpriseId}};
        if (departmentId > 0)
            body.insert(QStringLiteral("departmentId"), departmentId);
        return idOf(admin().post(QStringLiteral("/api/users"), body));
    }
    std::unique_ptr<TestHttpClient> signIn(const QString &email)
    {
        TestHttpClient c(m_f->daemon().baseUrl());
        const auto r = c.post(QStringLiteral("/api/auth/login"),
                              QJsonObject{{"email", email}, {"password", "org-password-1"}});
        auto client = std::make_unique<TestHttpClient>(m_f->daemon().baseUrl());
        client->setBearerToken(r.json().value(QLatin1String("token")).toString().toLatin1());
        return client;
    }

private Q_SLOTS:
    void initTestCase_data() { TestDb::addBackendRows(); }

    void init()
    {
        QFETCH_GLOBAL(QString, backend);
        m_f = std::make_unique<RelayFixture>();
        QString error;
        bool skip = false;
        if (!m_f->setUp(backend, &error, &skip)) {
            if (skip)
                QSKIP(qPrintable(error));
            QFAIL(qPrintable(error));
        }
    }

    void cleanup() { m_f.reset(); }

    void enterprisesAndTheDepartmentTree()
    {
        const auto made = admin().post(QStringLiteral("/api/enterprises"),
                                       QJsonObject{{"name", "Acme"}, {"language", "zh_CN"}});
        QCOMPARE(made.status, 201);
        QCOMPARE(made.json().value(QLatin1String("language")).toString(), QStringLiteral("zh_CN"));
        const qint64 acme = made.json().value(QLatin1String("id")).toInteger();
        QCOMPARE(
            admin().post(QStringLiteral("/api/enterprises"), QJsonObject{{"name", "acme"}}).status,
            409);
        QCOMPARE(admin()
                     .post(QStringLiteral("/api/enterprises"),
                           QJsonObject{{"name", "X"}, {"language", "fr"}})
                     .status,
                 400);
        QCOMPARE(admin()
                     .patch(QStringLiteral("/api/enterprises/%1").arg(acme),
                            QJsonObject{{"name", "Acme Ltd"}})
                     .json()
                     .value(QLatin1String("name"))
                     .toString(),
                 QStringLiteral("Acme Ltd"));
        QCOMPARE(admin().get(QStringLiteral("/api/enterprises")).json().value("total").toInt(), 1);

        const qint64 eng = department(acme, QStringLiteral("Engineering"));
        const qint64 backend = department(acme, QStringLiteral("Backend"), eng);
        const qint64 db = department(acme, QStringLiteral("Databases"), backend);
        QVERIFY(eng > 0 && backend > 0 && db > 0);
        const QJsonArray items =
            admin()
                .get(QStringLiteral("/api/enterprises/%1/departments").arg(acme))
                .json()
                .value(QLatin1String("items"))
                .toArray();
        QCOMPARE(items.size(), 3);
        QVERIFY(items.at(0).toObject().value(QLatin1String("parentId")).isNull());
        QCOMPARE(items.at(2).toObject().value(QLatin1String("parentId")).toInteger(), backend);

        // Under its own descendant (or itself): refused; elsewhere: moved.
        const QString engPath = QStringLiteral("/api/departments/%1").arg(eng);
        const auto loop = admin().patch(engPath, QJsonObject{{"parentId", db}});
        QCOMPARE(loop.status, 400);
        QVERIFY(loop.body.contains("sub-departments"));
        QCOMPARE(admin().patch(engPath, QJsonObject{{"parentId", eng}}).status, 400);
        QCOMPARE(admin()
                     .patch(QStringLiteral("/api/departments/%1").arg(db),
                            QJsonObject{{"parentId", eng}, {"name", "Data"}})
                     .status,
                 200);
        // A department of another enterprise is no parent.
        const qint64 other = enterprise(QStringLiteral("Other"));
        const qint64 otherDept = department(other, QStringLiteral("Sales"));
        QCOMPARE(admin().patch(engPath, QJsonObject{{"parentId", otherDept}}).status, 400);

        // Deleting while children or members remain: 409 naming them.
        QVERIFY(user(QStringLiteral("bob@acme.example"), acme, backend) > 0);
        const auto busy = admin().del(QStringLiteral("/api/departments/%1").arg(backend));
        QCOMPARE(busy.status, 409);
        QVERIFY2(busy.body.contains("bob@acme.example"), busy.body.constData());
        const auto parent = admin().del(engPath);
        QCOMPARE(parent.status, 409);
        QVERIFY2(parent.body.contains("Backend") && parent.body.contains("Data"),
                 parent.body.constData());
        QCOMPARE(admin().del(QStringLiteral("/api/departments/%1").arg(db)).status, 204);
        const auto enterpriseBusy = admin().del(QStringLiteral("/api/enterprises/%1").arg(acme));
        QCOMPARE(enterpriseBusy.status, 409);
        QVERIFY(enterpriseBusy.body.contains("Engineering"));
        QCOMPARE(admin().del(QStringLiteral("/api/departments/%1").arg(otherDept)).status, 204);
        QCOMPARE(admin().del(QStringLiteral("/api/enterprises/%1").arg(other)).status, 204);
        QCOMPARE(admin().get(QStringLiteral("/api/enterprises/%1").arg(other)).status, 404);
    }

    void tenantsSeeOnlyTheirOwnAndGrantOnlyWhatTheyHold()
    {
        const qint64 a = enterprise(QStringLiteral("A"));
        const qint64 b = enterprise(QStringLiteral("B"));
        const qint64 aOwner = user(QStringLiteral("owner@a.example"), a);
        const qint64 aUser = user(QStringLiteral("user@a.example"), a);
        const qint64 bUser = user(QStringLiteral("user@b.example"), b);
        QCOMPARE(admin()
                     .post(QStringLiteral("/api/users/%1/roles").arg(aOwner),
                           QJsonObject{{"role", "enterprise_admin"},
                                       {"scope", "enterprise"},
                                       {"scopeId", a}})
                     .status,
                 201);
        // A user of A cannot hold a role on B.
        QCOMPARE(
            admin()
                .post(QStringLiteral("/api/users/%1/roles").arg(aUser),
                      QJsonObject{{"role", "auditor"}, {"scope", "enterprise"}, {"scopeId", b}})
                .status,
            400);
        auto owner = signIn(QStringLiteral("owner@a.example"));
        const auto users = owner->get(QStringLiteral("/api/users")).json();
        QCOMPARE(users.value(QLatin1String("total")).toInt(), 2); // owner and user of A
        QCOMPARE(owner->get(QStringLiteral("/api/users/%1").arg(aUser)).status, 200);
        QCOMPARE(owner->get(QStringLiteral("/api/users/%1").arg(bUser)).status, 404);
        QCOMPARE(owner->get(QStringLiteral("/api/enterprises/%1").arg(b)).status, 404);
        QCOMPARE(owner->get(QStringLiteral("/api/enterprises")).json().value("total").toInt(), 1);
        // Creating users in B or system staff: refused without revealing B.
        QCOMPARE(
            owner
                ->post(QStringLiteral("/api/users"), QJsonObject{{"email", "x@b.example"},
                                                                 {"password", "org-password-1"},
                                                                 {"enterpriseId", b}})
                .status,
            404);
        QCOMPARE(
            owner
                ->post(QStringLiteral("/api/users"), QJsonObject{{"email", "x@a.example"},
                                                                 {"password", "org-password-1"},
                                                                 {"enterpriseId", a},
                                                                 {"role", "admin"}})
                .status,
            403);
        // Grant rule: enterprise_owner holds enterprise.manage, which an enterprise_admin lacks.
        const auto escalate = owner->post(
            QStringLiteral("/api/users/%1/roles").arg(aUser),
            QJsonObject{{"role", "enterprise_owner"}, {"scope", "enterprise"}, {"scopeId", a}});
        QCOMPARE(escalate.status, 403);
        QVERIFY(escalate.body.contains("enterprise.manage"));
        QCOMPARE(owner
                     ->post(QStringLiteral("/api/roles"),
                            QJsonObject{{"name", "Too much"},
                                        {"enterpriseId", a},
                                        {"permissions", QJsonArray{"system.admin"}}})
                     .status,
                 403);
        const auto custom = owner->post(QStringLiteral("/api/roles"),
                                        QJsonObject{{"name", "Readers"},
                                                    {"enterpriseId", a},
                                                    {"permissions", QJsonArray{"usage.read"}}});
        QCOMPARE(custom.status, 201);
        const QString roleId = custom.json().value(QLatin1String("id")).toString();
        const auto given =
            owner->post(QStringLiteral("/api/users/%1/roles").arg(aUser),
                        QJsonObject{{"role", roleId}, {"scope", "enterprise"}, {"scopeId", a}});
        QCOMPARE(given.status, 201);
        QCOMPARE(owner->del(QStringLiteral("/api/roles/%1").arg(roleId)).status, 409);
        const auto held = owner->get(QStringLiteral("/api/users/%1/roles").arg(aUser)).json();
        QCOMPARE(held.value(QLatin1String("total")).toInt(), 2); // member (global) + Readers
        QCOMPARE(owner
                     ->del(QStringLiteral("/api/users/%1/roles/%2")
                               .arg(aUser)
                               .arg(given.json().value(QLatin1String("id")).toInteger()))
                     .status,
                 204);
        QCOMPARE(owner->del(QStringLiteral("/api/roles/%1").arg(roleId)).status, 204);
        // Accounts: another tenant's is hidden; system-wide ones are for system staff.
        const auto bAccount =
            admin().post(QStringLiteral("/api/accounts"), QJsonObject{{"name", "b-acct"},
                                                                      {"provider", "anthropic"},
                                                                      {"apiKey", "sk-ant-b"},
                                                                      {"enterpriseId", b}});
        QCOMPARE(bAccount.status, 201);
        QCOMPARE(owner->get(QStringLiteral("/api/accounts/%1").arg(idOf(bAccount))).status, 404);
        QCOMPARE(owner->get(QStringLiteral("/api/accounts")).json().value("total").toInt(), 0);
        QCOMPARE(
            owner
                ->post(QStringLiteral("/api/accounts"),
                       QJsonObject{{"name", "global"}, {"provider", "anthropic"}, {"apiKey", "k"}})
                .status,
            403);
    }

    void csvImportReportsEachLineAndExportRoundTrips()
    {
        const qint64 a = enterprise(QStringLiteral("Importers"));
        const qint64 dept = department(a, QStringLiteral("Ops"));
        const QByteArray csv = "email,name,password,role,enterpriseId,departmentId\r\n"
                               "ann@imp.example,Ann,import-password-1,member," +
                               QByteArray::number(a) + "," + QByteArray::number(dept) +
                               "\r\n"
                               "bad-email,Bad,import-password-1,member,,\r\n"
                               "\"cat@imp.example\",\"Cat, the second\",import-password-1,,"
                               "" +
                               QByteArray::number(a) +
                               ",\r\n"
                               "ann@imp.example,Ann again,import-password-1,member,,\r\n"
                               "dan@imp.example,Dan,short,member,,\r\n";
        const auto report =
            admin().post(QStringLiteral("/api/users/import"), csv, {{"content-type", "text/csv"}});
        QCOMPARE(report.status, 200);
        const QJsonObject r = report.json();
        QCOMPARE(r.value(QLatin1String("created")).toInt(), 2);
        QCOMPARE(r.value(QLatin1String("failed")).toInt(), 3);
        const QJsonArray rows = r.value(QLatin1String("rows")).toArray();
        QCOMPARE(rows.size(), 5);
        QCOMPARE(rows.at(0).toObject().value(QLatin1String("ok")).toBool(), true);
        QCOMPARE(rows.at(1).toObject().value(QLatin1String("line")).toInt(), 3);
        QVERIFY(rows.at(1).toObject().value(QLatin1String("error")).toString().contains("email"));
        QCOMPARE(rows.at(3).toObject().value(QLatin1String("ok")).toBool(), false); // duplicate
        QVERIFY(
            rows.at(4).toObject().value(QLatin1String("error")).toString().contains("password"));
        QCOMPARE(admin()
                     .post(QStringLiteral("/api/users/import"), QByteArray("email\n"),
                           {{"content-type", "application/json"}})
                     .status,
                 400);

        const auto exported = admin().get(QStringLiteral("/api/users?format=csv"));
        QCOMPARE(exported.status, 200);
        QVERIFY(exported.header("content-type").startsWith("text/csv"));
        QVERIFY(exported.body.startsWith("id,email,name,role,disabled,enterpriseId,departmentId"));
        QVERIFY(exported.body.contains("\"Cat, the second\""));
        QVERIFY(exported.body.contains("ann@imp.example,Ann,member,false," + QByteArray::number(a) +
                                       "," + QByteArray::number(dept)));
        QVERIFY(!exported.body.contains("dan@imp.example"));
        QVERIFY(!exported.body.contains("scrypt"));
    }

    void passwordResetEndsSessions()
    {
        const qint64 a = enterprise(QStringLiteral("Resets"));
        const qint64 id = user(QStringLiteral("eve@r.example"), a);
        auto eve = signIn(QStringLiteral("eve@r.example"));
        QCOMPARE(eve->get(QStringLiteral("/api/auth/me")).status, 200);
        QCOMPARE(
            admin()
                .patch(QStringLiteral("/api/users/%1").arg(id), QJsonObject{{"password", "short"}})
                .status,
            400);
        QCOMPARE(admin()
                     .patch(QStringLiteral("/api/users/%1").arg(id),
                            QJsonObject{{"password", "brand-new-password"}})
                     .status,
                 200);
        QCOMPARE(eve->get(QStringLiteral("/api/auth/me")).status, 401);
        TestHttpClient c(m_f->daemon().baseUrl());
        QCOMPARE(c.post(QStringLiteral("/api/auth/login"),
                        QJsonObject{{"email", "eve@r.example"}, {"password", "brand-new-password"}})
                     .status,
                 200);
    }

    void ledgerRowsRecordTheKeysEnterpriseAndDepartment()
    {
        const qint64 a = enterprise(QStringLiteral("Ledger"));
        const qint64 dept = department(a, QStringLiteral("Research"));
        const qint64 id = user(QStringLiteral("fay@l.example"), a, dept);
        const auto key =
            admin().post(QStringLiteral("/api/keys"), QJsonObject{{"name", "fay"}, {"userId", id}});
        QCOMPARE(key.status, 201);
        TestHttpClient relay(m_f->daemon().baseUrl());
        QCOMPARE(relay
                     .post(QStringLiteral("/v1/messages"), RelayFixture::anthropicBody("hi"),
                           {{"x-api-key", key.json().value("key").toString().toLatin1()},
                            {"anthropic-version", "2023-06-01"}})
                     .status,
                 200);
        QJsonObject row;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const QJsonArray items = admin()
                                             .get(QStringLiteral("/api/usage?userId=%1").arg(id))
                                             .json()
                                             .value(QLatin1String("items"))
                                             .toArray();
                if (items.isEmpty())
                    return false;
                row = items.first().toObject();
                return true;
            }(),
            30000);
        QCOMPARE(row.value(QLatin1String("enterpriseId")).toInteger(), a);
        QCOMPARE(row.value(QLatin1String("departmentId")).toInteger(), dept);
        QVERIFY(row.value(QLatin1String("groupId")).isNull());

        // A tenant's usage reader sees the rows of their enterprise, another tenant's none.
        const qint64 other = enterprise(QStringLiteral("Elsewhere"));
        for (const auto &[email, home] :
             {std::pair<QString, qint64>{QStringLiteral("boss@l.example"), a},
              std::pair<QString, qint64>{QStringLiteral("boss@e.example"), other}}) {
            const qint64 boss = user(email, home);
            QCOMPARE(admin()
                         .post(QStringLiteral("/api/users/%1/roles").arg(boss),
                               QJsonObject{
                                   {"role", "auditor"}, {"scope", "enterprise"}, {"scopeId", home}})
                         .status,
                     201);
        }
        const auto mine = signIn(QStringLiteral("boss@l.example"))
                              ->get(QStringLiteral("/api/usage?enterpriseId=%1").arg(a))
                              .json();
        QCOMPARE(mine.value(QLatin1String("total")).toInt(), 1);
        const auto theirs = signIn(QStringLiteral("boss@e.example"))
                                ->get(QStringLiteral("/api/usage?enterpriseId=%1").arg(a))
                                .json();
        QCOMPARE(theirs.value(QLatin1String("total")).toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TestOrgApi)
#include "TestOrgApi.moc"
