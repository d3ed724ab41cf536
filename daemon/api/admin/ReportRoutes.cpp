// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/ReportRoutes.h"

#include "api/admin/AdminApi.h"
#include "api/admin/AdminRouteTable.h"
#include "api/admin/UsageReportRequest.h"
#include "base/Clock.h"
#include "store/UsageReportRepository.h"

#include <memory>

namespace {

constexpr int CsvChunkRows = 500;

// Who sees what: a global usage reader every row; a tenant's usage readers the rows of the
// enterprises where they hold usage.read; everyone else (usage.read_own) their own calls only.
// As GET /api/usage does.
void applyTenants(const AdminIdentity &who, UsageReportQuery *q)
{
    if (can(who, Permission::UsageRead))
        return;
    QList<qint64> enterprises;
    if (who.access) {
        const QList<qint64> visible = who.access->visibleEnterprises(who.userId);
        for (qint64 e : visible) {
            if (can(who, Permission::UsageRead, Scope::enterprise(e)))
                enterprises << e;
        }
    }
    if (enterprises.isEmpty())
        q->userId = who.userId;
    else
        q->enterpriseIds = enterprises;
}

// Writes a report as CSV in chunks, waiting for the client when its buffer is full.
class CsvWriter : public std::enable_shared_from_this<CsvWriter>
{
public:
    CsvWriter(HttpResponderPtr responder, QString groupBy, QList<UsageReportRow> rows)
        : m_responder(std::move(responder)), m_groupBy(std::move(groupBy)), m_rows(std::move(rows))
    {
    }

    void start()
    {
        if (!m_responder->beginChunked(
                200, {{"Content-Type", "text/csv; charset=utf-8"},
                      {"Content-Disposition", "attachment; filename=\"usage-report.csv\""}}))
            return;
        if (!m_responder->writeChunk(UsageReportRequest::csvHeader(m_groupBy)))
            return;
        next();
    }

private:
    void next()
    {
        while (m_at < m_rows.size()) {
            QByteArray chunk;
            const qsizetype end = qMin(m_rows.size(), m_at + CsvChunkRows);
            for (; m_at < end; ++m_at)
                chunk.append(UsageReportRequest::csvRow(m_groupBy, m_rows.at(m_at)));
            if (!m_responder->writeChunk(chunk))
                return; // the client has gone
            if (m_at < m_rows.size() && m_responder->isBackedUp()) {
                auto self = shared_from_this();
                m_responder->setWritableHandler([self] {
                    self->m_responder->setWritableHandler(nullptr);
                    self->next();
                });
                return;
            }
        }
        m_responder->endChunked();
    }

    HttpResponderPtr m_responder;
    QString m_groupBy;
    QList<UsageReportRow> m_rows;
    qsizetype m_at = 0;
};

void usageReport(AdminApi *api, const AdminCall &call)
{
    UsageReportQuery query = UsageReportRequest::parse(call.request, Clock::nowMs());
    const bool csv = UsageReportRequest::wantsCsv(call.request);
    applyTenants(call.who(), &query);
    const HttpResponderPtr responder = call.responder;
    api->run<UsageReport>(
        responder, [query](QSqlDatabase &db) { return UsageReportRepository(db).report(query); },
        [responder, query, csv](const UsageReport &report) {
            if (report.tooLarge)
                throw ApiError::badRequest(
                    QStringLiteral("The report has more than %1 rows: narrow \"from\"/\"to\" or "
                                   "use a larger bucket (week, month).")
                        .arg(UsageReportQuery::MaxRows));
            if (csv) {
                std::make_shared<CsvWriter>(responder, query.groupBy, report.rows)->start();
                return;
            }
            responder->sendJson(200, UsageReportRequest::json(query, report));
        });
}

} // namespace

void ReportRoutes::registerRoutes(AdminRouteTable &routes, AdminApi *api)
{
    routes.add("GET", QStringLiteral("/api/reports/usage"),
               RouteAccess::needAnyOf({Permission::UsageRead, Permission::UsageReadOwn}),
               [api](const AdminCall &c) { usageReport(api, c); });
}
