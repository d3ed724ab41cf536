// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/relay/RelayService.h"

#include "api/relay/ResponderClientStream.h"
#include "base/Clock.h"
#include "base/Metrics.h"
#include "crypto/Crypto.h"
#include "domain/Provider.h"
#include "domain/UsageRecord.h"
#include "governance/Governor.h"
#include "http/HttpRouter.h"
#include "pricing/PriceTable.h"
#include "protocol/JsonView.h"
#include "relay/AdmissionEstimate.h"
#include "relay/ContentDecoding.h"
#include "relay/RelayExchange.h"
#include "relay/UsageRecorder.h"
#include "routing/RoutingStrategy.h"
#include "routing/StickySessions.h"
#include "upstream/UpstreamClient.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QThreadStorage>
#include <QUrlQuery>

namespace {

// The vendor a model name evidently belongs to, by its family prefix.
std::optional<RelayProtocol::Kind> modelVendor(const QString &model)
{
    if (model.startsWith(QLatin1String("claude")))
        return RelayProtocol::Anthropic;
    if (model.startsWith(QLatin1String("gemini")))
        return RelayProtocol::Gemini;
    return std::nullopt;
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
    using Op = RelayExchange::Op;
    auto messages = [this](const HttpRequest &q, const HttpResponderPtr &r) {
        relay(q, r, RelayProtocol::Anthropic, Op::Generate);
    };
    auto countTokens = [this](const HttpRequest &q, const HttpResponderPtr &r) {
        relay(q, r, RelayProtocol::Anthropic, Op::CountTokens);
    };
    auto chat = [this](const HttpRequest &q, const HttpResponderPtr &r) {
        relay(q, r, RelayProtocol::OpenAi, Op::Generate);
    };
    auto gemini = [this](const HttpRequest &q, const HttpResponderPtr &r) {
        const QString modelAction = q.pathParams.value(QStringLiteral("modelAction"));
        static const QStringList actions = {QStringLiteral("generateContent"),
                                            QStringLiteral("streamGenerateContent"),
                                            QStringLiteral("countTokens")};
        if (!actions.contains(modelAction.section(QLatin1Char(':'), -1)) ||
            !modelAction.contains(QLatin1Char(':'))) {
            r->send(404, RelayProtocol::errorBody(
                             RelayProtocol::Gemini, 404,
                             QStringLiteral("Use /v1beta/models/{model}:generateContent, "
                                            ":streamGenerateContent or :countTokens.")));
            return;
        }
        relay(q, r, RelayProtocol::Gemini, Op::Generate, modelAction);
    };
    auto models = [this](const HttpRequest &q, const HttpResponderPtr &r) { listModels(q, r); };
    // The key is checked from the head, before any body byte is read.
    // Model lists answer errors in the protocol the client speaks (see listModels).
    const int models_ = -1;
    auto add = [&](const char *method, const QString &pattern, HttpHandler handler, int protocol) {
        HttpRouteOptions options;
        options.surface = HttpSurface::Relay;
        options.guard = [this, protocol](const HttpRequest &head) {
            return keyGuard(head,
                            protocol == -1 ? modelsProtocol(head) : RelayProtocol::Kind(protocol));
        };
        router.addRoute(method, pattern, std::move(handler), std::move(options));
    };
    add("POST", QStringLiteral("/v1/messages"), messages, RelayProtocol::Anthropic);
    add("POST", QStringLiteral("/v1/messages/count_tokens"), countTokens, RelayProtocol::Anthropic);
    add("POST", QStringLiteral("/v1/chat/completions"), chat, RelayProtocol::OpenAi);
    add("POST", QStringLiteral("/api/chat/completions"), chat, RelayProtocol::OpenAi);
    add("POST", QStringLiteral("/v1beta/models/{modelAction}"), gemini, RelayProtocol::Gemini);
    add("GET", QStringLiteral("/v1/models"), models, models_);
    add("GET", QStringLiteral("/api/models"), models, models_);
    add("GET", QStringLiteral("/v1beta/models"), models, models_);
}

RelayProtocol::Kind RelayService::modelsProtocol(const HttpRequest &request)
{
    if (request.path.startsWith("/v1beta"))
        return RelayProtocol::Gemini;
    return request.hasHeader("anthropic-version") ? RelayProtocol::Anthropic
                                                  : RelayProtocol::OpenAi;
}

bool RelayService::knowsKey(const HttpRequest &head) const
{
    const QByteArray presented = presentedKey(head);
    if (presented.isEmpty())
        return false;
    const RelaySnapshotPtr snapshot = this->snapshot();
    const QByteArray digest = Crypto::sha256Hex(presented);
    head.guardMemo = digest + presented; // authenticate() reuses the digest for this key only
    return snapshot->keysByHash.contains(digest);
}

std::optional<HttpGuardRefusal> RelayService::keyGuard(const HttpRequest &head,
                                                       RelayProtocol::Kind protocol)
{
    if (knowsKey(head))
        return std::nullopt; // revoked, disabled or expired keys get their reason later
    m_ctx.metrics->countRequest(head.routeName, 401);
    HttpGuardRefusal refusal;
    refusal.status = 401;
    refusal.body = RelayProtocol::errorBody(
        protocol, 401,
        presentedKey(head).isEmpty()
            ? QStringLiteral("Missing personal key: send it in the x-api-key header or as "
                             "'Authorization: Bearer cp-...'.")
            : QStringLiteral("Invalid personal key. Check the key, or ask your administrator "
                             "for a new one."));
    return refusal;
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
        m_ctx.metrics->countRequest(request.routeName, 401);
        sendError(responder, protocol, 401, message);
        return nullptr;
    };
    if (presented.isEmpty())
        return reject(QStringLiteral("Missing personal key: send it in the x-api-key header or "
                                     "as 'Authorization: Bearer cp-...'."));
    // The head guard's digest, when it was worked out for this very key.
    const QByteArrayView memo(request.guardMemo);
    const QByteArray digest = memo.size() > 64 && memo.sliced(64) == QByteArrayView(presented)
                                  ? memo.first(64).toByteArray()
                                  : Crypto::sha256Hex(presented);
    const auto it = snapshot.keysByHash.constFind(digest);
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
                         RelayProtocol::Kind protocol, RelayExchange::Op op,
                         const QString &geminiModelAction)
{
    RelayExchange::Params p;
    p.clock.start();
    p.startedAtMs = QDateTime::currentMSecsSinceEpoch();
    // Keep the snapshot alive for the duration of this function.
    const RelaySnapshotPtr snapshot = this->snapshot();
    const RelayKey *key = authenticate(*snapshot, request, protocol, responder);
    if (!key)
        return;
    p.client = protocol;
    p.op = op;
    p.endpoint = request.path;
    p.routeName = request.routeName;
    p.key = *key;
    p.snapshot = snapshot;

    // Requests that fail before reaching an upstream are still one ledger row each.
    auto reject = [&](int status, const QString &message, const QString &type = {}) {
        const QString t = type.isEmpty() ? RelayProtocol::defaultErrorType(protocol, status) : type;
        RelayCallSummary call;
        call.startedAtMs = p.startedAtMs;
        call.latencyMs = p.clock.elapsed();
        call.keyId = key->id;
        call.userId = key->userId;
        call.provider = RelayProtocol::providerName(protocol);
        call.model = p.model;
        call.endpoint = QString::fromLatin1(request.path);
        call.routeName = request.routeName;
        call.stream = p.stream;
        call.countTokens = p.op == RelayExchange::Op::CountTokens;
        call.status = status;
        call.errorType = t;
        UsageRecorder(m_ctx.ledger, m_ctx.metrics, m_ctx.prices).record(call);
        sendError(responder, protocol, status, message, t); // after the record is spooled
    };

    // The body is read where it lies (JsonView): the relay needs a few members and the
    // conversation's prefix, not a tree of every message (a long conversation is hundreds of
    // KB). A body that is not strict JSON goes to QJsonDocument, whose reading decides as
    // before, and its strict rewriting is read instead; the client's bytes go upstream as sent.
    QByteArray strictBody;
    const JsonView body = JsonView::read(request.body, &strictBody);
    if (!body.isObject()) {
        QJsonParseError parseError{};
        QJsonDocument::fromJson(request.body, &parseError); // for its account of the error
        reject(400, parseError.error != QJsonParseError::NoError
                        ? QStringLiteral("The request body is not valid JSON: %1 at offset %2.")
                              .arg(parseError.errorString())
                              .arg(parseError.offset)
                        : QStringLiteral("The request body must be a JSON object."));
        return;
    }
    JsonView fields[3];
    body.members({QLatin1String("model"), QLatin1String("stream"), QLatin1String("stream_options")},
                 fields);
    if (protocol == RelayProtocol::Gemini) {
        // "/v1beta/models/{model}:{action}": the model is in the path (percent-decoded by the
        // router). The upstream URL is rebuilt from the validated name and a known action.
        const qsizetype colon = geminiModelAction.lastIndexOf(QLatin1Char(':'));
        p.model = geminiModelAction.left(colon);
        if (p.model.startsWith(QLatin1String("models/")))
            p.model = p.model.mid(7);
        p.geminiAction = geminiModelAction.mid(colon + 1);
        p.stream = p.geminiAction == QLatin1String("streamGenerateContent");
        if (p.geminiAction == QLatin1String("countTokens"))
            p.op = RelayExchange::Op::CountTokens;
        if (!RelayProtocol::isSafeModelName(p.model)) {
            const QString shown = p.model.left(100);
            p.model = shown;
            reject(400, QStringLiteral("Invalid model name \"%1\": a model name consists of "
                                       "letters, digits, '.', '-' and '_' (e.g. "
                                       "gemini-2.5-flash).")
                            .arg(shown));
            return;
        }
        QUrlQuery query(QString::fromUtf8(request.query));
        query.removeAllQueryItems(QStringLiteral("key")); // the client's key stays here
        p.geminiQuery = query.queryItems(QUrl::FullyDecoded);
    } else {
        p.model = QString::fromUtf8(fields[0].string());
        p.stream = fields[1].text() == "true";
    }
    if (p.model.isEmpty()) {
        reject(400, QStringLiteral("The request has no \"model\"; name the model to use."));
        return;
    }
    if (!key->models.isEmpty() && !key->models.contains(p.model)) {
        reject(403, QStringLiteral("This personal key may not use model \"%1\"; allowed: %2.")
                        .arg(p.model, key->models.join(QStringLiteral(", "))));
        return;
    }
    if (protocol == RelayProtocol::OpenAi)
        p.clientAskedForUsage = fields[2].member(QLatin1String("include_usage")).text() == "true";
    p.body = request.body;
    p.clientHeaders = request.headers;

    // Which accounts may serve it: those speaking the client's protocol, and (translated) those
    // of another protocol that name the model explicitly in their models or model map, so that
    // a generic account is never sent a model of another vendor.
    QStringList native;
    QStringList translated;
    switch (protocol) {
    case RelayProtocol::Anthropic:
        native = {Providers::name(Provider::Anthropic), Providers::name(Provider::AnthropicOAuth)};
        if (p.op == RelayExchange::Op::Generate)
            translated = {Providers::name(Provider::OpenAi)};
        break;
    case RelayProtocol::OpenAi:
        native = {Providers::name(Provider::OpenAi)};
        translated = {Providers::name(Provider::Anthropic),
                      Providers::name(Provider::AnthropicOAuth), Providers::name(Provider::Gemini)};
        break;
    case RelayProtocol::Gemini:
        native = {Providers::name(Provider::Gemini)};
        break;
    }
    const RelayPool *pool = nullptr;
    if (key->poolId) {
        const auto it = snapshot->pools.constFind(key->poolId);
        if (it != snapshot->pools.cend())
            pool = &it.value();
    }
    QList<qint64> candidates;
    candidates.reserve(snapshot->accounts.size());
    QStringList upstreamModels; // what the candidates' model maps send the model upstream as
    bool anyProvider = false;
    const std::optional<RelayProtocol::Kind> vendor = modelVendor(p.model);
    for (const RelayAccount &a : snapshot->accounts) {
        if (pool && !pool->accountIds.contains(a.id))
            continue;
        const bool isNative = native.contains(a.provider);
        if (!isNative && !translated.contains(a.provider))
            continue;
        if (a.enabled)
            anyProvider = true;
        const bool names = a.models.contains(p.model) || a.modelMap.contains(p.model);
        if (!isNative && !names)
            continue;
        // An account without a model list serves any model of its own vendor, not another
        // vendor's (an OpenAI-compatible account is not sent "claude-..." or "gemini-...").
        if (isNative && !names && a.models.isEmpty() && a.modelMap.isEmpty() && vendor &&
            *vendor != RelayProtocol::kindOfProvider(a.provider))
            continue;
        candidates.append(a.id);
        const auto mapped = a.modelMap.constFind(p.model);
        if (mapped != a.modelMap.cend() && !upstreamModels.contains(*mapped))
            upstreamModels.append(*mapped);
    }
    if (candidates.isEmpty()) {
        if (!anyProvider)
            reject(503,
                   QStringLiteral("No enabled upstream account can serve %1 requests%2; an "
                                  "administrator must add one (POST /api/accounts).")
                       .arg(RelayProtocol::providerName(protocol),
                            pool ? QStringLiteral(" in pool \"%1\"").arg(pool->name) : QString()),
                   protocol == RelayProtocol::Anthropic ? QStringLiteral("overloaded_error")
                                                        : QString());
        else
            reject(404,
                   QStringLiteral("No upstream account serves model \"%1\". Ask an "
                                  "administrator to add it to an account's models or model map.")
                       .arg(p.model),
                   protocol == RelayProtocol::Anthropic ? QStringLiteral("not_found_error")
                                                        : QString());
        return;
    }
    p.route.protocolFamily = native + translated;
    p.route.model = p.model;
    p.route.poolAccountIds = candidates;
    p.route.strategy = RoutingStrategy::Kind::Priority;
    if (pool) {
        if (const auto kind = RoutingStrategy::parse(pool->strategy))
            p.route.strategy = *kind;
    }
    if (p.op == RelayExchange::Op::Generate)
        p.route.sessionKey =
            StickySessions::sessionKey(key->id, body, request.headers,
                                       RelayProtocol::providerName(protocol), m_ctx.sessionHeader);

    if (!m_ctx.governor || !m_ctx.governor->hasRules()) {
        startExchange(std::move(p), responder); // nothing to reserve against
        return;
    }
    // Quotas and budgets: admitted on an estimate before anything goes upstream.
    AdmissionRequest admission;
    admission.snapshot = snapshot;
    admission.key = *key;
    admission.model = p.model;
    admission.upstreamModels = upstreamModels;
    const AdmissionEstimate estimate = AdmissionEstimate::of(
        AdmissionEstimate::fieldsOf(strictBody), request.body, protocol,
        p.op == RelayExchange::Op::CountTokens, QStringList{p.model} + upstreamModels,
        *m_ctx.prices, m_ctx.defaultOutputTokens);
    admission.estimatedTokens = estimate.tokens;
    admission.estimatedCost = estimate.cost;
    admission.nowMs = Clock::nowMs();
    auto params = std::make_shared<RelayExchange::Params>(std::move(p));
    m_ctx.governor->admit(admission, [this, params, responder, protocol](const Admission &a) {
        if (a.refusal) {
            refuse(*params, responder, protocol, *a.refusal);
            return;
        }
        params->ticket = a.ticket;
        params->rateLimitHeaders = a.headers;
        startExchange(std::move(*params), responder);
    });
}

