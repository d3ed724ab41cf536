// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/AuditRoutes.h"

#include "api/admin/AdminApi.h"
#include "api/admin/AdminJson.h"
#include "api/admin/AdminRouteTable.h"
#include "api/admin/AuditCsv.h"
#include "store/AuditRepository.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <memory>

namespace {

constexpr int CsvPageSize = 500;

// Which enterprises' entries the caller may read: every entry (nullopt) with a global grant of
// audit.read; otherwise the enterprises where the caller holds it. Identities carry no
// enterprise scope yet, so a caller without the global grant sees nothing; tenant scopes plug
// in here.
// The enterprises whose entries the caller may read: nothing to filter for a global auditor,
// else the enterprises where the caller holds audit.read.
std::optional<QList<qint64>> tenantScope(const AdminCall &call)
{
    if (call.can(Permission::AuditRead, Scope::global()))
        return std::nullopt;
    QList<qint64> ids;
    for (qint64 id : call.tenants().enterpriseIds) {
        if (call.can(Permission::AuditRead, Scope::enterprise(id)))
            ids.append(id);
    }
    return ids;
}

std::optional<qint64> readId(const HttpRequest &request, const QString &key)
{
    if (!request.hasQueryItem(key))
        return std::nullopt;
    bool ok = false;
    const qint64 v = request.queryItem(key).toLongLong(&ok);
    if (!ok || v < 1)
        throw ApiError::badRequest(QStringLiteral("\"%1\" must be a numeric id.").arg(key));
    return v;
}

int readInt(const HttpRequest &request, const QString &key, int fallback, int max)
{
    if (!request.hasQueryItem(key))
        return fallback;
    bool ok = false;
    const int v = request.queryItem(key).toInt(&ok);
    if (!ok || v < 1 || v > max)
        throw ApiError::badRequest(
            QStringLiteral("\"%1\" must be from 1 to %2.").arg(key).arg(max));
    return v;
}

// Reads the filter from the query string; throws ApiError 400 on a bad value.
AuditFilter readFilter(const AdminCall &call)
{
    const HttpRequest &request = call.request;
    AuditFilter f;
    for (const char *name : {"from", "to"}) {
        const QString key = QString::fromLatin1(name);
        if (!request.hasQueryItem(key))
            continue;
        const auto ms = AdminJson::parseTime(request.queryItem(key));
        if (!ms)
            throw ApiError::badRequest(QStringLiteral("\"%1\" must be an ISO 8601 date or "
                                                      "date-time (e.g. 2026-11-01 or "
                                                      "2026-11-01T00:00:00Z) or epoch ms.")
                                           .arg(key));
        (key == QLatin1String("from") ? f.fromMs : f.toMs) = *ms;
    }
    f.actorId = readId(request, QStringLiteral("actorId"));
    f.action = request.queryItem(QStringLiteral("action")).left(128);
    f.targetType = request.queryItem(QStringLiteral("targetType")).left(64);
    f.page = readInt(request, QStringLiteral("page"), 1, 1000000);
    f.pageSize = readInt(request, QStringLiteral("pageSize"), 50, AuditFilter::MaxPageSize);
    f.enterpriseIds = tenantScope(call);
    return f;
}

QJsonValue parsedJson(const QString &text)
{
    if (text.isEmpty())
        return QJsonValue();
    const QByteArray wrapped = "[" + text.toUtf8() + "]";
    const QJsonDocument doc = QJsonDocument::fromJson(wrapped);
    if (!doc.isArray() || doc.array().size() != 1)
        return text; // not JSON (edited by hand?): shown as stored
    return doc.array().first();
}

QJsonObject entryJson(const AuditRow &r)
{
    auto optional = [](const std::optional<qint64> &v) {
        return v ? QJsonValue(*v) : QJsonValue();
    };
    return QJsonObject{{QStringLiteral("id"), r.id},
                       {QStringLiteral("at"), AdminJson::time(r.atMs)},
                       {QStringLiteral("atMs"), r.atMs},
                       {QStringLiteral("actorId"), optional(r.actorId)},
                       {QStringLiteral("actorEmail"), r.actorEmail},
                       {QStringLiteral("address"), r.address},
                       {QStringLiteral("action"), r.action},
                       {QStringLiteral("targetType"), r.targetType},
                       {QStringLiteral("targetId"), r.targetId},
                       {QStringLiteral("before"), parsedJson(r.beforeJson)},
                       {QStringLiteral("after"), parsedJson(r.afterJson)},
                       {QStringLiteral("enterpriseId"), optional(r.enterpriseId)},
                       {QStringLiteral("prevHash"), r.prevHash},
                       {QStringLiteral("hash"), r.hash}};
}

// Streams every matching entry as CSV, one database page at a time, waiting for the client
// when its buffer is full: memory stays at one page whatever the log's size.
class CsvExport : public std::enable_shared_from_this<CsvExport>
{
public:
    CsvExport(AdminApi *api, HttpResponderPtr responder, AuditFilter filter)
        : m_api(api), m_responder(std::move(responder)), m_filter(std::move(filter))
    {
    }

