// SPDX-License-Identifier: GPL-3.0-or-later
#include "TwoDaemons.h"

bool TwoDaemons::setUp(const QString &backend, QString *error, bool *skip)
{
    m_a = std::make_unique<RelayFixture>();
    if (!m_a->setUp(backend, error, skip))
        return false;
    m_b = std::make_unique<DaemonProcess>();
    m_b->setExtraArgs({QStringLiteral("--database"), m_a->databaseUrl()});
    m_b->setEnv(QStringLiteral("AICARPOOL_MASTER_KEY_FILE"),
                m_a->daemon().dataDir() + QStringLiteral("/master.key"));
    if (!m_b->start(error))
        return false;
    m_adminB = std::make_unique<TestHttpClient>(m_b->baseUrl());
    // The administrator exists already (A created it): sign in on B with A's credentials.
    if (!m_adminB->loginAsAdmin(m_a->daemon().adminEmail(), m_a->daemon().adminPassword(), error))
        return false;
    m_relayB = std::make_unique<TestHttpClient>(m_b->baseUrl());
    return true;
}

TestHttpClient::Reply TwoDaemons::callB(const QByteArray &key)
{
    return m_relayB->post(
        QStringLiteral("/v1/messages"), RelayFixture::anthropicBody(QStringLiteral("hello from B")),
        {{"x-api-key", key.isEmpty() ? m_a->key() : key}, {"anthropic-version", "2023-06-01"}});
}

int TwoDaemons::upstreamCallsWithAnthropicSecret()
{
    int n = 0;
    const QJsonArray requests = m_a->mock().requests();
    for (const QJsonValue &v : requests) {
        const QJsonObject headers = v.toObject().value(QLatin1String("headers")).toObject();
        if (headers.value(QLatin1String("x-api-key")).toString().toLatin1() ==
                RelayFixture::anthropicSecret() ||
            headers.value(QLatin1String("authorization")).toString().toLatin1() ==
                "Bearer " + RelayFixture::anthropicSecret())
            ++n;
    }
    return n;
}
