// SPDX-License-Identifier: GPL-3.0-or-later
// Quotas and budgets through the admin API of the real daemon, on SQLite and MariaDB: create,
// list, get, patch, delete, every validation error, the status with zero use before the engine
// counted anything, tenant isolation, permission refusals, the audit log and the data version.
#include "RelayFixture.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSqlQuery>
#include <QTest>

class TestGovernanceApi final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<RelayFixture> m_f;

    TestHttpClient &admin() { return m_f->admin(); }

    qint64 idOf(const TestHttpClient::Reply &r)
    {
        if (r.status != 201)
            qWarning("expected 201: %d %s", r.status, r.body.constData());
        return r.status == 201 ? r.json().value(QLatin1String("id")).toInteger() : 0;
    }
    qint64 enterprise(const QString &name)
    {
        return idOf(admin().post(QStringLiteral("/api/enterprises"), QJsonObject{{"name", name}}));
    }
    qint64 department(qint64 enterpriseId, const QString &name)
    {
        return idOf(
            admin().post(QStringLiteral("/api/enterprises/%1/departments").arg(enterpriseId),
                         QJsonObject{{"name", name}}));
    }
    qint64 user(const QString &email, qint64 enterpriseId, qint64 departmentId = 0)
    {
        QJsonObject body{
            {"email", email}, {"password", "gov-password-1"}, {"enterpriseId", enterpriseId}};
        if (departmentId > 0)
            body.insert(QStringLiteral("departmentId"), departmentId);
        return idOf(admin().post(QStringLiteral("/api/users"), body));
    }
    void grant(qint64 userId, const QString &role, const QString &scope, qint64 scopeId)
    {
        const auto r =
            admin().post(QStringLiteral("/api/users/%1/roles").arg(userId),
                         QJsonObject{{"role", role}, {"scope", scope}, {"scopeId", scopeId}});
        QCOMPARE(r.status, 201);
    }
    std::unique_ptr<TestHttpClient> signIn(const QString &email)
    {
        TestHttpClient c(m_f->daemon().baseUrl());
        const auto r = c.post(QStringLiteral("/api/auth/login"),
                              QJsonObject{{"email", email}, {"password", "gov-password-1"}});
        auto client = std::make_unique<TestHttpClient>(m_f->daemon().baseUrl());
        client->setBearerToken(r.json().value(QLatin1String("token")).toString().toLatin1());
        return client;
    }
    qint64 dataVersion()
    {
        QSqlQuery q(m_f->database().db());
        if (!q.exec(QStringLiteral("SELECT v FROM settings WHERE k = 'data_version'")) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }
    QJsonArray audit(const QString &action)
    {
        return admin()
            .get(QStringLiteral("/api/audit?action=") + action)
            .json()
            .value(QLatin1String("items"))
            .toArray();
    }
    static qint64 ms(const QJsonValue &iso)
    {
        return QDateTime::fromString(iso.toString(), Qt::ISODateWithMs).toMSecsSinceEpoch();
    }
    // A 400 whose message contains `words`.
    void expect400(const TestHttpClient::Reply &r, const char *words)
    {
        QVERIFY2(r.status == 400, r.body.constData());
        const QJsonObject error = r.json().value(QLatin1String("error")).toObject();
        QVERIFY2(error.value(QLatin1String("message")).toString().contains(QLatin1String(words)),
                 r.body.constData());
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

    void quotaLifecycle()
    {
        const qint64 acme = enterprise(QStringLiteral("Acme"));
        const qint64 eng = department(acme, QStringLiteral("eng"));
        const qint64 ann = user(QStringLiteral("ann@acme.example"), acme, eng);
        QVERIFY(acme > 0 && eng > 0 && ann > 0);

        qint64 version = dataVersion();
        const auto made =
            admin().post(QStringLiteral("/api/quotas"), QJsonObject{{"scope", "user"},
                                                                    {"scopeId", ann},
                                                                    {"model", "claude-opus*"},
                                                                    {"rpm", 60},
                                                                    {"tpm", 100000},
                                                                    {"concurrency", 4},
                                                                    {"dailyTokens", 1000000},
                                                                    {"monthlyTokens", 20000000},
                                                                    {"dailyCost", 12.5},
                                                                    {"monthlyCost", 50.123456}});
        QVERIFY2(made.status == 201, made.body.constData());
        QVERIFY(dataVersion() > version);
        const QJsonObject q = made.json();
        const qint64 id = q.value(QLatin1String("id")).toInteger();
        QVERIFY(id > 0);
        QCOMPARE(q.value(QLatin1String("scope")).toString(), QStringLiteral("user"));
        QCOMPARE(q.value(QLatin1String("scopeId")).toInteger(), ann);
        QCOMPARE(q.value(QLatin1String("enterpriseId")).toInteger(), acme);
        QCOMPARE(q.value(QLatin1String("model")).toString(), QStringLiteral("claude-opus*"));
        QCOMPARE(q.value(QLatin1String("rpm")).toInteger(), 60);
        QCOMPARE(q.value(QLatin1String("concurrency")).toInteger(), 4);
        QCOMPARE(q.value(QLatin1String("dailyCost")).toDouble(), 12.5);
        QCOMPARE(q.value(QLatin1String("monthlyCost")).toDouble(), 50.123456);
        QVERIFY(q.value(QLatin1String("enabled")).toBool());
        {
            // Stored as micro-USD.
            QSqlQuery s(m_f->database().db());
            QVERIFY(s.exec(QStringLiteral("SELECT monthly_cost_micros, enterprise_id FROM quotas "
                                          "WHERE id = %1")
                               .arg(id)));
            QVERIFY(s.next());
            QCOMPARE(s.value(0).toLongLong(), qint64(50123456));
            QCOMPARE(s.value(1).toLongLong(), acme);
        }

        const QString path = QStringLiteral("/api/quotas/%1").arg(id);
        QCOMPARE(admin().get(path).json(), q);
        const QJsonObject list = admin().get(QStringLiteral("/api/quotas")).json();
        QCOMPARE(list.value(QLatin1String("total")).toInt(), 1);
        QCOMPARE(list.value(QLatin1String("items")).toArray().first().toObject(), q);
        QCOMPARE(admin()
                     .get(QStringLiteral("/api/quotas?scope=key"))
                     .json()
                     .value(QLatin1String("total"))
                     .toInt(),
                 0);
        QCOMPARE(admin()
                     .get(QStringLiteral("/api/quotas?scope=user&scopeId=%1").arg(ann))
                     .json()
                     .value(QLatin1String("total"))
                     .toInt(),
                 1);

        // Status: every limit set, zero use, daily and monthly resets at the next UTC midnight
        // and first of the month.
        const QJsonObject status = admin().get(path + QStringLiteral("/status")).json();
        QCOMPARE(status.value(QLatin1String("quotaId")).toInteger(), id);
        const QJsonArray limits = status.value(QLatin1String("limits")).toArray();
        QCOMPARE(limits.size(), 7);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (const QJsonValue &v : limits) {
            const QJsonObject l = v.toObject();
            QCOMPARE(l.value(QLatin1String("used")).toDouble(), 0.0);
            QCOMPARE(l.value(QLatin1String("remaining")), l.value(QLatin1String("max")));
            const QString name = l.value(QLatin1String("limit")).toString();
            if (name == QLatin1String("dailyTokens")) {
                const qint64 reset = ms(l.value(QLatin1String("resetAt")));
                QVERIFY2(reset > now.toMSecsSinceEpoch() &&
                             reset <= now.toMSecsSinceEpoch() + 24 * 3600 * 1000,
                         qPrintable(l.value(QLatin1String("resetAt")).toString()));
                QCOMPARE(reset % (24 * 3600 * 1000), qint64(0));
            } else if (name == QLatin1String("monthlyCost")) {
                QCOMPARE(l.value(QLatin1String("max")).toDouble(), 50.123456);
                const QDateTime reset =
                    QDateTime::fromMSecsSinceEpoch(ms(l.value(QLatin1String("resetAt"))), Qt::UTC);
                QCOMPARE(reset.date().day(), 1);
                QCOMPARE(reset.time(), QTime(0, 0));
                QVERIFY(reset > now && reset <= now.addMonths(1));
            } else if (name == QLatin1String("concurrency")) {
                QVERIFY(l.value(QLatin1String("resetAt")).isNull());
            }
        }

        // PATCH changes limits and the model; the scope stays.
        version = dataVersion();
        const auto patched = admin().patch(path, QJsonObject{{"rpm", 5},
                                                             {"model", QJsonValue::Null},
                                                             {"dailyCost", 0},
                                                             {"enabled", false}});
        QVERIFY2(patched.status == 200, patched.body.constData());
        QVERIFY(dataVersion() > version);
        QCOMPARE(patched.json().value(QLatin1String("rpm")).toInteger(), 5);
        QCOMPARE(patched.json().value(QLatin1String("model")).toString(), QString());
        QCOMPARE(patched.json().value(QLatin1String("dailyCost")).toDouble(), 0.0);
        QVERIFY(!patched.json().value(QLatin1String("enabled")).toBool());
        // Sending the same scope back is fine; another one is not.
        QCOMPARE(admin().patch(path, QJsonObject{{"scope", "user"}, {"scopeId", ann}}).status, 200);
        expect400(admin().patch(path, QJsonObject{{"scope", "department"}}), "cannot change");
        expect400(admin().patch(path, QJsonObject{{"scopeId", eng}}), "cannot change");
        expect400(admin().patch(path, QJsonObject{{"rpm", 0},
                                                  {"tpm", 0},
                                                  {"concurrency", 0},
                                                  {"dailyTokens", 0},
                                                  {"monthlyTokens", 0},
                                                  {"monthlyCost", 0}}),
                  "at least one limit");
        QCOMPARE(
            admin().patch(QStringLiteral("/api/quotas/999999"), QJsonObject{{"rpm", 1}}).status,
            404);

        // Audited with the state before and after.
        const QJsonArray created = audit(QStringLiteral("quota.create"));
        QCOMPARE(created.size(), 1);
        QCOMPARE(created.first().toObject().value(QLatin1String("targetId")).toString(),
                 QString::number(id));
        QVERIFY(audit(QStringLiteral("quota.update")).size() >= 2);

        version = dataVersion();
        QCOMPARE(admin().del(path).status, 204);
        QVERIFY(dataVersion() > version);
        QCOMPARE(admin().get(path).status, 404);
        QCOMPARE(admin().get(path + QStringLiteral("/status")).status, 404);
        QCOMPARE(admin().del(path).status, 404);
        const QJsonArray deleted = audit(QStringLiteral("quota.delete"));
        QCOMPARE(deleted.size(), 1);
        QVERIFY(deleted.first().toObject().value(QLatin1String("before")).isObject());
    }

    void quotaValidation()
    {
        const qint64 acme = enterprise(QStringLiteral("Acme"));
        const QString quotas = QStringLiteral("/api/quotas");
        const qint64 version = dataVersion();
        expect400(admin().post(quotas, QJsonObject{{"scopeId", acme}, {"rpm", 1}}), "\"scope\"");
        expect400(
            admin().post(quotas, QJsonObject{{"scope", "team"}, {"scopeId", acme}, {"rpm", 1}}),
            "key, user, group, department or enterprise");
        expect400(admin().post(quotas, QJsonObject{{"scope", "enterprise"}, {"rpm", 1}}),
                  "\"scopeId\"");
        expect400(admin().post(quotas,
                               QJsonObject{{"scope", "enterprise"}, {"scopeId", "1"}, {"rpm", 1}}),
                  "\"scopeId\"");
        expect400(admin().post(quotas, QJsonObject{{"scope", "enterprise"}, {"scopeId", acme}}),
                  "at least one limit");
        expect400(admin().post(
                      quotas, QJsonObject{{"scope", "enterprise"}, {"scopeId", acme}, {"rpm", -1}}),
                  "\"rpm\" must be a whole number");
        expect400(
            admin().post(quotas,
                         QJsonObject{{"scope", "enterprise"}, {"scopeId", acme}, {"tpm", 1.5}}),
            "\"tpm\" must be a whole number");
        expect400(admin().post(quotas, QJsonObject{{"scope", "enterprise"},
                                                   {"scopeId", acme},
                                                   {"dailyTokens", "100"}}),
                  "\"dailyTokens\" must be a whole number");
        expect400(admin().post(quotas, QJsonObject{{"scope", "enterprise"},
                                                   {"scopeId", acme},
                                                   {"monthlyCost", 1.0000001}}),
                  "at most 6 decimals");
        expect400(
            admin().post(
                quotas, QJsonObject{{"scope", "enterprise"}, {"scopeId", acme}, {"dailyCost", -5}}),
            "\"dailyCost\" must be an amount in USD");
        expect400(admin().post(quotas, QJsonObject{{"scope", "enterprise"},
                                                   {"scopeId", acme},
                                                   {"rpm", 1},
                                                   {"model", "claude*opus"}}),
                  "prefix ending in '*'");
        expect400(admin().post(quotas, QJsonObject{{"scope", "enterprise"},
                                                   {"scopeId", acme},
                                                   {"rpm", 1},
                                                   {"model", QString(201, QLatin1Char('m'))}}),
                  "\"model\"");
        expect400(admin().post(quotas, QJsonObject{{"scope", "enterprise"},
                                                   {"scopeId", acme},
                                                   {"rpm", 1},
                                                   {"enabled", "yes"}}),
                  "\"enabled\"");
        expect400(
            admin().post(
                quotas,
                QJsonObject{{"scope", "enterprise"}, {"scopeId", acme}, {"rpm", 1}, {"burst", 10}}),
            "Unknown field \"burst\"");
        QCOMPARE(admin().post(quotas, QByteArray("[1,2]")).status, 400);
        // A scope object that does not exist: 404 naming it.
        for (const char *scope : {"key", "user", "group", "department", "enterprise"}) {
            const auto r = admin().post(
                quotas, QJsonObject{{"scope", scope}, {"scopeId", 987654}, {"rpm", 1}});
            QVERIFY2(r.status == 404, r.body.constData());
            QVERIFY2(r.body.contains(QStringLiteral("No %1 with id 987654").arg(scope).toUtf8()),
                     r.body.constData());
        }
        QCOMPARE(admin().get(quotas).json().value(QLatin1String("total")).toInt(), 0);
        QCOMPARE(dataVersion(), version);
        // Every scope kind is accepted for an object that exists.
        const auto onKey = admin().post(
            quotas, QJsonObject{{"scope", "key"}, {"scopeId", m_f->keyId()}, {"concurrency", 2}});
        QVERIFY2(onKey.status == 201, onKey.body.constData());
        QVERIFY(onKey.json().value(QLatin1String("enterpriseId")).isNull()); // a staff key
    }

    void budgetLifecycleAndValidation()
    {
        const qint64 acme = enterprise(QStringLiteral("Acme"));
        const qint64 eng = department(acme, QStringLiteral("eng"));
        const QString budgets = QStringLiteral("/api/budgets");
        qint64 version = dataVersion();
        const auto made = admin().post(budgets, QJsonObject{{"name", "Engineering monthly"},
                                                            {"scope", "department"},
                                                            {"scopeId", eng},
                                                            {"period", "month"},
                                                            {"amount", 500.25},
                                                            {"hard", true}});
        QVERIFY2(made.status == 201, made.body.constData());
        QVERIFY(dataVersion() > version);
        const QJsonObject b = made.json();
        const qint64 id = b.value(QLatin1String("id")).toInteger();
        QCOMPARE(b.value(QLatin1String("name")).toString(), QStringLiteral("Engineering monthly"));
        QCOMPARE(b.value(QLatin1String("enterpriseId")).toInteger(), acme);
        QCOMPARE(b.value(QLatin1String("amount")).toDouble(), 500.25);
        QVERIFY(b.value(QLatin1String("hard")).toBool());
        QCOMPARE(b.value(QLatin1String("thresholds")).toArray(), (QJsonArray{80, 95, 100}));

        // GET: nothing spent yet, the whole amount remains, the current UTC month.
        const QString path = QStringLiteral("/api/budgets/%1").arg(id);
        const QJsonObject got = admin().get(path).json();
        QCOMPARE(got.value(QLatin1String("spent")).toDouble(), 0.0);
        QCOMPARE(got.value(QLatin1String("remaining")).toDouble(), 500.25);
        QCOMPARE(got.value(QLatin1String("forecast")).toDouble(), 0.0);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QDateTime start =
            QDateTime::fromMSecsSinceEpoch(ms(got.value(QLatin1String("periodStart"))), Qt::UTC);
        const QDateTime end =
            QDateTime::fromMSecsSinceEpoch(ms(got.value(QLatin1String("periodEnd"))), Qt::UTC);
        QCOMPARE(start.date(), QDate(now.date().year(), now.date().month(), 1));
        QCOMPARE(start.time(), QTime(0, 0));
        QCOMPARE(end.date(), start.date().addMonths(1));
        QCOMPARE(admin().get(budgets).json().value(QLatin1String("total")).toInt(), 1);

        version = dataVersion();
        const auto patched = admin().patch(path, QJsonObject{{"period", "week"},
                                                             {"amount", 100},
                                                             {"thresholds", QJsonArray{50, 100}},
                                                             {"hard", false},
                                                             {"name", "Weekly"}});
        QVERIFY2(patched.status == 200, patched.body.constData());
        QVERIFY(dataVersion() > version);
        const QJsonObject p = patched.json();
        QCOMPARE(p.value(QLatin1String("period")).toString(), QStringLiteral("week"));
        QCOMPARE(p.value(QLatin1String("thresholds")).toArray(), (QJsonArray{50, 100}));
        QCOMPARE(p.value(QLatin1String("remaining")).toDouble(), 100.0);
        const QDateTime weekStart =
            QDateTime::fromMSecsSinceEpoch(ms(p.value(QLatin1String("periodStart"))), Qt::UTC);
        QCOMPARE(weekStart.date().dayOfWeek(), 1);
        QCOMPARE(ms(p.value(QLatin1String("periodEnd"))) - weekStart.toMSecsSinceEpoch(),
                 qint64(7) * 24 * 3600 * 1000);

        version = dataVersion();
        const QJsonObject valid{{"name", "x"},
                                {"scope", "enterprise"},
                                {"scopeId", acme},
                                {"period", "day"},
                                {"amount", 10}};
        auto with = [&](const char *field, const QJsonValue &v) {
            QJsonObject o = valid;
            if (v.isUndefined())
                o.remove(QLatin1String(field));
            else
                o.insert(QLatin1String(field), v);
            return admin().post(budgets, o);
        };
        expect400(with("scope", QStringLiteral("key")), "not apply to a single key");
        expect400(with("scope", QJsonValue::Undefined), "\"scope\" is required");
        expect400(with("scopeId", QJsonValue::Undefined), "\"scopeId\" is required");
        expect400(with("name", QJsonValue::Undefined), "\"name\" is required");
        expect400(with("name", QStringLiteral("   ")), "\"name\" is required");
        expect400(with("period", QStringLiteral("year")), "day, week or month");
        expect400(with("period", QJsonValue::Undefined), "\"period\" is required");
        expect400(with("amount", 0), "above 0");
        expect400(with("amount", -3), "above 0");
        expect400(with("amount", QStringLiteral("10")), "\"amount\"");
        expect400(with("amount", 0.0000005), "at most 6 decimals");
        expect400(with("amount", QJsonValue::Undefined), "\"amount\" is required");
        expect400(with("hard", QStringLiteral("true")), "\"hard\"");
        expect400(with("thresholds", QJsonArray{}), "\"thresholds\"");
        expect400(with("thresholds", QJsonArray{95, 80}), "ascending");
        expect400(with("thresholds", QJsonArray{80, 80}), "ascending");
        expect400(with("thresholds", QJsonArray{0, 50}), "1 to 100");
        expect400(with("thresholds", QJsonArray{50, 101}), "1 to 100");
        expect400(with("thresholds", QJsonArray{50.5}), "\"thresholds\"");
        expect400(with("thresholds", 80), "\"thresholds\"");
        expect400(with("currency", QStringLiteral("EUR")), "Unknown field \"currency\"");
        const auto missing = with("scopeId", 987654);
        QVERIFY2(missing.status == 404 && missing.body.contains("No enterprise with id 987654"),
                 missing.body.constData());
        expect400(admin().patch(path, QJsonObject{{"scope", "enterprise"}}), "cannot change");
        QCOMPARE(dataVersion(), version);

        QCOMPARE(audit(QStringLiteral("budget.create")).size(), 1);
        QCOMPARE(audit(QStringLiteral("budget.update")).size(), 1);
        QCOMPARE(admin().del(path).status, 204);
        QCOMPARE(admin().get(path).status, 404);
        QCOMPARE(audit(QStringLiteral("budget.delete")).size(), 1);
    }

    void tenantsAndPermissions()
    {
        const qint64 a = enterprise(QStringLiteral("A"));
        const qint64 b = enterprise(QStringLiteral("B"));
        const qint64 aDept = department(a, QStringLiteral("a-eng"));
        const qint64 aAdmin = user(QStringLiteral("admin@a.example"), a);
        const qint64 aAuditor = user(QStringLiteral("auditor@a.example"), a);
        const qint64 aMember = user(QStringLiteral("member@a.example"), a, aDept);
        const qint64 aManager = user(QStringLiteral("manager@a.example"), a, aDept);
        const qint64 bUser = user(QStringLiteral("user@b.example"), b);
        grant(aAdmin, QStringLiteral("enterprise_admin"), QStringLiteral("enterprise"), a);
        grant(aAuditor, QStringLiteral("auditor"), QStringLiteral("enterprise"), a);
        grant(aManager, QStringLiteral("department_manager"), QStringLiteral("department"), aDept);

        // The system administrator puts a quota and a budget on each tenant.
        const qint64 bQuota =
            idOf(admin().post(QStringLiteral("/api/quotas"),
                              QJsonObject{{"scope", "user"}, {"scopeId", bUser}, {"rpm", 9}}));
        const qint64 bBudget =
            idOf(admin().post(QStringLiteral("/api/budgets"), QJsonObject{{"name", "B"},
                                                                          {"scope", "enterprise"},
                                                                          {"scopeId", b},
                                                                          {"period", "day"},
                                                                          {"amount", 1}}));
        QVERIFY(bQuota > 0 && bBudget > 0);

        auto aAdminClient = signIn(QStringLiteral("admin@a.example"));
        // Its own tenant: create, read, change, delete.
        const qint64 aQuota = idOf(aAdminClient->post(
            QStringLiteral("/api/quotas"),
            QJsonObject{{"scope", "user"}, {"scopeId", aMember}, {"dailyTokens", 1000}}));
        const qint64 aBudget = idOf(
            aAdminClient->post(QStringLiteral("/api/budgets"), QJsonObject{{"name", "A"},
                                                                           {"scope", "department"},
                                                                           {"scopeId", aDept},
                                                                           {"period", "month"},
                                                                           {"amount", 5}}));
        QVERIFY(aQuota > 0 && aBudget > 0);
        QCOMPARE(aAdminClient
                     ->patch(QStringLiteral("/api/quotas/%1").arg(aQuota),
                             QJsonObject{{"dailyTokens", 10}})
                     .status,
                 200);
        // The other tenant's rules do not exist for it: 404 on every route, absent from lists.
        for (const QString &path : {QStringLiteral("/api/quotas/%1").arg(bQuota),
                                    QStringLiteral("/api/quotas/%1/status").arg(bQuota),
                                    QStringLiteral("/api/budgets/%1").arg(bBudget)})
            QCOMPARE(aAdminClient->get(path).status, 404);
        QCOMPARE(
            aAdminClient
                ->patch(QStringLiteral("/api/quotas/%1").arg(bQuota), QJsonObject{{"rpm", 1000}})
                .status,
            404);
        QCOMPARE(aAdminClient
                     ->patch(QStringLiteral("/api/budgets/%1").arg(bBudget),
                             QJsonObject{{"amount", 1000}})
                     .status,
                 404);
        QCOMPARE(aAdminClient->del(QStringLiteral("/api/quotas/%1").arg(bQuota)).status, 404);
        QCOMPARE(aAdminClient->del(QStringLiteral("/api/budgets/%1").arg(bBudget)).status, 404);
        QCOMPARE(
            admin().get(QStringLiteral("/api/quotas/%1").arg(bQuota)).json().value("rpm").toInt(),
            9);
        QCOMPARE(admin()
                     .get(QStringLiteral("/api/budgets/%1").arg(bBudget))
                     .json()
                     .value("amount")
                     .toDouble(),
                 1.0);
        QCOMPARE(aAdminClient->get(QStringLiteral("/api/quotas")).json().value("total").toInt(), 1);
        QCOMPARE(aAdminClient->get(QStringLiteral("/api/budgets")).json().value("total").toInt(),
                 1);
        // Creating on the other tenant's objects: 404, as if they did not exist.
        const auto foreign =
            aAdminClient->post(QStringLiteral("/api/quotas"),
                               QJsonObject{{"scope", "user"}, {"scopeId", bUser}, {"rpm", 1}});
        QCOMPARE(foreign.status, 404);
        QCOMPARE(aAdminClient
                     ->post(QStringLiteral("/api/budgets"), QJsonObject{{"name", "x"},
                                                                        {"scope", "enterprise"},
                                                                        {"scopeId", b},
                                                                        {"period", "day"},
                                                                        {"amount", 1}})
                     .status,
                 404);

        // An auditor reads (usage.read) but does not change.
        auto auditor = signIn(QStringLiteral("auditor@a.example"));
        QCOMPARE(auditor->get(QStringLiteral("/api/quotas/%1").arg(aQuota)).status, 200);
        QCOMPARE(auditor->get(QStringLiteral("/api/budgets/%1").arg(aBudget)).status, 200);
        QCOMPARE(auditor->get(QStringLiteral("/api/quotas")).json().value("total").toInt(), 1);
        QCOMPARE(auditor->get(QStringLiteral("/api/quotas/%1").arg(bQuota)).status, 404);
        QCOMPARE(auditor
                     ->post(QStringLiteral("/api/quotas"),
                            QJsonObject{{"scope", "user"}, {"scopeId", aMember}, {"rpm", 1}})
                     .status,
                 403);
        QCOMPARE(
            auditor->patch(QStringLiteral("/api/quotas/%1").arg(aQuota), QJsonObject{{"rpm", 1}})
                .status,
            403);
        QCOMPARE(auditor->del(QStringLiteral("/api/budgets/%1").arg(aBudget)).status, 403);

        // A department manager reads the rules of its department's scopes; changing them needs
        // quota.manage / budget.manage, which the role does not hold.
        auto manager = signIn(QStringLiteral("manager@a.example"));
        QCOMPARE(manager->get(QStringLiteral("/api/budgets/%1").arg(aBudget)).status, 200);
        QCOMPARE(manager->get(QStringLiteral("/api/quotas/%1").arg(aQuota)).status, 200);
        const auto managerWrite = manager->patch(QStringLiteral("/api/budgets/%1").arg(aBudget),
                                                 QJsonObject{{"amount", 50}});
        QCOMPARE(managerWrite.status, 403);
        QVERIFY(managerWrite.body.contains("budget.manage"));

        // A plain member holds neither permission anywhere.
        auto member = signIn(QStringLiteral("member@a.example"));
        QCOMPARE(member->get(QStringLiteral("/api/quotas")).status, 403);
        QCOMPARE(member->get(QStringLiteral("/api/budgets/%1").arg(aBudget)).status, 403);
        QCOMPARE(member
                     ->post(QStringLiteral("/api/quotas"),
                            QJsonObject{{"scope", "user"}, {"scopeId", aMember}, {"rpm", 1}})
                     .status,
                 403);
        QCOMPARE(aAdminClient->del(QStringLiteral("/api/quotas/%1").arg(aQuota)).status, 204);
        QCOMPARE(aAdminClient->del(QStringLiteral("/api/budgets/%1").arg(aBudget)).status, 204);
        Q_UNUSED(aAuditor);
        Q_UNUSED(aManager);
    }
};

QTEST_GUILESS_MAIN(TestGovernanceApi)
#include "TestGovernanceApi.moc"
