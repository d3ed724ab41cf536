// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/AccountRoutes.h"
#include "domain/Provider.h"

#include "api/admin/AccountFields.h"
#include "api/admin/AdminApi.h"
#include "api/admin/AdminJson.h"
#include "api/admin/AdminRouteTable.h"
#include "crypto/SecretBox.h"
#include "store/AccountRepository.h"
#include "store/SettingsRepository.h"

#include <QJsonArray>

namespace {

// The rows of the caller's tenants only (all for system staff), filtered in the query.
void listAccounts(AdminApi *api, const AdminCall &call)
{
    const HttpResponderPtr responder = call.responder;
    const TenantFilter tenants = call.tenants();
    const SecretBox *secrets = api->secrets();
    api->run<QList<AccountRow>>(
        responder, [tenants](QSqlDatabase &db) { return AccountRepository(db).list(tenants); },
        [responder, secrets](const QList<AccountRow> &rows) {
            QJsonArray items;
            for (const AccountRow &a : rows)
                items.append(AdminJson::account(a, secrets));
            responder->sendJson(200, QJsonObject{{QStringLiteral("items"), items},
                                                 {QStringLiteral("total"), items.size()}});
        });
}

void createAccount(AdminApi *api, const HttpRequest &request, const HttpResponderPtr &responder,
                   const AuditNotePtr &note)
{
    const std::optional<QJsonObject> body = AdminApi::jsonObject(request);
    AccountRow row;
    AccountFields::Secrets fresh;
    const QString error = AccountFields::apply(*body, row, &fresh, AccountFields::Mode::Create);
    if (!error.isEmpty()) {
        throw ApiError::badRequest(error);
    }
    AccountFields::seal(*api->secrets(), fresh, row);
    const SecretBox *secrets = api->secrets();
    api->run<AccountRow>(
        responder,
        [row, note, secrets](QSqlDatabase &db) {
            AccountRepository repo(db);
            const qint64 id = repo.insert(row);
            SettingsRepository(db).bumpDataVersion();
            const AccountRow saved = repo.get(id).value_or(row);
            note->setTargetId(id);
            note->setAfter(AdminJson::account(saved, secrets));
            return saved;
        },
        [api, responder, secrets](const AccountRow &saved) {
            api->notifyDataChanged([responder, saved, secrets] {
                responder->sendJson(201, AdminJson::account(saved, secrets));
            });
        });
}

qint64 idParam(const HttpRequest &request)
{
    return request.pathParams.value(QStringLiteral("id")).toLongLong();
}

void getAccount(AdminApi *api, const HttpRequest &request, const HttpResponderPtr &responder)
{
    const qint64 id = idParam(request);
    const SecretBox *secrets = api->secrets();
    api->run<std::optional<AccountRow>>(
        responder, [id](QSqlDatabase &db) { return AccountRepository(db).get(id); },
        [responder, id, secrets](const std::optional<AccountRow> &row) {
            if (!row) {
                throw ApiError::notFound(QStringLiteral("No account with id %1.").arg(id));
            }
            responder->sendJson(200, AdminJson::account(*row, secrets));
        });
}

void updateAccount(AdminApi *api, const HttpRequest &request, const HttpResponderPtr &responder,
                   const AuditNotePtr &note)
{
    const std::optional<QJsonObject> body = AdminApi::jsonObject(request);
    const qint64 id = idParam(request);
    // Validate against a blank row first so bad input is rejected before any database work.
    {
        AccountRow probe;
        probe.provider =
            body->value(QLatin1String("provider")).toString(Providers::name(Provider::OpenAi));
        probe.baseUrl = AccountFields::defaultBaseUrl(probe.provider);
        probe.name = QStringLiteral("x");
        AccountFields::Secrets unused;
        const QString error =
            AccountFields::apply(*body, probe, &unused, AccountFields::Mode::Update);
        if (!error.isEmpty()) {
            throw ApiError::badRequest(error);
        }
    }
    const QJsonObject fields = *body;
    const SecretBox *secrets = api->secrets();
    api->run<AccountRow>(
        responder,
        [id, fields, secrets, note](QSqlDatabase &db) {
            AccountRepository repo(db);
            auto row = repo.get(id);
            if (!row)
                throw StoreError(StoreError::Kind::NotFound,
                                 QStringLiteral("No account with id %1.").arg(id));
            note->setBefore(AdminJson::account(*row, secrets));
            AccountFields::Secrets fresh;
            const QString error =
                AccountFields::apply(fields, *row, &fresh, AccountFields::Mode::Update);
            if (!error.isEmpty())
                throw StoreError(StoreError::Kind::Invalid, error);
            AccountFields::seal(*secrets, fresh, *row);
            row->updatedAtMs = 0;
            repo.update(*row);
            SettingsRepository(db).bumpDataVersion();
            const AccountRow saved = repo.get(id).value_or(*row);
            note->setAfter(AdminJson::account(saved, secrets));
            return saved;
        },
        [api, responder, secrets](const AccountRow &saved) {
            api->notifyDataChanged([responder, saved, secrets] {
                responder->sendJson(200, AdminJson::account(saved, secrets));
            });
        });
}

void deleteAccount(AdminApi *api, const HttpRequest &request, const HttpResponderPtr &responder,
                   const AuditNotePtr &note)
{
    const qint64 id = idParam(request);
    const SecretBox *secrets = api->secrets();
    api->removeAndConfirm(responder, [id, note, secrets](QSqlDatabase &db) {
        AccountRepository repo(db);
        if (const auto before = repo.get(id))
            note->setBefore(AdminJson::account(*before, secrets));
        repo.remove(id);
    });
}

} // namespace

void AccountRoutes::registerRoutes(AdminRouteTable &routes, AdminApi *api)
{
    routes.add("GET", QStringLiteral("/api/accounts"),
               RouteAccess::need(Permission::AccountManage).at(ScopeFrom::Anywhere),
               [api](const AdminCall &c) { listAccounts(api, c); });
    routes.add(
        "POST", QStringLiteral("/api/accounts"),
        RouteAccess::need(Permission::AccountManage).at(ScopeFrom::BodyEnterprise),
        [api](const AdminCall &c) { createAccount(api, c.request, c.responder, c.auditNote()); });
    routes.add("GET", QStringLiteral("/api/accounts/{id}"),
               RouteAccess::need(Permission::AccountManage).at(ScopeFrom::Account),
               [api](const HttpRequest &q, const HttpResponderPtr &r) { getAccount(api, q, r); });
    routes.add(
        "PUT", QStringLiteral("/api/accounts/{id}"),
        RouteAccess::need(Permission::AccountManage).at(ScopeFrom::Account),
        [api](const AdminCall &c) { updateAccount(api, c.request, c.responder, c.auditNote()); });
    routes.add(
        "PATCH", QStringLiteral("/api/accounts/{id}"),
        RouteAccess::need(Permission::AccountManage).at(ScopeFrom::Account),
        [api](const AdminCall &c) { updateAccount(api, c.request, c.responder, c.auditNote()); });
    routes.add(
        "DELETE", QStringLiteral("/api/accounts/{id}"),
        RouteAccess::need(Permission::AccountManage).at(ScopeFrom::Account),
        [api](const AdminCall &c) { deleteAccount(api, c.request, c.responder, c.auditNote()); });
}
