// SPDX-License-Identifier: GPL-3.0-or-later
// The generated authorization matrix: every admin route (read from the route table itself, so a
// new route is covered the day it is added) x every built-in role x the caller's own tenant and
// another one, through the real daemon on SQLite and MariaDB. Each cell is "allow" (the handler
// ran: any answer but 401/403/404), "deny" (403) or "hidden" (404: another tenant's object
// answers as if it did not exist), compared with matrix.tsv. Bodies are deliberately invalid so
// an allowed write fails validation and changes nothing; an allowed DELETE is repaired.
//
// AICARPOOL_RBAC_MATRIX_WRITE=<file> writes the observed table there instead of failing, to
// review a change of the table.
#include "RelayFixture.h"

#include "api/admin/AdminApi.h"
#include "crypto/TokenSigner.h"
#include "http/HttpRouter.h"
#include "rbac/RolePermissions.h"

#include <QFile>
#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

namespace {

constexpr const char *Password = "matrix-password-1";

struct Tenant
{
    qint64 enterprise = 0;
    qint64 department = 0;
    qint64 subDepartment = 0;
    qint64 user = 0;
    qint64 account = 0;
    qint64 pool = 0;
    qint64 proxy = 0;
    qint64 key = 0;
    QString role;
    qint64 assignment = 0;
    qint64 group = 0;
    qint64 invitation = 0;
    qint64 link = 0;
    qint64 quota = 0;  // on the tenant's user (in its department)
    qint64 budget = 0; // on the tenant's group
    qint64 alertChannel = 0;
    qint64 alertRule = 0;
    qint64 incident = 0;
};

} // namespace

