// SPDX-License-Identifier: GPL-3.0-or-later
#include "RelayService.h"

#include "ContentDecoding.h"
#include "RelayExchange.h"
#include "core/Metrics.h"
#include "crypto/Crypto.h"
#include "http/HttpRouter.h"
#include "ledger/Ledger.h"
#include "ledger/UsageRecord.h"
#include "pricing/PriceTable.h"
#include "protocol/OpenAiUsageTracker.h"
#include "upstream/UpstreamClient.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QThreadStorage>
#include <QUuid>

namespace {

// Request headers passed through to the upstream; everything else (credentials, cookies,
// forwarding headers) stays here.
const QByteArrayList &passThroughHeaders(RelayProtocol::Kind protocol)
{
    static const QByteArrayList anthropic = {"anthropic-version", "anthropic-beta", "user-agent",
                                             "x-stainless-helper-method"};
    static const QByteArrayList openai = {"openai-organization", "openai-project", "openai-beta",
                                          "user-agent"};
    return protocol == RelayProtocol::Anthropic ? anthropic : openai;
}

QString isoDate(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

} // namespace

RelayService::RelayService(const RelayContext &context)
    : m_ctx(context), m_snapshot(std::make_shared<RelaySnapshot>())
{
}

void RelayService::setSnapshot(RelaySnapshotPtr snapshot)
{
    QMutexLocker lock(&m_mutex);
    m_snapshot = std::move(snapshot);
}

RelaySnapshotPtr RelayService::snapshot() const
{
    QMutexLocker lock(&m_mutex);
    return m_snapshot;
}

UpstreamClient *RelayService::upstreamForThisThread()
{
    // Owned by the thread's storage and deleted when the thread ends, on that thread.
    static QThreadStorage<UpstreamClient *> clients;
    if (!clients.hasLocalData())
        clients.setLocalData(new UpstreamClient);
    return clients.localData();
}

void RelayService::registerRoutes(HttpRouter &router)
{
    auto messages = [this](const HttpRequest &q, const HttpResponderPtr &r) {
        relay(q, r, RelayProtocol::Anthropic, "/v1/messages");
    };
    auto countTokens = [this](const HttpRequest &q, const HttpResponderPtr &r) {
        relay(q, r, RelayProtocol::Anthropic, "/v1/messages/count_tokens");
    };
    auto chat = [this](const HttpRequest &q, const HttpResponderPtr &r) {
        relay(q, r, RelayProtocol::OpenAi, "/v1/chat/completions");
    };
    auto models = [this](const HttpRequest &q, const HttpResponderPtr &r) { listModels(q, r); };
    router.add("POST", QStringLiteral("/v1/messages"), messages);
    router.add("POST", QStringLiteral("/v1/messages/count_tokens"), countTokens);
    router.add("POST", QStringLiteral("/v1/chat/completions"), chat);
    router.add("POST", QStringLiteral("/api/chat/completions"), chat);
    router.add("GET", QStringLiteral("/v1/models"), models);
    router.add("GET", QStringLiteral("/api/models"), models);
}

QByteArray RelayService::presentedKey(const HttpRequest &request)
{
    QByteArray key = request.header("x-api-key");
    if (key.isEmpty()) {
        const QByteArray auth = request.header("authorization");
        if (auth.size() > 7 && auth.first(7).compare("bearer ", Qt::CaseInsensitive) == 0)
            key = auth.mid(7).trimmed();
    }
    if (key.isEmpty())
        key = request.header("x-goog-api-key");
    if (key.isEmpty())
        key = request.queryItem(QStringLiteral("key")).toUtf8();
    return key.trimmed();
}

QHash<qint64, qint64> RelayService::takeKeyUse()
{
    QMutexLocker lock(&m_mutex);
    QHash<qint64, qint64> out;
    out.swap(m_keyUse);
    return out;
}

void RelayService::sendError(const HttpResponderPtr &responder, RelayProtocol::Kind protocol,
                             int status, const QString &message, const QString &type)
{
    responder->send(status, RelayProtocol::errorBody(protocol, status, message, type));
}

const RelayKey *RelayService::authenticate(const RelaySnapshot &snapshot,
                                           const HttpRequest &request, RelayProtocol::Kind protocol,
                                           const HttpResponderPtr &responder)
{
    const QByteArray presented = presentedKey(request);
    auto reject = [&](const QString &message) {
        m_ctx.metrics->countRequest(QString::fromLatin1(request.path), 401);
        sendError(responder, protocol, 401, message);
        return nullptr;
    };
    if (presented.isEmpty())
        return reject(QStringLiteral("Missing personal key: send it in the x-api-key header or "
                                     "as 'Authorization: Bearer cp-...'."));
    const auto it = snapshot.keysByHash.constFind(Crypto::sha256Hex(presented));
    if (it == snapshot.keysByHash.cend())
        return reject(QStringLiteral("Invalid personal key. Check the key, or ask your "
                                     "administrator for a new one."));
    const RelayKey &key = it.value();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (key.revoked)
        return reject(QStringLiteral("This personal key (\"%1\") was revoked.").arg(key.name));
    if (key.disabled || key.userDisabled)
        return reject(QStringLiteral("This personal key (\"%1\") is disabled.").arg(key.name));
    if (key.expiresAtMs > 0 && key.expiresAtMs <= now)
        return reject(QStringLiteral("This personal key (\"%1\") expired at %2; ask your "
                                     "administrator to extend it or issue a new one.")
                          .arg(key.name, isoDate(key.expiresAtMs)));
    {
        QMutexLocker lock(&m_mutex);
        m_keyUse.insert(key.id, now);
    }
    return &key;
}

void RelayService::relay(const HttpRequest &request, const HttpResponderPtr &responder,
                         RelayProtocol::Kind protocol, const QByteArray &upstreamPath)
{
    RelayExchange::Params p;
    p.clock.start();
    p.startedAtMs = QDateTime::currentMSecsSinceEpoch();
    // Keep the snapshot alive for the duration of this function.
    const RelaySnapshotPtr snapshot = this->snapshot();
    const RelayKey *key = authenticate(*snapshot, request, protocol, responder);
    if (!key)
        return;
    p.protocol = protocol;
    p.endpoint = request.path;
    p.upstreamPath = upstreamPath;
    p.key = *key;

    // Requests that fail before reaching an upstream are still one ledger row each.
    auto reject = [&](int status, const QString &message, const QString &type = {}) {
        const QString t = type.isEmpty() ? RelayProtocol::defaultErrorType(protocol, status) : type;
        sendError(responder, protocol, status, message, t);
        UsageRecord r;
        r.requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        r.createdAtMs = p.startedAtMs;
        r.keyId = key->id;
        r.userId = key->userId;
        r.provider = RelayProtocol::providerName(protocol);
        r.model = p.model;
        r.endpoint = QString::fromLatin1(request.path);
        r.stream = p.stream;
        r.status = status;
        r.latencyMs = p.clock.elapsed();
        r.ttfbMs = -1;
        r.errorType = t;
        m_ctx.ledger->record(r);
        m_ctx.metrics->countRequest(r.endpoint, status);
    };

    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        reject(400, parseError.error != QJsonParseError::NoError
                        ? QStringLiteral("The request body is not valid JSON: %1 at offset %2.")
                              .arg(parseError.errorString())
                              .arg(parseError.offset)
                        : QStringLiteral("The request body must be a JSON object."));
        return;
    }
    const QJsonObject body = doc.object();
    p.model = body.value(QLatin1String("model")).toString();
    p.stream = body.value(QLatin1String("stream")).toBool(false);
    if (p.model.isEmpty()) {
        reject(400, QStringLiteral("The request has no \"model\"; name the model to use."));
        return;
    }
    if (!key->models.isEmpty() && !key->models.contains(p.model)) {
        reject(403, QStringLiteral("This personal key may not use model \"%1\"; allowed: %2.")
                        .arg(p.model, key->models.join(QStringLiteral(", "))));
        return;
    }