void RelayService::startExchange(RelayExchange::Params p, const HttpResponderPtr &responder)
{
    RelayContext ctx = m_ctx;
    ctx.upstream = upstreamForThisThread();
    ctx.activeCalls = &m_activeCalls;
    auto *exchange =
        new RelayExchange(ctx, std::move(p), std::make_shared<ResponderClientStream>(responder));
    exchange->start();
}

void RelayService::refuse(const RelayExchange::Params &p, const HttpResponderPtr &responder,
                          RelayProtocol::Kind protocol, const AdmissionRefusal &refusal)
{
    // Rate limits keep each protocol's own error type (SDKs retry them); budgets say
    // budget_exceeded.
    const QString bodyType =
        refusal.status == 429 ? RelayProtocol::defaultErrorType(protocol, 429) : refusal.type;
    m_ctx.metrics->countRefusal(refusal.limit.isEmpty() ? refusal.type : refusal.limit);
    RelayCallSummary call;
    call.requestId = p.requestId;
    call.startedAtMs = p.startedAtMs;
    call.latencyMs = p.clock.isValid() ? p.clock.elapsed() : 0;
    call.keyId = p.key.id;
    call.userId = p.key.userId;
    call.enterpriseId = p.key.enterpriseId;
    call.departmentId = p.key.departmentId;
    call.groupId = p.key.groupId;
    call.provider = RelayProtocol::providerName(protocol);
    call.model = p.model;
    call.endpoint = QString::fromLatin1(p.endpoint);
    call.routeName = p.routeName;
    call.stream = p.stream;
    call.countTokens = p.op == RelayExchange::Op::CountTokens;
    call.status = refusal.status;
    call.errorType = refusal.type;
    UsageRecorder(m_ctx.ledger, m_ctx.metrics, m_ctx.prices).record(call);
    // Answered once the record is in the spool, as every call.
    responder->send(refusal.status,
                    RelayProtocol::errorBody(protocol, refusal.status, refusal.message, bodyType),
                    "application/json", refusal.headers);
}

