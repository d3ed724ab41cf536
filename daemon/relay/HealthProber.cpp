// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/HealthProber.h"

#include "base/ProxyUrl.h"
#include "oauth/OAuthService.h"
#include "relay/RelayProtocol.h"
#include "routing/RoutingService.h"
#include "upstream/UpstreamClient.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPointer>

Q_LOGGING_CATEGORY(lcProbe, "aicarpool.probe")

HealthProber::HealthProber(RoutingService *routing, UpstreamClient *upstream, OAuthService *oauth,
                           std::function<RelaySnapshotPtr()> snapshot, QObject *parent)
    : QObject(parent), m_routing(routing), m_upstream(upstream), m_oauth(oauth),
      m_snapshot(std::move(snapshot))
{
    connect(&m_timer, &QTimer::timeout, this, &HealthProber::tick);
}

void HealthProber::start(int intervalSecs)
{
    m_intervalMs = intervalSecs * 1000;
    if (m_intervalMs > 0)
        m_timer.start(m_intervalMs);
}

void HealthProber::tick()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    // Short cooldowns end by themselves before the next tick; probe only the longer ones.
    const QList<qint64> ids = m_routing->accountsToProbe(now, m_intervalMs);
    if (ids.isEmpty())
        return;
    const RelaySnapshotPtr snapshot = m_snapshot();
    for (const RelayAccount &a : snapshot->accounts) {
        if (!a.enabled || !ids.contains(a.id) || m_probing.contains(a.id))
            continue;
        m_probing.insert(a.id);
        if (!a.oauth) {
            probe(a, a.apiKey);
            continue;
        }
        QPointer<HealthProber> self(this);
        m_oauth->accessToken(a, [self, a](const QByteArray &token, const QString &) {
            if (!self)
                return;
            if (token.isEmpty())
                self->m_probing.remove(a.id);
            else
                self->probe(a, token);
        });
    }
}

void HealthProber::probe(const RelayAccount &account, const QByteArray &credential)
{
    UpstreamRequest request;
    request.connectTimeoutMs = 10000;
    request.timeoutMs = 20000;
    request.proxyUrl = account.proxyUrl.isEmpty() ? QString() : ProxyUrl::forCurl(account.proxyUrl);
    const RelayProtocol::Kind kind = RelayProtocol::kindOfProvider(account.provider);
    if (kind == RelayProtocol::Anthropic) {
        // count_tokens is free and exercises the credentials.
        QString model = !account.models.isEmpty()     ? account.models.first()
                        : !account.modelMap.isEmpty() ? account.modelMap.cbegin().value()
                                                      : QStringLiteral("claude-sonnet-4-5");
        request.method = "POST";
        request.url =
            RelayProtocol::upstreamUrl(kind, account.baseUrl, "/v1/messages/count_tokens");
        request.body =
            QJsonDocument(QJsonObject{{QStringLiteral("model"), model},
                                      {QStringLiteral("messages"),
                                       QJsonArray{QJsonObject{
                                           {QStringLiteral("role"), QStringLiteral("user")},
                                           {QStringLiteral("content"), QStringLiteral("ping")}}}}})
                .toJson(QJsonDocument::Compact);
        request.headers = {{"content-type", "application/json"},
                           {"anthropic-version", "2023-06-01"}};
        if (account.oauth) {
            request.headers.push_back({"authorization", "Bearer " + credential});
            request.headers.push_back({"anthropic-beta", "oauth-2025-04-20"});
        } else {
            request.headers.push_back({"x-api-key", credential});
        }
    } else if (kind == RelayProtocol::OpenAi) {
        request.method = "GET";
        request.url = RelayProtocol::upstreamUrl(kind, account.baseUrl, "/v1/models");
        request.headers = {{"authorization", "Bearer " + credential}};
    } else {
        QByteArray base = account.baseUrl.toUtf8();
        while (base.endsWith('/'))
            base.chop(1);
        request.method = "GET";
        request.url = base + "/v1beta/models";
        request.headers = {{"x-goog-api-key", credential}};
    }
    UpstreamCallPtr call = m_upstream->start(request);
    QPointer<HealthProber> self(this);
    const qint64 id = account.id;
    const QString name = account.name;
    auto status = std::make_shared<int>(0);
    call->onHeaders = [status](int s, const HttpHeaderList &) { *status = s; };
    // The client keeps the call until it ends; capturing it here would keep it (and this
    // closure) alive for ever.
    call->onFinished = [self, id, name, status](UpstreamCall::Error error, const QString &) {
        if (!self)
            return;
        self->m_probing.remove(id);
        if (error == UpstreamCall::Error::None && *status >= 200 && *status < 300) {
            self->m_routing->clearCooldown(id);
            qCInfo(lcProbe).noquote()
                << QStringLiteral("account \"%1\" answered a health probe; back in service")
                       .arg(name);
        }
    };
}