    void next()
    {
        const AuditFilter f = m_filter;
        const qint64 before = m_beforeId;
        auto self = shared_from_this();
        m_api->run<QList<AuditRow>>(
            m_responder,
            [f, before](QSqlDatabase &db) {
                return AuditRepository(db).pageBefore(f, before, CsvPageSize);
            },
            [self](const QList<AuditRow> &rows) { self->write(rows); });
    }

private:
    void write(const QList<AuditRow> &rows)
    {
        if (!m_started) {
            m_started = true;
            if (!m_responder->beginChunked(
                    200, {{"Content-Type", "text/csv; charset=utf-8"},
                          {"Content-Disposition", "attachment; filename=\"audit.csv\""}}))
                return;
            m_responder->writeChunk(AuditCsv::header());
        }
        QByteArray chunk;
        for (const AuditRow &r : rows) {
            chunk.append(AuditCsv::line(r));
            m_beforeId = r.id;
        }
        if (!chunk.isEmpty() && !m_responder->writeChunk(chunk))
            return; // the client has gone
        if (rows.size() < CsvPageSize) {
            m_responder->endChunked();
            return;
        }
        if (m_responder->isBackedUp()) {
            auto self = shared_from_this();
            m_responder->setWritableHandler([self] {
                self->m_responder->setWritableHandler(nullptr);
                self->next();
            });
            return;
        }
        next();
    }

    AdminApi *m_api;
    HttpResponderPtr m_responder;
    AuditFilter m_filter;
    qint64 m_beforeId = 0;
    bool m_started = false;
};

void list(AdminApi *api, const AdminCall &call)
{
    const AuditFilter f = readFilter(call);
    const QString format = call.request.queryItem(QStringLiteral("format"));
    if (!format.isEmpty() && format != QLatin1String("json") && format != QLatin1String("csv"))
        throw ApiError::badRequest(QStringLiteral("\"format\" must be json or csv."));
    const HttpResponderPtr responder = call.responder;
    if (format == QLatin1String("csv")) {
        std::make_shared<CsvExport>(api, responder, f)->next();
        return;
    }
    api->run<AuditPage>(
        responder, [f](QSqlDatabase &db) { return AuditRepository(db).query(f); },
        [responder, f](const AuditPage &page) {
            QJsonArray items;
            for (const AuditRow &r : page.items)
                items.append(entryJson(r));
            responder->sendJson(200, QJsonObject{{QStringLiteral("items"), items},
                                                 {QStringLiteral("total"), page.total},
                                                 {QStringLiteral("page"), f.page},
                                                 {QStringLiteral("pageSize"), f.pageSize}});
        });
}

void verify(AdminApi *api, const AdminCall &call)
{
    // The chain spans every tenant: only a global auditor walks it.
    if (tenantScope(call))
        throw ApiError::forbidden(
            QStringLiteral("Verifying the audit log needs audit.read for the whole installation."));
    const HttpResponderPtr responder = call.responder;
    api->run<AuditVerification>(
        responder, [](QSqlDatabase &db) { return AuditRepository(db).verify(); },
        [responder](const AuditVerification &v) {
            QJsonObject out{{QStringLiteral("ok"), v.ok}, {QStringLiteral("entries"), v.entries}};
            if (v.firstBadId) {
                out.insert(QStringLiteral("firstBadId"), *v.firstBadId);
                out.insert(QStringLiteral("problem"), v.problem);
            }
            responder->sendJson(200, out);
        });
}

} // namespace

void AuditRoutes::registerRoutes(AdminRouteTable &routes, AdminApi *api)
{
    routes.add("GET", QStringLiteral("/api/audit"),
               RouteAccess::need(Permission::AuditRead).at(ScopeFrom::Anywhere),
               [api](const AdminCall &c) { list(api, c); });
    routes.add("GET", QStringLiteral("/api/audit/verify"),
               RouteAccess::need(Permission::AuditRead).at(ScopeFrom::Anywhere),
               [api](const AdminCall &c) { verify(api, c); });
}