    const QString provider = RelayProtocol::providerName(protocol);
    AccountSelector::Result pick;
    {
        QMutexLocker lock(&m_mutex);
        pick = m_selector.pick(snapshot->accounts, provider, p.model);
    }
    if (pick.outcome == AccountSelector::Outcome::NoAccountForProvider) {
        reject(503,
               QStringLiteral("No enabled %1 upstream account is configured; an administrator "
                              "must add one (POST /api/accounts).")
                   .arg(provider),
               QStringLiteral("overloaded_error"));
        return;
    }
    if (pick.outcome == AccountSelector::Outcome::NoAccountForModel) {
        reject(404,
               QStringLiteral("No upstream account serves model \"%1\". Ask an "
                              "administrator to add it to an account's models.")
                   .arg(p.model),
               QStringLiteral("not_found_error"));
        return;
    }
    p.account = *pick.account;

    const QByteArrayList &passThrough = passThroughHeaders(protocol);
    for (const auto &h : request.headers) {
        if (passThrough.contains(h.first))
            p.upstreamHeaders.append(h);
    }
    p.upstreamHeaders.push_back({"content-type", "application/json"});
    if (protocol == RelayProtocol::Anthropic && !request.hasHeader("anthropic-version"))
        p.upstreamHeaders.push_back({"anthropic-version", "2023-06-01"});
    if (p.stream) {
        // Streams are read event by event; ask for them uncompressed.
        p.upstreamHeaders.push_back({"accept", "text/event-stream"});
        p.upstreamHeaders.push_back({"accept-encoding", "identity"});
    } else {
        const QByteArray ae = request.header("accept-encoding");
        p.upstreamHeaders.append(
            {"accept-encoding",
             ae.isEmpty() ? QByteArray("identity") : ContentDecoding::filterAcceptEncoding(ae)});
    }
    if (protocol == RelayProtocol::OpenAi && p.stream) {
        p.body = OpenAiUsageTracker::withIncludeUsage(request.body, &p.clientAskedForUsage);
    } else {
        p.body = request.body;
    }

