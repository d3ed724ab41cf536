// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/ProxyRoutes.h"

#include "api/admin/AdminApi.h"
#include "api/admin/AdminJson.h"
#include "api/admin/AdminRouteTable.h"
#include "base/ProxyUrl.h"
#include "crypto/SecretBox.h"
#include "store/ProxyRepository.h"
#include "store/SettingsRepository.h"
#include "upstream/ProxyTester.h"

#include <QJsonArray>
#include <QUrl>

namespace {

constexpr int TestTimeoutMs = 10000;

qint64 idParam(const HttpRequest &request)
{
    return request.pathParams.value(QStringLiteral("id")).toLongLong();
}

// Applies the fields present in `body`; a new URL is returned canonical in *url (to be sealed).
QString applyFields(const QJsonObject &body, ProxyRow &row, QString *url, bool create)
{
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (it.key() != QLatin1String("name") && it.key() != QLatin1String("url") &&
            it.key() != QLatin1String("enterpriseId"))
            return QStringLiteral("Unknown field \"%1\". Known fields: name, url, enterpriseId.")
                .arg(it.key());
    }
    if (body.contains(QLatin1String("enterpriseId"))) {
        if (!create)
            return QStringLiteral("\"enterpriseId\" is set when the proxy is created and cannot "
                                  "change.");
        row.enterpriseId = body.value(QLatin1String("enterpriseId")).toInteger(0);
    }
    if (body.contains(QLatin1String("name")) || create) {
        row.name = body.value(QLatin1String("name")).toString().trimmed();
        if (row.name.isEmpty() || row.name.size() > 100)
            return QStringLiteral("\"name\" is required (1 to 100 characters).");
    }
    if (body.contains(QLatin1String("url")) || create) {
        const QJsonValue v = body.value(QLatin1String("url"));
        QString why = QStringLiteral("not a string");
        const auto parsed = v.isString() ? ProxyUrl::parse(v.toString(), &why) : std::nullopt;
        if (!parsed)
            return QStringLiteral("\"url\" is not a valid proxy URL (%1); expected %2.")
                .arg(why, ProxyUrl::expectedForm());
        *url = *parsed;
    }
    return {};
}

// The rows of the caller's tenants only (all for system staff), filtered in the query.
void listProxies(AdminApi *api, const AdminCall &call)
{
    const HttpResponderPtr responder = call.responder;
    const TenantFilter tenants = call.tenants();
    const SecretBox *secrets = api->secrets();
    api->run<QList<ProxyRow>>(
        responder, [tenants](QSqlDatabase &db) { return ProxyRepository(db).list(tenants); },
        [responder, secrets](const QList<ProxyRow> &rows) {
            QJsonArray items;
            for (const ProxyRow &p : rows)
                items.append(AdminJson::proxy(p, secrets));
            responder->sendJson(200, QJsonObject{{QStringLiteral("items"), items},
                                                 {QStringLiteral("total"), items.size()}});
        });
}

void getProxy(AdminApi *api, const HttpRequest &request, const HttpResponderPtr &responder)
{
    const qint64 id = idParam(request);
    const SecretBox *secrets = api->secrets();
    api->run<std::optional<ProxyRow>>(
        responder, [id](QSqlDatabase &db) { return ProxyRepository(db).get(id); },
        [responder, id, secrets](const std::optional<ProxyRow> &row) {
            if (!row) {
                throw ApiError::notFound(QStringLiteral("No proxy with id %1.").arg(id));
            }
            responder->sendJson(200, AdminJson::proxy(*row, secrets));
        });
}

void createProxy(AdminApi *api, const HttpRequest &request, const HttpResponderPtr &responder,
                 const AuditNotePtr &note)
{
    const std::optional<QJsonObject> body = AdminApi::jsonObject(request);
    ProxyRow row;
    QString url;
    const QString error = applyFields(*body, row, &url, true);
    if (!error.isEmpty()) {
        throw ApiError::badRequest(error);
    }
    const SecretBox *secrets = api->secrets();
    row.urlSealed = secrets->seal(url.toUtf8());
    api->run<ProxyRow>(
        responder,
        [row, note, secrets](QSqlDatabase &db) {
            ProxyRepository repo(db);
            const qint64 id = repo.insert(row);
            SettingsRepository(db).bumpDataVersion();
            const ProxyRow saved = repo.get(id).value_or(row);
            note->setTargetId(id);
            note->setAfter(AdminJson::proxy(saved, secrets));
            return saved;
        },
        [api, responder, secrets](const ProxyRow &saved) {
            api->notifyDataChanged([responder, saved, secrets] {
                responder->sendJson(201, AdminJson::proxy(saved, secrets));
            });
        });
}

