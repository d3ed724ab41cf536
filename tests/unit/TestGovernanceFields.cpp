// SPDX-License-Identifier: GPL-3.0-or-later
// The pure parts of the quota and budget admin API: USD amounts, calendar periods in a time
// zone, body validation and who may touch a rule, without sockets or SQL.
#include "api/admin/BudgetFields.h"
#include "api/admin/LimitAccess.h"
#include "api/admin/PeriodWindow.h"
#include "api/admin/QuotaFields.h"
#include "api/admin/UsdAmount.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTest>

class TestGovernanceFields final : public QObject
{
    Q_OBJECT

private:
    static qint64 at(const QString &iso)
    {
        return QDateTime::fromString(iso, Qt::ISODate).toMSecsSinceEpoch();
    }
    static QString iso(qint64 ms)
    {
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
    }

private Q_SLOTS:
    void usdAmounts()
    {
        QCOMPARE(UsdAmount::parse(QJsonValue(50)), std::optional<MicroUsd>(50000000));
        QCOMPARE(UsdAmount::parse(QJsonValue(0.1)), std::optional<MicroUsd>(100000));
        QCOMPARE(UsdAmount::parse(QJsonValue(12.345678)), std::optional<MicroUsd>(12345678));
        QCOMPARE(UsdAmount::parse(QJsonValue(0.000001)), std::optional<MicroUsd>(1));
        QCOMPARE(UsdAmount::parse(QJsonValue(0)), std::optional<MicroUsd>(0));
        QCOMPARE(UsdAmount::parse(QJsonValue(999999999.999999)),
                 std::optional<MicroUsd>(999999999999999));
        QVERIFY(!UsdAmount::parse(QJsonValue(0.0000001)));
        QVERIFY(!UsdAmount::parse(QJsonValue(1.2345678)));
        QVERIFY(!UsdAmount::parse(QJsonValue(-1)));
        QVERIFY(!UsdAmount::parse(QJsonValue(1e10)));
        QVERIFY(!UsdAmount::parse(QJsonValue(QStringLiteral("5"))));
        QVERIFY(!UsdAmount::parse(QJsonValue(true)));
        QVERIFY(!UsdAmount::parse(QJsonValue()));
        QCOMPARE(UsdAmount::toJson(12500000).toDouble(), 12.5);
        QCOMPARE(UsdAmount::toJson(1).toDouble(), 0.000001);
    }

    void periodsInUtc()
    {
        const QTimeZone utc = QTimeZone::utc();
        const qint64 now = at(QStringLiteral("2026-11-18T15:30:00Z")); // a Wednesday
        PeriodWindow w = PeriodWindow::of(BudgetPeriod::Day, now, utc);
        QCOMPARE(iso(w.startMs), QStringLiteral("2026-11-18T00:00:00Z"));
        QCOMPARE(iso(w.endMs), QStringLiteral("2026-11-19T00:00:00Z"));
        w = PeriodWindow::of(BudgetPeriod::Week, now, utc);
        QCOMPARE(iso(w.startMs), QStringLiteral("2026-11-16T00:00:00Z"));
        QCOMPARE(iso(w.endMs), QStringLiteral("2026-11-23T00:00:00Z"));
        w = PeriodWindow::of(BudgetPeriod::Month, now, utc);
        QCOMPARE(iso(w.startMs), QStringLiteral("2026-11-01T00:00:00Z"));
        QCOMPARE(iso(w.endMs), QStringLiteral("2026-12-01T00:00:00Z"));
        // December rolls into the next year; a Sunday belongs to the week that began Monday.
        w = PeriodWindow::of(BudgetPeriod::Month, at(QStringLiteral("2026-12-31T23:59:59Z")), utc);
        QCOMPARE(iso(w.endMs), QStringLiteral("2027-01-01T00:00:00Z"));
        w = PeriodWindow::of(BudgetPeriod::Week, at(QStringLiteral("2026-11-22T23:00:00Z")), utc);
        QCOMPARE(iso(w.startMs), QStringLiteral("2026-11-16T00:00:00Z"));
        // The first instant of a period belongs to it.
        w = PeriodWindow::of(BudgetPeriod::Day, at(QStringLiteral("2026-11-18T00:00:00Z")), utc);
        QCOMPARE(iso(w.startMs), QStringLiteral("2026-11-18T00:00:00Z"));
    }

