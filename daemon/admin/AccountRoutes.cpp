// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccountRoutes.h"

#include "AdminApi.h"
#include "AdminJson.h"
#include "crypto/SecretBox.h"
#include "http/HttpRouter.h"
#include "store/AccountRepository.h"
#include "store/SettingsRepository.h"

#include <QJsonArray>
#include <QSet>
#include <QUrl>

namespace {

const QStringList &providers()
{
    static const QStringList list = {QStringLiteral("anthropic"), QStringLiteral("openai")};
    return list;
}

QString defaultBaseUrl(const QString &provider)
{
    return provider == QLatin1String("anthropic") ? QStringLiteral("https://api.anthropic.com")
                                                  : QStringLiteral("https://api.openai.com/v1");
}

// Applies the fields present in `body` to `row`; returns an error message or empty.
QString applyFields(const QJsonObject &body, AccountRow &row, QByteArray *newSecret, bool create)
{
    static const QSet<QString> known = {QStringLiteral("name"),     QStringLiteral("provider"),
                                        QStringLiteral("baseUrl"),  QStringLiteral("apiKey"),
                                        QStringLiteral("models"),   QStringLiteral("enabled"),
                                        QStringLiteral("priority"), QStringLiteral("weight")};
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!known.contains(it.key()))
            return QStringLiteral("Unknown field \"%1\". Known fields: name, provider, baseUrl, "
                                  "apiKey, models, enabled, priority, weight.")
                .arg(it.key());
    }
    if (body.contains(QLatin1String("name")) || create) {
        row.name = body.value(QLatin1String("name")).toString().trimmed();
        if (row.name.isEmpty() || row.name.size() > 100)
            return QStringLiteral("\"name\" is required (1 to 100 characters).");
    }
    if (body.contains(QLatin1String("provider")) || create) {
        row.provider = body.value(QLatin1String("provider")).toString();
        if (!providers().contains(row.provider))
            return QStringLiteral("\"provider\" must be one of: %1.")
                .arg(providers().join(QStringLiteral(", ")));
    }
    if (body.contains(QLatin1String("baseUrl"))) {
        row.baseUrl = body.value(QLatin1String("baseUrl")).toString().trimmed();
    } else if (create) {
        row.baseUrl = defaultBaseUrl(row.provider);
    }
    const QUrl url(row.baseUrl, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")) ||
        !url.userInfo().isEmpty() || url.hasQuery())
        return QStringLiteral("\"baseUrl\" must be an http(s) URL without credentials or query, "
                              "e.g. %1.")
            .arg(defaultBaseUrl(row.provider));
    if (body.contains(QLatin1String("apiKey")) || create) {
        const QJsonValue v = body.value(QLatin1String("apiKey"));
        if (!v.isString() || v.toString().trimmed().isEmpty())
            return QStringLiteral("\"apiKey\" is required: the upstream provider's API key.");
        *newSecret = v.toString().trimmed().toUtf8();
    }
    if (body.contains(QLatin1String("models"))) {
        const QJsonValue v = body.value(QLatin1String("models"));
        if (!v.isArray() && !v.isNull())
            return QStringLiteral("\"models\" must be an array of model names (empty = all).");
        QStringList models;
        const QJsonArray arr = v.toArray();
        for (const QJsonValue &m : arr) {
            if (!m.isString() || m.toString().trimmed().isEmpty())
                return QStringLiteral("\"models\" must contain only non-empty strings.");
            if (!models.contains(m.toString().trimmed()))
                models.append(m.toString().trimmed());
        }
        row.models = models;
    }
    if (body.contains(QLatin1String("enabled"))) {
        if (!body.value(QLatin1String("enabled")).isBool())
            return QStringLiteral("\"enabled\" must be true or false.");
        row.enabled = body.value(QLatin1String("enabled")).toBool();
    }
    if (body.contains(QLatin1String("priority"))) {
        const QJsonValue v = body.value(QLatin1String("priority"));
        if (!v.isDouble() || v.toDouble() != double(v.toInt()) || v.toInt() < 1 || v.toInt() > 100)
            return QStringLiteral("\"priority\" must be a whole number from 1 to 100 (lower is "
                                  "preferred).");
        row.priority = v.toInt();
    }
    if (body.contains(QLatin1String("weight"))) {
        const QJsonValue v = body.value(QLatin1String("weight"));
        if (!v.isDouble() || v.toDouble() != double(v.toInt()) || v.toInt() < 1 || v.toInt() > 1000)
            return QStringLiteral("\"weight\" must be a whole number from 1 to 1000.");
        row.weight = v.toInt();
    }
    return {};
}

void listAccounts(AdminApi *api, const HttpRequest &request, const HttpResponderPtr &responder)
{
    if (!api->authorize(request, responder, true))
        return;
    api->run<QList<AccountRow>>(
        responder, [](QSqlDatabase &db) { return AccountRepository(db).list(); },
        [responder](const QList<AccountRow> &rows) {
            QJsonArray items;
            for (const AccountRow &a : rows)
                items.append(AdminJson::account(a));
            responder->sendJson(200, QJsonObject{{QStringLiteral("items"), items},
                                                 {QStringLiteral("total"), items.size()}});
        });
}