void RelayService::listModels(const HttpRequest &request, const HttpResponderPtr &responder)
{
    const bool geminiClient = request.path.startsWith("/v1beta");
    const bool anthropicClient = !geminiClient && request.hasHeader("anthropic-version");
    const auto protocol = modelsProtocol(request);
    const RelaySnapshotPtr snapshot = this->snapshot();
    const RelayKey *key = authenticate(*snapshot, request, protocol, responder);
    if (!key)
        return;
    const RelayPool *pool = nullptr;
    if (key->poolId) {
        const auto it = snapshot->pools.constFind(key->poolId);
        if (it != snapshot->pools.cend())
            pool = &it.value();
    }
    // Models come from the accounts' allow-lists and model maps; an account without either
    // serves every model of its vendor that the price table knows.
    QMap<QString, QString> models; // id -> owner
    const QStringList priced = m_ctx.prices->models();
    for (const RelayAccount &a : snapshot->accounts) {
        if (!a.enabled || (pool && !pool->accountIds.contains(a.id)))
            continue;
        // Gemini clients can only be served by Gemini accounts (no translation into Gemini).
        if (geminiClient && RelayProtocol::kindOfProvider(a.provider) != RelayProtocol::Gemini)
            continue;
        if (!a.models.isEmpty() || !a.modelMap.isEmpty()) {
            for (const QString &m : a.models)
                models.insert(m, a.provider);
            for (auto it = a.modelMap.cbegin(); it != a.modelMap.cend(); ++it)
                models.insert(it.key(), a.provider);
            continue;
        }
        for (const QString &m : priced) {
            const RelayProtocol::Kind vendor =
                m.startsWith(QLatin1String("claude"))   ? RelayProtocol::Anthropic
                : m.startsWith(QLatin1String("gemini")) ? RelayProtocol::Gemini
                                                        : RelayProtocol::OpenAi;
            if (RelayProtocol::kindOfProvider(a.provider) == vendor)
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
        if (geminiClient) {
            data.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("models/") + it.key()},
                                    {QStringLiteral("displayName"), it.key()},
                                    {QStringLiteral("supportedGenerationMethods"),
                                     QJsonArray{QStringLiteral("generateContent"),
                                                QStringLiteral("streamGenerateContent"),
                                                QStringLiteral("countTokens")}}});
        } else if (anthropicClient) {
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
    if (geminiClient) {
        out.insert(QStringLiteral("models"), data);
    } else if (anthropicClient) {
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
    m_ctx.metrics->countRequest(request.routeName, 200);
    responder->sendJson(200, out);
}
