// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/IncidentRoutes.h"

#include "api/admin/AdminApi.h"
#include "api/admin/AdminJson.h"
#include "api/admin/AdminRouteTable.h"
#include "api/admin/AlertAccess.h"
#include "base/Clock.h"
#include "store/IncidentRepository.h"

#include <QJsonArray>
#include <QUrlQuery>

namespace {

const QString What = QStringLiteral("incident");

QJsonValue userOrNull(qint64 id)
{
    return id > 0 ? QJsonValue(id) : QJsonValue(QJsonValue::Null);
}

QJsonObject incidentJson(const IncidentRow &i)
{
    return QJsonObject{{QStringLiteral("id"), i.id},
                       {QStringLiteral("enterpriseId"), userOrNull(i.enterpriseId)},
                       {QStringLiteral("ruleId"), i.ruleId},
                       {QStringLiteral("ruleName"), i.ruleName},
                       {QStringLiteral("subject"), i.subject},
                       {QStringLiteral("state"), i.state},
                       {QStringLiteral("summary"), i.summary},
                       {QStringLiteral("details"), i.details},
                       {QStringLiteral("openedAt"), AdminJson::time(i.openedAtMs)},
                       {QStringLiteral("updatedAt"), AdminJson::time(i.updatedAtMs)},
                       {QStringLiteral("acknowledgedAt"), AdminJson::time(i.acknowledgedAtMs)},
                       {QStringLiteral("acknowledgedBy"), userOrNull(i.acknowledgedBy)},
                       {QStringLiteral("resolvedAt"), AdminJson::time(i.resolvedAtMs)},
                       {QStringLiteral("resolvedBy"), userOrNull(i.resolvedBy)},
                       {QStringLiteral("autoResolved"), i.resolvedAtMs > 0 && i.resolvedBy == 0}};
}

int intParam(const QUrlQuery &query, const QString &key, int fallback, int min, int max)
{
    if (!query.hasQueryItem(key))
        return fallback;
    bool ok = false;
    const int v = query.queryItemValue(key).toInt(&ok);
    if (!ok || v < min || v > max)
        throw ApiError::badRequest(
            QStringLiteral("\"%1\" must be a number from %2 to %3.").arg(key).arg(min).arg(max));
    return v;
}

void listIncidents(AdminApi *api, const AdminCall &call)
{
    const QUrlQuery query(QString::fromUtf8(call.request.query));
    for (const auto &item : query.queryItems()) {
        static const QStringList known{QStringLiteral("state"), QStringLiteral("ruleId"),
                                       QStringLiteral("limit"), QStringLiteral("offset")};
        if (!known.contains(item.first))
            throw ApiError::badRequest(
                QStringLiteral("Unknown parameter \"%1\". Known: state, ruleId, limit, offset.")
                    .arg(item.first));
    }
    IncidentRepository::Filter filter;
    filter.state = query.queryItemValue(QStringLiteral("state"));
    if (!filter.state.isEmpty() && filter.state != QLatin1String("open") &&
        filter.state != QLatin1String("acknowledged") && filter.state != QLatin1String("resolved"))
        throw ApiError::badRequest(QStringLiteral("\"state\" must be open, acknowledged or "
                                                  "resolved."));
    if (query.hasQueryItem(QStringLiteral("ruleId"))) {
        bool ok = false;
        filter.ruleId = query.queryItemValue(QStringLiteral("ruleId")).toLongLong(&ok);
        if (!ok || filter.ruleId < 1)
            throw ApiError::badRequest(QStringLiteral("\"ruleId\" must be a rule id."));
    }
    filter.limit = intParam(query, QStringLiteral("limit"), 50, 1, 500);
    filter.offset = intParam(query, QStringLiteral("offset"), 0, 0, 100000000);
    filter.tenants = call.tenants();
    const HttpResponderPtr responder = call.responder;
    api->run<IncidentPage>(
        responder, [filter](QSqlDatabase &db) { return IncidentRepository(db).list(filter); },
        [responder, filter](const IncidentPage &page) {
            QJsonArray items;
            for (const IncidentRow &i : page.items)
                items.append(incidentJson(i));
            responder->sendJson(200, QJsonObject{{QStringLiteral("items"), items},
                                                 {QStringLiteral("total"), page.total},
                                                 {QStringLiteral("limit"), filter.limit},
                                                 {QStringLiteral("offset"), filter.offset}});
        });
}

void withIncident(AdminApi *api, const AdminCall &call,
                  std::function<void(const IncidentRow &)> then)
{
    const qint64 id = call.pathId();
    const AdminIdentity who = call.who();
    api->run<std::optional<IncidentRow>>(
        call.responder, [id](QSqlDatabase &db) { return IncidentRepository(db).get(id); },
        [who, id, then](const std::optional<IncidentRow> &row) {
            if (!row)
                throw ApiError::notFound(QStringLiteral("No incident with id %1.").arg(id));
            AlertAccess::check(who, row->enterpriseId, What, id);
            then(*row);
        });
}

void transition(AdminApi *api, const AdminCall &call, bool acknowledge)
{
    const HttpResponderPtr responder = call.responder;
    const AuditNotePtr note = call.auditNote();
    const qint64 userId = call.who().userId;
    withIncident(api, call, [api, responder, note, userId, acknowledge](const IncidentRow &cur) {
        using Result = std::pair<bool, IncidentRow>;
        api->run<Result>(
            responder,
            [cur, userId, acknowledge, note](QSqlDatabase &db) {
                IncidentRepository repo(db);
                const qint64 now = Clock::nowMs();
                const bool changed = acknowledge ? repo.acknowledge(cur.id, userId, now)
                                                 : repo.resolve(cur.id, userId, now);
                const IncidentRow after = repo.get(cur.id).value_or(cur);
                note->setTargetId(cur.id);
                note->setBefore(incidentJson(cur));
                note->setAfter(incidentJson(after));
                return Result(changed, after);
            },
            [responder, acknowledge](const Result &r) {
                if (!r.first)
                    throw ApiError::conflict(
                        acknowledge
                            ? QStringLiteral("Incident %1 is %2; only an open incident "
                                             "can be acknowledged.")
                                  .arg(r.second.id)
                                  .arg(r.second.state)
                            : QStringLiteral("Incident %1 is already resolved.").arg(r.second.id));
                responder->sendJson(200, incidentJson(r.second));
            });
    });
}

} // namespace

void IncidentRoutes::registerRoutes(AdminRouteTable &routes, AdminApi *api)
{
    const RouteAccess anywhere = RouteAccess::need(Permission::AlertManage).at(ScopeFrom::Anywhere);
    routes.add("GET", QStringLiteral("/api/incidents"), anywhere,
               [api](const AdminCall &c) { listIncidents(api, c); });
    routes.add("GET", QStringLiteral("/api/incidents/{id}"), anywhere, [api](const AdminCall &c) {
        const HttpResponderPtr r = c.responder;
        withIncident(api, c, [r](const IncidentRow &row) { r->sendJson(200, incidentJson(row)); });
    });
    routes.add("POST", QStringLiteral("/api/incidents/{id}/ack"), anywhere,
               [api](const AdminCall &c) { transition(api, c, true); });
    routes.add("POST", QStringLiteral("/api/incidents/{id}/resolve"), anywhere,
               [api](const AdminCall &c) { transition(api, c, false); });
}