class TestRbacMatrix final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<RelayFixture> m_f;
    int m_serial = 0;

    TestHttpClient &admin() { return m_f->admin(); }

    qint64 created(const TestHttpClient::Reply &reply, const char *what)
    {
        if (reply.status != 201) {
            qWarning("%s: %d %s", what, reply.status, reply.body.constData());
            return 0;
        }
        return reply.json().value(QLatin1String("id")).toInteger();
    }

    qint64 makeAccount(qint64 enterprise)
    {
        return created(admin().post(QStringLiteral("/api/accounts"),
                                    QJsonObject{{"name", QStringLiteral("acct-%1").arg(++m_serial)},
                                                {"provider", "anthropic"},
                                                {"apiKey", "sk-ant-matrix"},
                                                {"enterpriseId", enterprise}}),
                       "account");
    }
    qint64 makePool(qint64 enterprise, qint64 account)
    {
        return created(admin().post(QStringLiteral("/api/pools"),
                                    QJsonObject{{"name", QStringLiteral("pool-%1").arg(++m_serial)},
                                                {"accountIds", QJsonArray{account}},
                                                {"enterpriseId", enterprise}}),
                       "pool");
    }
    qint64 makeProxy(qint64 enterprise)
    {
        return created(
            admin().post(QStringLiteral("/api/proxies"),
                         QJsonObject{{"name", QStringLiteral("proxy-%1").arg(++m_serial)},
                                     {"url", "http://127.0.0.1:9"},
                                     {"enterpriseId", enterprise}}),
            "proxy");
    }
    qint64 makeKey(qint64 user)
    {
        return created(admin().post(QStringLiteral("/api/keys"),
                                    QJsonObject{{"name", "matrix"}, {"userId", user}}),
                       "key");
    }
    void makeRole(Tenant &t)
    {
        const auto role =
            admin().post(QStringLiteral("/api/roles"),
                         QJsonObject{{"name", QStringLiteral("role-%1").arg(++m_serial)},
                                     {"enterpriseId", t.enterprise},
                                     {"permissions", QJsonArray{"usage.read"}}});
        QCOMPARE(role.status, 201);
        t.role = role.json().value(QLatin1String("id")).toString();
        t.assignment = created(
            admin().post(
                QStringLiteral("/api/users/%1/roles").arg(t.user),
                QJsonObject{{"role", t.role}, {"scope", "enterprise"}, {"scopeId", t.enterprise}}),
            "assignment");
    }

    void makeQuota(Tenant &t)
    {
        t.quota =
            created(admin().post(QStringLiteral("/api/quotas"),
                                 QJsonObject{{"scope", "user"}, {"scopeId", t.user}, {"rpm", 60}}),
                    "quota");
    }
    void makeBudget(Tenant &t)
    {
        t.budget =
            created(admin().post(QStringLiteral("/api/budgets"), QJsonObject{{"name", "matrix"},
                                                                             {"scope", "group"},
                                                                             {"scopeId", t.group},
                                                                             {"period", "month"},
                                                                             {"amount", 10}}),
                    "budget");
    }

    void makeGroup(Tenant &t)
    {
        t.group =
            created(admin().post(QStringLiteral("/api/groups"),
                                 QJsonObject{{"name", QStringLiteral("group-%1").arg(++m_serial)},
                                             {"enterpriseId", t.enterprise}}),
                    "group");
        makeInvitation(t);
        makeLink(t);
    }
    void makeInvitation(Tenant &t)
    {
        t.invitation = created(
            admin().post(
                QStringLiteral("/api/groups/%1/invitations").arg(t.group),
                QJsonObject{{"email", QStringLiteral("invitee%1@example.org").arg(++m_serial)}}),
            "invitation");
    }
    void makeLink(Tenant &t)
    {
        t.link = created(admin().post(QStringLiteral("/api/groups/%1/invite-links").arg(t.group),
                                      QJsonObject{{"maxUses", 5}}),
                         "invite link");
    }

    void makeAlertChannel(Tenant &t)
    {
        t.alertChannel =
            created(admin().post(QStringLiteral("/api/alert-channels"),
                                 QJsonObject{{"name", QStringLiteral("channel-%1").arg(++m_serial)},
                                             {"type", "webhook"},
                                             {"url", "http://127.0.0.1:9/alerts"},
                                             {"enterpriseId", t.enterprise}}),
                    "alert channel");
    }
    // A rule and an incident of it (incidents are only ever opened by the engine: inserted).
    void makeAlertRule(Tenant &t)
    {
        t.alertRule =
            created(admin().post(QStringLiteral("/api/alert-rules"),
                                 QJsonObject{{"name", QStringLiteral("rule-%1").arg(++m_serial)},
                                             {"kind", "error_rate"},
                                             {"channelIds", QJsonArray{t.alertChannel}},
                                             {"enterpriseId", t.enterprise}}),
                    "alert rule");
        QSqlQuery q(m_f->database().db());
        q.prepare(QStringLiteral("INSERT INTO alert_incidents (enterprise_id, rule_id, subject, "
                                 "state, summary, details, opened_at_ms, updated_at_ms) "
                                 "VALUES (?, ?, 'calls', 'open', 'matrix', '{}', 1, 1)"));
        q.addBindValue(t.enterprise);
        q.addBindValue(t.alertRule);
        if (!q.exec())
            qWarning("incident: %s", qPrintable(q.lastError().text()));
        t.incident = q.lastInsertId().toLongLong();
    }

    // An enterprise with a department holding a sub-department and a user (so neither can be
    // deleted), an account, a pool, a proxy, a key and a custom role assigned to the user.
    Tenant makeTenant(const QString &name)
    {
        Tenant t;
        t.enterprise =
            created(admin().post(QStringLiteral("/api/enterprises"), QJsonObject{{"name", name}}),
                    "enterprise");
        const QString depts = QStringLiteral("/api/enterprises/%1/departments").arg(t.enterprise);
        t.department = created(admin().post(depts, QJsonObject{{"name", "Dept"}}), "department");
        t.subDepartment =
            created(admin().post(depts, QJsonObject{{"name", "Sub"}, {"parentId", t.department}}),
                    "sub-department");
        t.user = created(
            admin().post(QStringLiteral("/api/users"),
                         QJsonObject{{"email", QStringLiteral("target@%1.example").arg(name)},
                                     {"password", Password},
                                     {"enterpriseId", t.enterprise},
                                     {"departmentId", t.department}}),
            "user");
        t.account = makeAccount(t.enterprise);
        t.pool = makePool(t.enterprise, t.account);
        t.proxy = makeProxy(t.enterprise);
        t.key = makeKey(t.user);
        makeRole(t);
        makeGroup(t);
        makeQuota(t);
        makeBudget(t);
        makeAlertChannel(t);
        makeAlertRule(t);
        return t;
    }

    // A signed-in user of `home` holding `role` where the role belongs: system staff globally,
    // enterprise roles on the enterprise, a department manager on the department, group roles on
    // the tenant's group. Every user also holds "member" globally (what creating a user gives).
    std::unique_ptr<TestHttpClient> signIn(const QString &role, const Tenant &home)
    {
        const QString email = QStringLiteral("%1@matrix.example").arg(role);
        QJsonObject body{{"email", email}, {"password", Password}};
        if (role == QLatin1String("system_admin"))
            body.insert(QStringLiteral("role"), QStringLiteral("admin"));
        else
            body.insert(QStringLiteral("enterpriseId"), home.enterprise);
        const qint64 id = created(admin().post(QStringLiteral("/api/users"), body), "role user");
        QJsonObject grant{{"role", role}};
        if (role == QLatin1String("enterprise_owner") ||
            role == QLatin1String("enterprise_admin") || role == QLatin1String("auditor")) {
            grant.insert(QStringLiteral("scope"), QStringLiteral("enterprise"));
            grant.insert(QStringLiteral("scopeId"), home.enterprise);
        } else if (role == QLatin1String("department_manager")) {
            grant.insert(QStringLiteral("scope"), QStringLiteral("department"));
            grant.insert(QStringLiteral("scopeId"), home.department);
        } else if (role.startsWith(QLatin1String("group_"))) {
            grant.insert(QStringLiteral("scope"), QStringLiteral("group"));
            grant.insert(QStringLiteral("scopeId"), home.group);
        } else {
            grant = {};
        }
        if (!grant.isEmpty()) {
            const auto r = admin().post(QStringLiteral("/api/users/%1/roles").arg(id), grant);
            if (r.status != 201)
                qWarning("grant %s: %d %s", qPrintable(role), r.status, r.body.constData());
        }
        TestHttpClient login(m_f->daemon().baseUrl());
        const auto reply = login.post(QStringLiteral("/api/auth/login"),
                                      QJsonObject{{"email", email}, {"password", Password}});
        auto client = std::make_unique<TestHttpClient>(m_f->daemon().baseUrl());
        client->setBearerToken(reply.json().value(QLatin1String("token")).toString().toLatin1());
        return client;
    }

    static QString path(const QString &pattern, const Tenant &t)
    {
        const QStringList parts = pattern.split(QLatin1Char('/'), Qt::SkipEmptyParts);
        const QString resource = parts.value(1);
        QString out = pattern;
        QString id;
        if (resource == QLatin1String("enterprises"))
            id = QString::number(t.enterprise);
        else if (resource == QLatin1String("departments"))
            id = QString::number(t.department);
        else if (resource == QLatin1String("users"))
            id = QString::number(t.user);
        else if (resource == QLatin1String("accounts"))
            id = QString::number(t.account);
        else if (resource == QLatin1String("pools"))
            id = QString::number(t.pool);
        else if (resource == QLatin1String("proxies"))
            id = QString::number(t.proxy);
        else if (resource == QLatin1String("keys"))
            id = QString::number(t.key);
        else if (resource == QLatin1String("roles"))
            id = t.role;
        else if (resource == QLatin1String("groups"))
            id = QString::number(t.group);
        else if (resource == QLatin1String("invitations"))
            id = QString::number(t.invitation);
        else if (resource == QLatin1String("invite-links"))
            id = QString::number(t.link);
        else if (resource == QLatin1String("quotas"))
            id = QString::number(t.quota);
        else if (resource == QLatin1String("budgets"))
            id = QString::number(t.budget);
        else if (resource == QLatin1String("alert-channels"))
            id = QString::number(t.alertChannel);
        else if (resource == QLatin1String("alert-rules"))
            id = QString::number(t.alertRule);
        else if (resource == QLatin1String("incidents"))
            id = QString::number(t.incident);
        out.replace(QLatin1String("{id}"), id);
        out.replace(QLatin1String("{assignmentId}"), QString::number(t.assignment));
        out.replace(QLatin1String("{userId}"), QString::number(t.user));
        return out;
    }

    // Puts back what an allowed DELETE removed.
    void repair(const QString &pattern, Tenant &t)
    {
        if (pattern == QLatin1String("/api/accounts/{id}"))
            t.account = makeAccount(t.enterprise);
        else if (pattern == QLatin1String("/api/pools/{id}"))
            t.pool = makePool(t.enterprise, t.account);
        else if (pattern == QLatin1String("/api/proxies/{id}"))
            t.proxy = makeProxy(t.enterprise);
        else if (pattern == QLatin1String("/api/keys/{id}"))
            t.key = makeKey(t.user);
        else if (pattern == QLatin1String("/api/roles/{id}") ||
                 pattern == QLatin1String("/api/users/{id}/roles/{assignmentId}"))
            makeRole(t);
        else if (pattern == QLatin1String("/api/groups/{id}"))
            makeGroup(t);
        else if (pattern == QLatin1String("/api/invitations/{id}"))
            makeInvitation(t);
        else if (pattern == QLatin1String("/api/invite-links/{id}"))
            makeLink(t);
        else if (pattern == QLatin1String("/api/quotas/{id}"))
            makeQuota(t);
        else if (pattern == QLatin1String("/api/budgets/{id}"))
            makeBudget(t);
        else if (pattern == QLatin1String("/api/alert-channels/{id}"))
            makeAlertChannel(t);
        else if (pattern == QLatin1String("/api/alert-rules/{id}"))
            makeAlertRule(t); // its incidents went with it
    }

    static QString verdict(int status)
    {
        if (status == 401 || status == 403)
            return QStringLiteral("deny");
        if (status == 404)
            return QStringLiteral("hidden");
        return QStringLiteral("allow");
    }