    RelayContext ctx = m_ctx;
    ctx.upstream = upstreamForThisThread();
    ctx.activeCalls = &m_activeCalls;
    auto *exchange = new RelayExchange(ctx, std::move(p), responder);
    exchange->start();
}

void RelayService::listModels(const HttpRequest &request, const HttpResponderPtr &responder)
{
    const bool anthropicClient = request.hasHeader("anthropic-version");
    const auto protocol = anthropicClient ? RelayProtocol::Anthropic : RelayProtocol::OpenAi;
    const RelaySnapshotPtr snapshot = this->snapshot();
    const RelayKey *key = authenticate(*snapshot, request, protocol, responder);
    if (!key)
        return;
    // Models come from the accounts' allow-lists; an account without a list serves every model
    // of its provider that the price table knows.
    QMap<QString, QString> models; // id -> owner
    const QStringList priced = m_ctx.prices->models();
    for (const RelayAccount &a : snapshot->accounts) {
        if (!a.enabled)
            continue;
        if (!a.models.isEmpty()) {
            for (const QString &m : a.models)
                models.insert(m, a.provider);
            continue;
        }
        for (const QString &m : priced) {
            const bool claude = m.startsWith(QLatin1String("claude"));
            if ((a.provider == QLatin1String("anthropic")) == claude)
                models.insert(m, a.provider);
        }
    }
    if (!key->models.isEmpty()) {
        for (auto it = models.begin(); it != models.end();) {
            it = key->models.contains(it.key()) ? std::next(it) : models.erase(it);
        }
    }
    QJsonArray data;
    for (auto it = models.cbegin(); it != models.cend(); ++it) {
        if (anthropicClient) {
            data.append(QJsonObject{
                {QStringLiteral("type"), QStringLiteral("model")},
                {QStringLiteral("id"), it.key()},
                {QStringLiteral("display_name"), it.key()},
                {QStringLiteral("created_at"), QStringLiteral("2024-01-01T00:00:00Z")}});
        } else {
            data.append(QJsonObject{{QStringLiteral("id"), it.key()},
                                    {QStringLiteral("object"), QStringLiteral("model")},
                                    {QStringLiteral("created"), 1704067200},
                                    {QStringLiteral("owned_by"), it.value()}});
        }
    }
    QJsonObject out;
    if (anthropicClient) {
        out.insert(QStringLiteral("data"), data);
        out.insert(QStringLiteral("has_more"), false);
        out.insert(QStringLiteral("first_id"),
                   models.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(models.firstKey()));
        out.insert(QStringLiteral("last_id"),
                   models.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(models.lastKey()));
    } else {
        out.insert(QStringLiteral("object"), QStringLiteral("list"));
        out.insert(QStringLiteral("data"), data);
    }
    m_ctx.metrics->countRequest(QString::fromLatin1(request.path), 200);
    responder->sendJson(200, out);
}