    void periodsInATimeZone()
    {
        const QTimeZone shanghai = PeriodWindow::zone(QStringLiteral("Asia/Shanghai"));
        QVERIFY(shanghai.isValid());
        // 20:00 UTC on the 30th is already the 1st of December in Shanghai (UTC+8).
        const PeriodWindow w = PeriodWindow::of(
            BudgetPeriod::Month, at(QStringLiteral("2026-11-30T20:00:00Z")), shanghai);
        QCOMPARE(iso(w.startMs), QStringLiteral("2026-11-30T16:00:00Z"));
        QCOMPARE(iso(w.endMs), QStringLiteral("2026-12-31T16:00:00Z"));
        // A day across a daylight-saving change lasts 23 hours.
        const QTimeZone berlin = PeriodWindow::zone(QStringLiteral("Europe/Berlin"));
        const PeriodWindow dst =
            PeriodWindow::of(BudgetPeriod::Day, at(QStringLiteral("2026-03-29T12:00:00Z")), berlin);
        QCOMPARE(iso(dst.startMs), QStringLiteral("2026-03-28T23:00:00Z"));
        QCOMPARE(dst.endMs - dst.startMs, qint64(23) * 3600 * 1000);
        // Unknown names fall back to UTC.
        QCOMPARE(PeriodWindow::zone(QStringLiteral("Mars/Olympus")), QTimeZone::utc());
        QCOMPARE(PeriodWindow::zone(QString()), QTimeZone::utc());
    }

    void quotaModels()
    {
        QVERIFY(QuotaFields::validModel(QString()));
        QVERIFY(QuotaFields::validModel(QStringLiteral("claude-opus*")));
        QVERIFY(QuotaFields::validModel(QStringLiteral("gpt-4o")));
        QVERIFY(QuotaFields::validModel(QStringLiteral("*")));
        QVERIFY(!QuotaFields::validModel(QStringLiteral("claude*opus")));
        QVERIFY(!QuotaFields::validModel(QStringLiteral("claude opus")));
        QVERIFY(!QuotaFields::validModel(QString(201, QLatin1Char('m'))));
    }

    void quotaBodies()
    {
        QuotaRow row;
        QCOMPARE(QuotaFields::apply(
                     QJsonObject{
                         {"scope", "group"}, {"scopeId", 7}, {"tpm", 1000}, {"monthlyCost", 49.99}},
                     row, true),
                 QString());
        QCOMPARE(row.scope, LimitScope::Group);
        QCOMPARE(row.scopeId, qint64(7));
        QCOMPARE(row.tpm, qint64(1000));
        QCOMPARE(row.monthlyCostMicros, qint64(49990000));
        // PATCH: null clears a limit; the last limit cannot go.
        QCOMPARE(QuotaFields::apply(QJsonObject{{"tpm", QJsonValue::Null}}, row, false), QString());
        QCOMPARE(row.tpm, qint64(0));
        QVERIFY(QuotaFields::apply(QJsonObject{{"monthlyCost", 0}}, row, false)
                    .contains(QLatin1String("at least one limit")));
        QVERIFY(QuotaFields::apply(QJsonObject{{"scopeId", 8}}, row, false)
                    .contains(QLatin1String("cannot change")));
        const QJsonObject json = QuotaFields::toJson(row);
        QCOMPARE(json.value(QLatin1String("monthlyCost")).toDouble(), 0.0);
        QCOMPARE(json.value(QLatin1String("scope")).toString(), QStringLiteral("group"));
    }

    void quotaStatusWithoutTheEngine()
    {
        QuotaRow row;
        row.id = 3;
        row.rpm = 10;
        row.monthlyCostMicros = 5000000;
        const qint64 now = at(QStringLiteral("2026-11-18T15:30:00Z"));
        QJsonObject s = QuotaFields::status(row, std::nullopt, now, QTimeZone::utc());
        QVERIFY(!s.value(QLatin1String("counted")).toBool());
        QJsonArray limits = s.value(QLatin1String("limits")).toArray();
        QCOMPARE(limits.size(), 2);
        const QJsonObject cost = limits.at(1).toObject();
        QCOMPARE(cost.value(QLatin1String("limit")).toString(), QStringLiteral("monthlyCost"));
        QCOMPARE(cost.value(QLatin1String("max")).toDouble(), 5.0);
        QCOMPARE(cost.value(QLatin1String("used")).toDouble(), 0.0);
        QCOMPARE(cost.value(QLatin1String("resetAt")).toString(),
                 QStringLiteral("2026-12-01T00:00:00.000Z"));
        // With the engine's status: its figures (micro-USD shown as USD).
        QuotaStatus engine;
        engine.quotaId = 3;
        engine.limits = {LimitUse{QStringLiteral("rpm"), 10, 4, now + 30000},
                         LimitUse{QStringLiteral("monthlyCost"), 5000000, 1250000, now + 1}};
        s = QuotaFields::status(row, engine, now, QTimeZone::utc());
        QVERIFY(s.value(QLatin1String("counted")).toBool());
        limits = s.value(QLatin1String("limits")).toArray();
        QCOMPARE(limits.at(0).toObject().value(QLatin1String("remaining")).toInteger(), 6);
        QCOMPARE(limits.at(1).toObject().value(QLatin1String("used")).toDouble(), 1.25);
        QCOMPARE(limits.at(1).toObject().value(QLatin1String("remaining")).toDouble(), 3.75);
    }

