// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/RelaySnapshot.h"

#include <QObject>
#include <QSet>
#include <QTimer>

#include <functional>

class OAuthService;
class RoutingService;
class UpstreamClient;

// Brings accounts back early: every interval, accounts on a long cooldown (or whose credentials
// were refused) get a free request — Anthropic count_tokens, the OpenAI and Gemini model lists —
// and one that answers 2xx is put back into service at once.
class HealthProber : public QObject
{
    Q_OBJECT
public:
    HealthProber(RoutingService *routing, UpstreamClient *upstream, OAuthService *oauth,
                 std::function<RelaySnapshotPtr()> snapshot, QObject *parent = nullptr);

    void start(int intervalSecs); // 0 = never probe

private:
    void tick();
    void probe(const RelayAccount &account, const QByteArray &credential);

    RoutingService *m_routing;
    UpstreamClient *m_upstream;
    OAuthService *m_oauth;
    std::function<RelaySnapshotPtr()> m_snapshot;
    QTimer m_timer;
    QSet<qint64> m_probing;
    int m_intervalMs = 0;
};