private Q_SLOTS:
    void initTestCase_data() { TestDb::addBackendRows(); }

    void init()
    {
        QFETCH_GLOBAL(QString, backend);
        m_f = std::make_unique<RelayFixture>();
        // Invitations and invite links need the address their links point to. No mail server:
        // invitations are still created (and marked not sent).
        m_f->setDaemonEnv(QStringLiteral("AICARPOOL_PUBLIC_URL"),
                          QStringLiteral("https://carpool.test"));
        QString error;
        bool skip = false;
        if (!m_f->setUp(backend, &error, &skip)) {
            if (skip)
                QSKIP(qPrintable(error));
            QFAIL(qPrintable(error));
        }
    }

    void cleanup() { m_f.reset(); }

    void everyRouteEveryRoleBothTenants()
    {
        // The routes, from the route table the daemon registers.
        TokenSigner signer(QByteArray(32, 'k'));
        AdminApi api(nullptr, &signer, nullptr, AdminApi::Settings());
        HttpRouter router;
        api.registerRoutes(router);

        Tenant tenants[2] = {makeTenant(QStringLiteral("own")),
                             makeTenant(QStringLiteral("other"))};
        QVERIFY(tenants[0].assignment > 0 && tenants[1].assignment > 0);
        const QStringList roles = RolePermissions::builtinIds();
        std::vector<std::unique_ptr<TestHttpClient>> clients;
        for (const QString &role : roles)
            clients.push_back(signIn(role, tenants[0]));

        QStringList observed;
        int cells = 0;
        int routes = 0;
        for (const AdminRouteTable::Entry &e : api.routeEntries()) {
            if (e.access.isPublic() || e.pattern.startsWith(QLatin1String("/api/auth/")))
                continue; // sign-in and the session itself: covered by TestAdminSessions
            ++routes;
            for (int r = 0; r < roles.size(); ++r) {
                QStringList row{QString::fromLatin1(e.method) + QLatin1Char(' ') + e.pattern,
                                roles.at(r)};
                for (Tenant &t : tenants) {
                    const QByteArray body =
                        e.method == "GET" || e.method == "DELETE"
                            ? QByteArray()
                            : QJsonDocument(QJsonObject{{"enterpriseId", t.enterprise},
                                                        {"matrixProbe", true}})
                                  .toJson(QJsonDocument::Compact);
                    const auto reply = clients[r]->request(e.method, path(e.pattern, t), body,
                                                           {{"content-type", "application/json"}});
                    row << verdict(reply.status);
                    ++cells;
                    if (e.method == "DELETE" && reply.status >= 200 && reply.status < 300)
                        repair(e.pattern, t);
                }
                observed << row.join(QLatin1Char('\t'));
            }
        }
        qInfo("matrix: %d routes x %d roles x 2 tenants = %d cells", routes, int(roles.size()),
              cells);

        const QByteArray write = qgetenv("AICARPOOL_RBAC_MATRIX_WRITE");
        const QString header = QStringLiteral("# route\trole\town tenant\tother tenant");
        if (!write.isEmpty()) {
            QFile out(QString::fromLocal8Bit(write));
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write((QStringList{header} + observed).join(QLatin1Char('\n')).toUtf8() + "\n");
            QSKIP("matrix written; review it and copy it to tests/integration/rbac/matrix.tsv");
        }
        QFile file(QStringLiteral(AICARPOOL_RBAC_MATRIX));
        QVERIFY2(file.open(QIODevice::ReadOnly), AICARPOOL_RBAC_MATRIX);
        QStringList expected;
        for (const QByteArray &line : file.readAll().split('\n')) {
            if (!line.trimmed().isEmpty() && !line.startsWith('#'))
                expected << QString::fromUtf8(line);
        }
        QStringList differences;
        for (const QString &line : observed) {
            if (!expected.contains(line))
                differences << QStringLiteral("observed, not in the table: ") + line;
        }
        for (const QString &line : expected) {
            if (!observed.contains(line))
                differences << QStringLiteral("in the table, not observed: ") + line;
        }
        QVERIFY2(differences.isEmpty(), qPrintable(differences.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(TestRbacMatrix)
#include "TestRbacMatrix.moc"