void createAccount(AdminApi *api, const HttpRequest &request, const HttpResponderPtr &responder)
{
    if (!api->authorize(request, responder, true))
        return;
    const auto body = AdminApi::jsonBody(request, responder);
    if (!body)
        return;
    AccountRow row;
    QByteArray secret;
    const QString error = applyFields(*body, row, &secret, true);
    if (!error.isEmpty()) {
        AdminApi::badRequest(responder, error);
        return;
    }
    row.secretSealed = api->secrets()->seal(secret);
    api->run<AccountRow>(
        responder,
        [row](QSqlDatabase &db) {
            AccountRepository repo(db);
            const qint64 id = repo.insert(row);
            SettingsRepository(db).bumpDataVersion();
            return repo.get(id).value_or(row);
        },
        [api, responder](const AccountRow &saved) {
            api->notifyDataChanged(
                [responder, saved] { responder->sendJson(201, AdminJson::account(saved)); });
        });
}

qint64 idParam(const HttpRequest &request)
{
    return request.pathParams.value(QStringLiteral("id")).toLongLong();
}

void getAccount(AdminApi *api, const HttpRequest &request, const HttpResponderPtr &responder)
{
    if (!api->authorize(request, responder, true))
        return;
    const qint64 id = idParam(request);
    api->run<std::optional<AccountRow>>(
        responder, [id](QSqlDatabase &db) { return AccountRepository(db).get(id); },
        [responder, id](const std::optional<AccountRow> &row) {
            if (!row) {
                responder->sendError(404, QStringLiteral("not_found_error"),
                                     QStringLiteral("No account with id %1.").arg(id));
                return;
            }
            responder->sendJson(200, AdminJson::account(*row));
        });
}

void updateAccount(AdminApi *api, const HttpRequest &request, const HttpResponderPtr &responder)
{
    if (!api->authorize(request, responder, true))
        return;
    const auto body = AdminApi::jsonBody(request, responder);
    if (!body)
        return;
    const qint64 id = idParam(request);
    // Validate against a blank row first so bad input is rejected before any database work.
    {
        AccountRow probe;
        probe.provider = body->value(QLatin1String("provider")).toString(QStringLiteral("openai"));
        probe.baseUrl = defaultBaseUrl(probe.provider);
        probe.name = QStringLiteral("x");
        QByteArray unused;
        const QString error = applyFields(*body, probe, &unused, false);
        if (!error.isEmpty()) {
            AdminApi::badRequest(responder, error);
            return;
        }
    }
    const QJsonObject fields = *body;
    const SecretBox *secrets = api->secrets();
    api->run<AccountRow>(
        responder,
        [id, fields, secrets](QSqlDatabase &db) {
            AccountRepository repo(db);
            auto row = repo.get(id);
            if (!row)
                throw StoreError(StoreError::Kind::NotFound,
                                 QStringLiteral("No account with id %1.").arg(id));
            QByteArray secret;
            const QString error = applyFields(fields, *row, &secret, false);
            if (!error.isEmpty())
                throw StoreError(StoreError::Kind::Invalid, error);
            if (!secret.isEmpty())
                row->secretSealed = secrets->seal(secret);
            row->updatedAtMs = 0;
            repo.update(*row);
            SettingsRepository(db).bumpDataVersion();
            return repo.get(id).value_or(*row);
        },
        [api, responder](const AccountRow &saved) {
            api->notifyDataChanged(
                [responder, saved] { responder->sendJson(200, AdminJson::account(saved)); });
        });
}

void deleteAccount(AdminApi *api, const HttpRequest &request, const HttpResponderPtr &responder)
{
    if (!api->authorize(request, responder, true))
        return;
    const qint64 id = idParam(request);
    api->run<bool>(
        responder,
        [id](QSqlDatabase &db) {
            AccountRepository(db).remove(id);
            SettingsRepository(db).bumpDataVersion();
            return true;
        },
        [api, responder](bool) {
            api->notifyDataChanged([responder] { responder->send(204, {}, {}); });
        });
}

} // namespace

void AccountRoutes::registerRoutes(HttpRouter &router, AdminApi *api)
{
    router.add("GET", QStringLiteral("/api/accounts"),
               [api](const HttpRequest &q, const HttpResponderPtr &r) { listAccounts(api, q, r); });
    router.add(
        "POST", QStringLiteral("/api/accounts"),
        [api](const HttpRequest &q, const HttpResponderPtr &r) { createAccount(api, q, r); });
    router.add("GET", QStringLiteral("/api/accounts/{id}"),
               [api](const HttpRequest &q, const HttpResponderPtr &r) { getAccount(api, q, r); });
    router.add(
        "PUT", QStringLiteral("/api/accounts/{id}"),
        [api](const HttpRequest &q, const HttpResponderPtr &r) { updateAccount(api, q, r); });
    router.add(
        "PATCH", QStringLiteral("/api/accounts/{id}"),
        [api](const HttpRequest &q, const HttpResponderPtr &r) { updateAccount(api, q, r); });
    router.add(
        "DELETE", QStringLiteral("/api/accounts/{id}"),
        [api](const HttpRequest &q, const HttpResponderPtr &r) { deleteAccount(api, q, r); });
}
