// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/KeyRoutes.h"
#include "base/Clock.h"

#include "api/admin/AdminApi.h"
#include "api/admin/AdminJson.h"
#include "api/admin/AdminRouteTable.h"
#include "api/admin/JsonNumbers.h"
#include "crypto/Crypto.h"
#include "store/ApiKeyRepository.h"
#include "store/PoolRepository.h"
#include "store/SettingsRepository.h"
#include "store/UserRepository.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSet>

namespace {

QString hintOf(const QString &key)
{
    return key.left(7) + QStringLiteral("…") + key.right(4);
}

// The optional "poolId" field: 0 when absent or null; throws ApiError 400 or 403. Only
// administrators bind keys to pools.
qint64 poolIdField(const QJsonObject &body, const AdminIdentity &who)
{
    const QJsonValue v = body.value(QLatin1String("poolId"));
    if (v.isUndefined() || v.isNull())
        return qint64(0);
    const auto id = JsonNumbers::wholeNumber(v, 1, JsonNumbers::MaxExact);
    if (!id) {
        throw ApiError::badRequest(QStringLiteral("\"poolId\" must be the id of a pool from "
                                                  "/api/pools, or null for the default "
                                                  "pool."));
    }
    if (!can(who, Permission::KeyManage)) {
        throw ApiError::forbidden(QStringLiteral("Only administrators bind keys to pools."));
    }
    return *id;
}

void createKey(AdminApi *api, const AdminCall &call)
{
    const HttpRequest &request = call.request;
    const HttpResponderPtr &responder = call.responder;
    const std::optional<AdminIdentity> id = call.caller;
    const std::optional<QJsonObject> body = AdminApi::jsonObject(request);
    static const QSet<QString> known = {QStringLiteral("name"), QStringLiteral("userId"),
                                        QStringLiteral("expiresAt"), QStringLiteral("models"),
                                        QStringLiteral("poolId")};
    for (auto it = body->begin(); it != body->end(); ++it) {
        if (!known.contains(it.key())) {
            throw ApiError::badRequest(QStringLiteral("Unknown field \"%1\". Known fields: name, "
                                                      "userId, expiresAt, models, poolId.")
                                           .arg(it.key()));
        }
    }
    ApiKeyRow row;
    row.name = body->value(QLatin1String("name")).toString().trimmed();
    if (row.name.isEmpty() || row.name.size() > 100) {
        throw ApiError::badRequest(QStringLiteral("\"name\" is required (1 to 100 "
                                                  "characters)."));
    }
    row.userId = id->userId;
    if (body->contains(QLatin1String("userId"))) {
        const QJsonValue v = body->value(QLatin1String("userId"));
        row.userId = JsonNumbers::read(v, QStringLiteral("userId"), 1, JsonNumbers::MaxExact,
                                       QStringLiteral("\"userId\" must be a user id."));
        if (row.userId != id->userId && !can(*id, Permission::KeyManage)) {
            throw ApiError::forbidden(QStringLiteral("Only administrators create keys for other "
                                                     "users."));
        }
    }
    const QJsonValue expires = body->value(QLatin1String("expiresAt"));
    if (!expires.isUndefined() && !expires.isNull()) {
        const auto ms = AdminJson::parseTime(expires);
        if (!ms) {
            throw ApiError::badRequest(
                QStringLiteral("\"expiresAt\" must be an ISO 8601 date-time, "
                               "e.g. 2027-01-31T00:00:00Z."));
        }
        if (*ms <= Clock::nowMs()) {
            throw ApiError::badRequest(QStringLiteral("\"expiresAt\" is in the past."));
        }
        row.expiresAtMs = *ms;
    }
    const QJsonValue models = body->value(QLatin1String("models"));
    if (!models.isUndefined() && !models.isNull()) {
        if (!models.isArray()) {
            throw ApiError::badRequest(QStringLiteral("\"models\" must be an array of "
                                                      "model names."));
        }
        const QJsonArray arr = models.toArray();
        for (const QJsonValue &m : arr) {
            if (!m.isString() || m.toString().trimmed().isEmpty()) {
                throw ApiError::badRequest(QStringLiteral("\"models\" must contain only "
                                                          "non-empty strings."));
            }
            row.models.append(m.toString().trimmed());
        }
    }
    row.poolId = poolIdField(*body, *id);
    const QString key = Crypto::newApiKey();
    row.keyHash = QString::fromLatin1(Crypto::sha256Hex(key.toUtf8()));
    row.keyHint = hintOf(key);
    const AuditNotePtr note = call.auditNote();
    api->run<ApiKeyRow>(
        responder,
        [row, note](QSqlDatabase &db) {
            if (!UserRepository(db).get(row.userId))
                throw StoreError(StoreError::Kind::Invalid,
                                 QStringLiteral("No user with id %1.").arg(row.userId));
            if (row.poolId > 0 && !PoolRepository(db).get(row.poolId))
                throw StoreError(StoreError::Kind::Invalid,
                                 QStringLiteral("No pool with id %1.").arg(row.poolId));
            ApiKeyRepository repo(db);
            const qint64 newId = repo.insert(row);
            SettingsRepository(db).bumpDataVersion();
            const ApiKeyRow saved = repo.get(newId).value_or(row);
            note->setTargetId(newId);
            note->setAfter(AdminJson::apiKey(saved, Clock::nowMs())); // without the key itself
            return saved;
        },
        [api, responder, key](const ApiKeyRow &saved) {
            QJsonObject out = AdminJson::apiKey(saved, Clock::nowMs());
            out.insert(QStringLiteral("key"), key); // shown this once only
            api->notifyDataChanged([responder, out] { responder->sendJson(201, out); });
        });
}

void listKeys(AdminApi *api, const AdminCall &call)
{
    const HttpRequest &request = call.request;
    const HttpResponderPtr &responder = call.responder;
    const std::optional<AdminIdentity> id = call.caller;
    std::optional<qint64> userId;
    if (!can(*id, Permission::KeyManage))
        userId = id->userId;
    else if (request.hasQueryItem(QStringLiteral("userId")))
        userId = request.queryItem(QStringLiteral("userId")).toLongLong();
    api->run<QList<ApiKeyRow>>(
        responder, [userId](QSqlDatabase &db) { return ApiKeyRepository(db).list(userId); },
        [responder](const QList<ApiKeyRow> &rows) {
            QJsonArray items;
            const qint64 now = Clock::nowMs();
            for (const ApiKeyRow &k : rows)
                items.append(AdminJson::apiKey(k, now));
            responder->sendJson(200, QJsonObject{{QStringLiteral("items"), items},
                                                 {QStringLiteral("total"), items.size()}});
        });
}

// Loads the key, checks the caller may manage it, applies `change`, answers with the key.
void withOwnKey(AdminApi *api, const AdminCall &call,
                std::function<void(ApiKeyRepository &, const ApiKeyRow &)> change, int status)
{
    const HttpResponderPtr &responder = call.responder;
    const qint64 keyId = call.pathId();
    const AdminIdentity who = call.who();
    const AuditNotePtr note = call.auditNote();
    api->run<ApiKeyRow>(
        responder,
        [keyId, who, change, note](QSqlDatabase &db) {
            ApiKeyRepository repo(db);
            const auto row = repo.get(keyId);
            if (!row || (!can(who, Permission::KeyManage) && row->userId != who.userId))
                throw StoreError(StoreError::Kind::NotFound,
                                 QStringLiteral("No key with id %1.").arg(keyId));
            if (!change)
                return *row;
            note->setBefore(AdminJson::apiKey(*row, Clock::nowMs()));
            change(repo, *row);
            SettingsRepository(db).bumpDataVersion();
            const ApiKeyRow saved = repo.get(keyId).value_or(*row);
            note->setAfter(AdminJson::apiKey(saved, Clock::nowMs()));
            return saved;
        },
        [api, responder, status, change](const ApiKeyRow &row) {
            auto answer = [responder, status, row] {
                if (status == 204)
                    responder->send(204, {}, {});
                else
                    responder->sendJson(status, AdminJson::apiKey(row, Clock::nowMs()));
            };
            if (change)
                api->notifyDataChanged(answer);
            else
                answer();
        });
}

void updateKey(AdminApi *api, const AdminCall &call)
{
    // Someone else's key answers 404 before the body is looked at, so that a refusal of the
    // body does not tell that the key exists.
    const qint64 keyId = call.pathId();
    const auto &access = call.who().access;
    if (access && !call.can(Permission::KeyManage) && access->keyOwner(keyId) != call.who().userId)
        throw ApiError::notFound(QStringLiteral("No key with id %1.").arg(keyId));
    const HttpRequest &request = call.request;
    const std::optional<QJsonObject> body = AdminApi::jsonObject(request);
    const QJsonValue disabled = body->value(QLatin1String("disabled"));
    const bool hasPool = body->contains(QLatin1String("poolId"));
    const int expected = (disabled.isUndefined() ? 0 : 1) + (hasPool ? 1 : 0);
    if ((!disabled.isUndefined() && !disabled.isBool()) || expected == 0 ||
        body->size() != expected) {
        throw ApiError::badRequest(QStringLiteral("Send {\"disabled\": true|false} and/or "
                                                  "{\"poolId\": <pool id>|null}."));
    }
    std::optional<qint64> poolId;
    if (hasPool) {
        poolId = poolIdField(*body, call.who());
    }
    const std::optional<bool> value =
        disabled.isBool() ? std::optional<bool>(disabled.toBool()) : std::nullopt;
    withOwnKey(
        api, call,
        [value, poolId](ApiKeyRepository &repo, const ApiKeyRow &row) {
            if (row.revokedAtMs > 0)
                throw StoreError(StoreError::Kind::Invalid,
                                 QStringLiteral("This key is revoked and cannot be changed."));
            // setPool() first: it is the one that can be refused (unknown pool), so a refusal
            // changes nothing.
            if (poolId)
                repo.setPool(row.id, *poolId);
            if (value)
                repo.setDisabled(row.id, *value);
        },
        200);
}

} // namespace