void updateProxy(AdminApi *api, const HttpRequest &request, const HttpResponderPtr &responder,
                 const AuditNotePtr &note)
{
    const std::optional<QJsonObject> body = AdminApi::jsonObject(request);
    ProxyRow changes;
    QString url;
    const QString error = applyFields(*body, changes, &url, false);
    if (!error.isEmpty()) {
        throw ApiError::badRequest(error);
    }
    const qint64 id = idParam(request);
    const bool rename = body->contains(QLatin1String("name"));
    const SecretBox *secrets = api->secrets();
    const QByteArray sealed = url.isEmpty() ? QByteArray() : secrets->seal(url.toUtf8());
    const QString name = changes.name;
    api->run<ProxyRow>(
        responder,
        [id, rename, name, sealed, note, secrets](QSqlDatabase &db) {
            ProxyRepository repo(db);
            auto row = repo.get(id);
            if (!row)
                throw StoreError(StoreError::Kind::NotFound,
                                 QStringLiteral("No proxy with id %1.").arg(id));
            note->setBefore(AdminJson::proxy(*row, secrets));
            if (rename)
                row->name = name;
            row->urlSealed = sealed; // empty keeps the stored URL
            row->updatedAtMs = 0;
            repo.update(*row);
            SettingsRepository(db).bumpDataVersion();
            const ProxyRow saved = repo.get(id).value_or(*row);
            note->setAfter(AdminJson::proxy(saved, secrets));
            return saved;
        },
        [api, responder, secrets](const ProxyRow &saved) {
            api->notifyDataChanged([responder, saved, secrets] {
                responder->sendJson(200, AdminJson::proxy(saved, secrets));
            });
        });
}

void deleteProxy(AdminApi *api, const HttpRequest &request, const HttpResponderPtr &responder,
                 const AuditNotePtr &note)
{
    const qint64 id = idParam(request);
    const SecretBox *secrets = api->secrets();
    api->removeAndConfirm(responder, [id, note, secrets](QSqlDatabase &db) {
        ProxyRepository repo(db);
        if (const auto before = repo.get(id))
            note->setBefore(AdminJson::proxy(*before, secrets));
        repo.remove(id);
    });
}

void testProxy(AdminApi *api, const HttpRequest &request, const HttpResponderPtr &responder)
{
    QString target = QStringLiteral("https://api.anthropic.com");
    if (!request.body.trimmed().isEmpty()) {
        const std::optional<QJsonObject> body = AdminApi::jsonObject(request);
        for (auto it = body->begin(); it != body->end(); ++it) {
            if (it.key() != QLatin1String("url")) {
                throw ApiError::badRequest(
                    QStringLiteral("Unknown field \"%1\". Known field: url.").arg(it.key()));
            }
        }
        if (body->contains(QLatin1String("url"))) {
            const QUrl url(body->value(QLatin1String("url")).toString(), QUrl::StrictMode);
            if (!url.isValid() || url.host().isEmpty() ||
                (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
                throw ApiError::badRequest(QStringLiteral("\"url\" must be the http(s) URL to "
                                                          "reach through the proxy, e.g. "
                                                          "https://api.anthropic.com."));
            }
            target = url.toString(QUrl::FullyEncoded);
        }
    }
    ProxyTester *tester = api->proxyTester();
    if (!tester) {
        responder->sendError(503, QStringLiteral("unavailable"),
                             QStringLiteral("Proxy tests are not available in this process."));
        return;
    }
    const qint64 id = idParam(request);
    const SecretBox *secrets = api->secrets();
    api->run<std::optional<ProxyRow>>(
        responder, [id](QSqlDatabase &db) { return ProxyRepository(db).get(id); },
        [responder, id, secrets, tester, target](const std::optional<ProxyRow> &row) {
            if (!row) {
                throw ApiError::notFound(QStringLiteral("No proxy with id %1.").arg(id));
            }
            const auto url = secrets->open(row->urlSealed);
            if (!url) {
                responder->sendError(500, QStringLiteral("api_error"),
                                     QStringLiteral("The proxy URL cannot be decrypted with this "
                                                    "master key."));
                return;
            }
            tester->test(
                QString::fromUtf8(*url), target, TestTimeoutMs,
                [responder](const QJsonObject &result) { responder->sendJson(200, result); });
        });
}

} // namespace

void ProxyRoutes::registerRoutes(AdminRouteTable &routes, AdminApi *api)
{
    routes.add("GET", QStringLiteral("/api/proxies"),
               RouteAccess::need(Permission::ProxyManage).at(ScopeFrom::Anywhere),
               [api](const AdminCall &c) { listProxies(api, c); });
    routes.add(
        "POST", QStringLiteral("/api/proxies"),
        RouteAccess::need(Permission::ProxyManage).at(ScopeFrom::BodyEnterprise),
        [api](const AdminCall &c) { createProxy(api, c.request, c.responder, c.auditNote()); });
    routes.add("GET", QStringLiteral("/api/proxies/{id}"),
               RouteAccess::need(Permission::ProxyManage).at(ScopeFrom::Proxy),
               [api](const HttpRequest &q, const HttpResponderPtr &r) { getProxy(api, q, r); });
    auto update = [api](const AdminCall &c) {
        updateProxy(api, c.request, c.responder, c.auditNote());
    };
    routes.add("PUT", QStringLiteral("/api/proxies/{id}"),
               RouteAccess::need(Permission::ProxyManage).at(ScopeFrom::Proxy), update);
    routes.add("PATCH", QStringLiteral("/api/proxies/{id}"),
               RouteAccess::need(Permission::ProxyManage).at(ScopeFrom::Proxy), update);
    routes.add(
        "DELETE", QStringLiteral("/api/proxies/{id}"),
        RouteAccess::need(Permission::ProxyManage).at(ScopeFrom::Proxy),
        [api](const AdminCall &c) { deleteProxy(api, c.request, c.responder, c.auditNote()); });
    routes.add("POST", QStringLiteral("/api/proxies/{id}/test"),
               RouteAccess::need(Permission::ProxyManage).at(ScopeFrom::Proxy),
               [api](const HttpRequest &q, const HttpResponderPtr &r) { testProxy(api, q, r); });
}
