// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/OAuthRoutes.h"

#include "api/admin/AccountFields.h"
#include "api/admin/AdminApi.h"
#include "api/admin/AdminJson.h"
#include "api/admin/AdminRouteTable.h"
#include "crypto/SecretBox.h"
#include "oauth/OAuthService.h"
#include "store/AccountRepository.h"
#include "store/ProxyRepository.h"

namespace {

bool available(AdminApi *api, const HttpResponderPtr &responder)
{
    if (api->oauth())
        return true;
    responder->sendError(503, QStringLiteral("unavailable"),
                         QStringLiteral("OAuth accounts are not available in this process."));
    return false;
}

void startFlow(AdminApi *api, const HttpRequest &, const HttpResponderPtr &responder)
{
    if (!available(api, responder))
        return;
    const OAuthService::Started s = api->oauth()->start();
    responder->sendJson(200, QJsonObject{{QStringLiteral("sessionId"), s.sessionId},
                                         {QStringLiteral("authorizeUrl"), s.authorizeUrl},
                                         {QStringLiteral("expiresIn"), s.expiresIn}});
}

void exchangeCode(AdminApi *api, const HttpRequest &request, const HttpResponderPtr &responder)
{
    if (!available(api, responder))
        return;
    const std::optional<QJsonObject> body = AdminApi::jsonObject(request);
    QJsonObject fields = *body;
    const QJsonValue sessionId = fields.take(QLatin1String("sessionId"));
    const QJsonValue code = fields.take(QLatin1String("code"));
    if (!sessionId.isString() || sessionId.toString().isEmpty()) {
        throw ApiError::badRequest(QStringLiteral("\"sessionId\" is required: the one "
                                                  "POST /api/accounts/oauth/start "
                                                  "returned."));
    }
    if (!code.isString() || code.toString().trimmed().isEmpty()) {
        throw ApiError::badRequest(QStringLiteral("\"code\" is required: the code shown "
                                                  "after signing in, as pasted."));
    }
    AccountRow row;
    AccountFields::Secrets fresh;
    const QString error =
        AccountFields::apply(fields, row, &fresh, AccountFields::Mode::OAuthCreate);
    if (!error.isEmpty()) {
        throw ApiError::badRequest(error);
    }
    const SecretBox *secrets = api->secrets();
    AccountFields::seal(*secrets, fresh, row);
    // Refuse a taken name or an unknown proxy before the one-time code is spent; the named
    // proxy (if any) carries the token request.
    struct Check
    {
        QString error;
        QByteArray proxySealed;
    };
    api->run<Check>(
        responder,
        [row](QSqlDatabase &db) {
            Check c;
            const QList<AccountRow> accounts = AccountRepository(db).list();
            for (const AccountRow &a : accounts) {
                if (a.name.compare(row.name, Qt::CaseInsensitive) == 0)
                    throw StoreError(
                        StoreError::Kind::Conflict,
                        QStringLiteral("An account named \"%1\" exists already.").arg(a.name));
            }
            if (row.proxyId > 0) {
                const auto proxy = ProxyRepository(db).get(row.proxyId);
                if (!proxy)
                    throw StoreError(StoreError::Kind::Invalid,
                                     QStringLiteral("No proxy with id %1.").arg(row.proxyId));
                c.proxySealed = proxy->urlSealed;
            }
            return c;
        },
        [api, responder, row, secrets, fresh, sessionId, code](const Check &check) {
            QString proxyUrl = fresh.proxyUrl;
            if (!check.proxySealed.isEmpty())
                proxyUrl = QString::fromUtf8(secrets->open(check.proxySealed).value_or(""));
            api->oauth()->exchange(
                sessionId.toString(), code.toString(), row, proxyUrl,
                [api, responder, secrets](int status, const AccountRow &saved, const QString &type,
                                          const QString &message) {
                    if (status != 201) {
                        ApiError{status, type, message, {}}.send(responder);
                        return;
                    }
                    api->notifyDataChanged([responder, saved, secrets] {
                        responder->sendJson(201, AdminJson::account(saved, secrets));
                    });
                });
        });
}

} // namespace

void OAuthRoutes::registerRoutes(AdminRouteTable &routes, AdminApi *api)
{
    routes.add("POST", QStringLiteral("/api/accounts/oauth/start"),
               RouteAccess::need(Permission::AccountManage),
               [api](const HttpRequest &q, const HttpResponderPtr &r) { startFlow(api, q, r); });
    routes.add("POST", QStringLiteral("/api/accounts/oauth/exchange"),
               RouteAccess::need(Permission::AccountManage),
               [api](const HttpRequest &q, const HttpResponderPtr &r) { exchangeCode(api, q, r); });
}