void KeyRoutes::registerRoutes(AdminRouteTable &routes, AdminApi *api)
{
    routes.add("POST", QStringLiteral("/api/keys"),
               RouteAccess::needAnyOf({Permission::KeyManage, Permission::KeyManageOwn}),
               [api](const AdminCall &c) { createKey(api, c); });
    routes.add("GET", QStringLiteral("/api/keys"),
               RouteAccess::needAnyOf({Permission::KeyManage, Permission::KeyManageOwn}),
               [api](const AdminCall &c) { listKeys(api, c); });
    routes.add("GET", QStringLiteral("/api/keys/{id}"),
               RouteAccess::needAnyOf({Permission::KeyManage, Permission::KeyManageOwn})
                   .at(ScopeFrom::Key),
               [api](const AdminCall &c) { withOwnKey(api, c, nullptr, 200); });
    auto update = [api](const AdminCall &c) { updateKey(api, c); };
    routes.add("PUT", QStringLiteral("/api/keys/{id}"),
               RouteAccess::needAnyOf({Permission::KeyManage, Permission::KeyManageOwn})
                   .at(ScopeFrom::Key),
               update);
    routes.add("PATCH", QStringLiteral("/api/keys/{id}"),
               RouteAccess::needAnyOf({Permission::KeyManage, Permission::KeyManageOwn})
                   .at(ScopeFrom::Key),
               update);
    routes.add(
        "DELETE", QStringLiteral("/api/keys/{id}"),
        RouteAccess::needAnyOf({Permission::KeyManage, Permission::KeyManageOwn})
            .at(ScopeFrom::Key),
        [api](const AdminCall &c) {
            withOwnKey(
                api, c,
                [](ApiKeyRepository &repo, const ApiKeyRow &row) {
                    if (row.revokedAtMs == 0)
                        repo.revoke(row.id, Clock::nowMs());
                },
                204);
        },
        RouteAudit::named(QStringLiteral("key.revoke")));
}