    void budgetBodiesAndUse()
    {
        BudgetRow row;
        QCOMPARE(BudgetFields::apply(QJsonObject{{"name", " Team "},
                                                 {"scope", "user"},
                                                 {"scopeId", 2},
                                                 {"period", "week"},
                                                 {"amount", 20}},
                                     row, true),
                 QString());
        QCOMPARE(row.name, QStringLiteral("Team"));
        QCOMPARE(row.thresholds, (QList<int>{80, 95, 100}));
        QVERIFY(!row.hard);
        QVERIFY(BudgetFields::apply(QJsonObject{{"thresholds", QJsonArray{10, 20, 30, 40, 50, 60,
                                                                          70, 80, 90, 95, 100}}},
                                    row, false)
                    .contains(QLatin1String("thresholds")));
        row.id = 4;
        BudgetStatus engine;
        engine.budgetId = 4;
        engine.amount = 20000000;
        engine.spent = 25000000;
        engine.remaining = -5000000;
        engine.forecast = 40000000;
        engine.periodStartMs = at(QStringLiteral("2026-11-16T00:00:00Z"));
        engine.periodEndMs = at(QStringLiteral("2026-11-23T00:00:00Z"));
        const QJsonObject json = BudgetFields::toJson(row, engine, 0, QTimeZone::utc());
        QCOMPARE(json.value(QLatin1String("spent")).toDouble(), 25.0);
        QCOMPARE(json.value(QLatin1String("remaining")).toDouble(), 0.0); // never negative
        QCOMPARE(json.value(QLatin1String("forecast")).toDouble(), 40.0);
        QCOMPARE(json.value(QLatin1String("periodEnd")).toString(),
                 QStringLiteral("2026-11-23T00:00:00.000Z"));
    }

    void whoMayTouchARule()
    {
        auto model = std::make_shared<AccessModel>();
        model->addEnterprise(1);
        model->addEnterprise(2);
        model->addDepartment(10, 1, 0);
        model->addDepartment(11, 1, 10);
        model->addUser(100, 1, 11); // in a sub-department of 10
        model->addUser(200, 2, 0);
        model->addGroup(50, 1);
        model->addKey(1000, 100);
        model->addAssignment(7, {1, QStringLiteral("enterprise_admin"), Scope::enterprise(1)});
        model->addAssignment(8, {2, QStringLiteral("department_manager"), Scope::department(10)});
        model->addAssignment(9, {3, QStringLiteral("group_owner"), Scope::group(50)});
        model->addUser(7, 1, 0);
        model->addUser(8, 1, 10);
        model->addUser(9, 1, 0);
        auto who = [&](qint64 id) {
            AdminIdentity i;
            i.userId = id;
            i.role = QStringLiteral("member");
            i.access = model;
            return i;
        };
        const std::vector<Permission> manage{Permission::QuotaManage};
        const std::vector<Permission> read{Permission::QuotaManage, Permission::UsageRead};
        using V = LimitAccess::Verdict;
        // The enterprise admin manages every scope of its enterprise, sees nothing of another.
        QCOMPARE(LimitAccess::check(who(7), manage, LimitScope::Key, 1000, -1), V::Allowed);
        QCOMPARE(LimitAccess::check(who(7), manage, LimitScope::Department, 11, -1), V::Allowed);
        QCOMPARE(LimitAccess::check(who(7), manage, LimitScope::Enterprise, 1, -1), V::Allowed);
        QCOMPARE(LimitAccess::check(who(7), manage, LimitScope::User, 200, -1), V::Hidden);
        QCOMPARE(LimitAccess::check(who(7), manage, LimitScope::Enterprise, 2, 2), V::Hidden);
        QCOMPARE(LimitAccess::check(who(7), manage, LimitScope::User, 999, -1), V::Hidden);
        // The department manager reads (usage.read) below its department, changes nothing.
        QCOMPARE(LimitAccess::check(who(8), read, LimitScope::User, 100, -1), V::Allowed);
        QCOMPARE(LimitAccess::check(who(8), manage, LimitScope::User, 100, -1), V::Forbidden);
        QCOMPARE(LimitAccess::check(who(8), read, LimitScope::Enterprise, 1, -1), V::Forbidden);
        // The group owner manages its group's rules only.
        QCOMPARE(LimitAccess::check(who(9), manage, LimitScope::Group, 50, -1), V::Allowed);
        QCOMPARE(LimitAccess::check(who(9), manage, LimitScope::User, 100, -1), V::Forbidden);
        // A rule whose object is gone stays in its recorded tenant.
        QCOMPARE(LimitAccess::check(who(7), manage, LimitScope::Group, 51, 1), V::Allowed);
        QCOMPARE(LimitAccess::check(who(9), manage, LimitScope::Group, 51, 1), V::Forbidden);
    }
};

QTEST_GUILESS_MAIN(TestGovernanceFields)
#include "TestGovernanceFields.moc"
