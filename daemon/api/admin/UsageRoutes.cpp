// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/UsageRoutes.h"

#include "base/Clock.h"

#include "api/admin/AdminApi.h"
#include "api/admin/AdminJson.h"
#include "api/admin/AdminRouteTable.h"
#include "protocol/TokenCount.h"
#include "store/UsageRepository.h"

#include <QJsonArray>

namespace {

// Reads the filter from the query string; throws ApiError 400 on a bad value.
std::optional<UsageFilter> readFilter(const HttpRequest &request, const AdminIdentity &who)
{
    UsageFilter f;
    auto bad = [](const QString &message) -> std::optional<UsageFilter> {
        throw ApiError::badRequest(message);
    };
    for (const char *name : {"from", "to"}) {
        const QString key = QString::fromLatin1(name);
        if (!request.hasQueryItem(key))
            continue;
        const auto ms = AdminJson::parseTime(request.queryItem(key));
        if (!ms)
            return bad(QStringLiteral("\"%1\" must be an ISO 8601 date or date-time (e.g. "
                                      "2026-11-01 or 2026-11-01T00:00:00Z) or epoch ms.")
                           .arg(key));
        (key == QLatin1String("from") ? f.fromMs : f.toMs) = *ms;
    }
    for (const char *name : {"keyId", "accountId", "userId", "enterpriseId", "departmentId"}) {
        const QString key = QString::fromLatin1(name);
        if (!request.hasQueryItem(key))
            continue;
        bool ok = false;
        const qint64 v = request.queryItem(key).toLongLong(&ok);
        if (!ok)
            return bad(QStringLiteral("\"%1\" must be a numeric id.").arg(key));
        if (key == QLatin1String("keyId"))
            f.keyId = v;
        else if (key == QLatin1String("accountId"))
            f.accountId = v;
        else if (key == QLatin1String("enterpriseId"))
            f.enterpriseId = v;
        else if (key == QLatin1String("departmentId"))
            f.departmentId = v;
        else
            f.userId = v;
    }
    f.model = request.queryItem(QStringLiteral("model"));
    if (request.hasQueryItem(QStringLiteral("sort"))) {
        f.sort = request.queryItem(QStringLiteral("sort"));
        if (!UsageFilter::sortFields().contains(f.sort))
            return bad(QStringLiteral("\"sort\" must be one of: %1.")
                           .arg(UsageFilter::sortFields().join(QStringLiteral(", "))));
    }
    if (request.hasQueryItem(QStringLiteral("order"))) {
        const QString order = request.queryItem(QStringLiteral("order"));
        if (order != QLatin1String("asc") && order != QLatin1String("desc"))
            return bad(QStringLiteral("\"order\" must be asc or desc."));
        f.ascending = order == QLatin1String("asc");
    }
    if (request.hasQueryItem(QStringLiteral("page"))) {
        bool ok = false;
        f.page = request.queryItem(QStringLiteral("page")).toInt(&ok);
        if (!ok || f.page < 1)
            return bad(QStringLiteral("\"page\" must be 1 or more."));
    }
    if (request.hasQueryItem(QStringLiteral("pageSize"))) {
        bool ok = false;
        f.pageSize = request.queryItem(QStringLiteral("pageSize")).toInt(&ok);
        if (!ok || f.pageSize < 1 || f.pageSize > UsageFilter::MaxPageSize)
            return bad(
                QStringLiteral("\"pageSize\" must be from 1 to %1.").arg(UsageFilter::MaxPageSize));
    }
    // Global usage readers see everything; a tenant's usage readers the rows of the enterprises
    // where they hold usage.read (the ledger records each call's enterprise); everyone else
    // their own usage only.
    if (!can(who, Permission::UsageRead)) {
        QList<qint64> enterprises;
        if (who.access) {
            const QList<qint64> visible = who.access->visibleEnterprises(who.userId);
            for (qint64 e : visible) {
                if (can(who, Permission::UsageRead, Scope::enterprise(e)))
                    enterprises << e;
            }
        }
        if (enterprises.isEmpty())
            f.userId = who.userId;
        else
            f.enterpriseIds = enterprises;
    }
    return f;
}

void usage(AdminApi *api, const AdminCall &call)
{
    const HttpRequest &request = call.request;
    const HttpResponderPtr &responder = call.responder;
    const std::optional<AdminIdentity> who = call.caller;
    const auto filter = readFilter(request, *who);
    if (!filter)
        return;
    const UsageFilter f = *filter;
    api->run<UsagePage>(
        responder, [f](QSqlDatabase &db) { return UsageRepository(db).query(f); },
        [responder, f](const UsagePage &page) {
            QJsonArray items;
            for (const UsageRecord &r : page.items)
                items.append(r.toJson());
            responder->sendJson(200, QJsonObject{{QStringLiteral("items"), items},
                                                 {QStringLiteral("total"), page.total},
                                                 {QStringLiteral("page"), f.page},
                                                 {QStringLiteral("pageSize"), f.pageSize}});
        });
}

void summary(AdminApi *api, const AdminCall &call)
{
    const HttpRequest &request = call.request;
    const HttpResponderPtr &responder = call.responder;
    const std::optional<AdminIdentity> who = call.caller;
    const auto filter = readFilter(request, *who);
    if (!filter)
        return;
    const QString groupBy = request.hasQueryItem(QStringLiteral("groupBy"))
                                ? request.queryItem(QStringLiteral("groupBy"))
                                : QStringLiteral("day");
    static const QStringList groups = {QStringLiteral("day"), QStringLiteral("minute"),
                                       QStringLiteral("model"), QStringLiteral("key"),
                                       QStringLiteral("account")};
    if (!groups.contains(groupBy)) {
        throw ApiError::badRequest(QStringLiteral("\"groupBy\" must be one of: day, minute, "
                                                  "model, key, account."));
    }
    // Minutes are for recent activity: at most a day of them per answer.
    static constexpr qint64 MaxMinuteRangeMs = 24LL * 3600 * 1000;
    if (groupBy == QLatin1String("minute") &&
        (!filter->fromMs ||
         filter->toMs.value_or(Clock::nowMs()) - *filter->fromMs > MaxMinuteRangeMs)) {
        throw ApiError::badRequest(QStringLiteral("groupBy=minute needs \"from\" at most 24 "
                                                  "hours before \"to\" (or now)."));
    }
    const UsageFilter f = *filter;
    api->run<QList<UsageSummaryRow>>(
        responder,
        [f, groupBy](QSqlDatabase &db) { return UsageRepository(db).summary(f, groupBy); },
        [responder, groupBy](const QList<UsageSummaryRow> &rows) {
            QJsonArray items;
            UsageSummaryRow total;
            for (const UsageSummaryRow &r : rows) {
                items.append(
                    QJsonObject{{QStringLiteral("group"), r.key},
                                {QStringLiteral("requests"), r.requests},
                                {QStringLiteral("errors"), r.errors},
                                {QStringLiteral("inputTokens"), r.inputTokens},
                                {QStringLiteral("outputTokens"), r.outputTokens},
                                {QStringLiteral("cacheWriteTokens"), r.cacheWriteTokens},
                                {QStringLiteral("cacheReadTokens"), r.cacheReadTokens},
                                {QStringLiteral("cacheWrite1hTokens"), r.cacheWrite1hTokens},
                                {QStringLiteral("reasoningTokens"), r.reasoningTokens},
                                {QStringLiteral("cost"), r.cost}});
                total.requests += r.requests;
                total.errors += r.errors;
                total.inputTokens = TokenCount::add(total.inputTokens, r.inputTokens);
                total.outputTokens = TokenCount::add(total.outputTokens, r.outputTokens);
                total.cacheWriteTokens =
                    TokenCount::add(total.cacheWriteTokens, r.cacheWriteTokens);
                total.cacheReadTokens = TokenCount::add(total.cacheReadTokens, r.cacheReadTokens);
                total.cacheWrite1hTokens =
                    TokenCount::add(total.cacheWrite1hTokens, r.cacheWrite1hTokens);
                total.reasoningTokens = TokenCount::add(total.reasoningTokens, r.reasoningTokens);
                total.cost += r.cost;
            }
            const QJsonObject totals{
                {QStringLiteral("requests"), total.requests},
                {QStringLiteral("errors"), total.errors},
                {QStringLiteral("inputTokens"), total.inputTokens},
                {QStringLiteral("outputTokens"), total.outputTokens},
                {QStringLiteral("cacheWriteTokens"), total.cacheWriteTokens},
                {QStringLiteral("cacheReadTokens"), total.cacheReadTokens},
                {QStringLiteral("cacheWrite1hTokens"), total.cacheWrite1hTokens},
                {QStringLiteral("reasoningTokens"), total.reasoningTokens},
                {QStringLiteral("cost"), total.cost}};
            responder->sendJson(200, QJsonObject{{QStringLiteral("groupBy"), groupBy},
                                                 {QStringLiteral("items"), items},
                                                 {QStringLiteral("totals"), totals}});
        });
}

} // namespace

void UsageRoutes::registerRoutes(AdminRouteTable &routes, AdminApi *api)
{
    routes.add("GET", QStringLiteral("/api/usage"),
               RouteAccess::needAnyOf({Permission::UsageRead, Permission::UsageReadOwn}),
               [api](const AdminCall &c) { usage(api, c); });
    routes.add("GET", QStringLiteral("/api/usage/summary"),
               RouteAccess::needAnyOf({Permission::UsageRead, Permission::UsageReadOwn}),
               [api](const AdminCall &c) { summary(api, c); });
}
