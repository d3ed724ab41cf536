// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RelayFixture.h"

#include <memory>

// Two daemons on one database: daemon A from RelayFixture (mock upstream, accounts, a key, an
// administrator signed in) and daemon B, started on the same database with A's master key, so
// it decrypts the same account secrets and accepts the same tokens. A change made through A
// reaches B only through the database (B polls the data version).
class TwoDaemons
{
public:
    bool setUp(const QString &backend, QString *error, bool *skip);

    RelayFixture &a() { return *m_a; }
    DaemonProcess &b() { return *m_b; }
    TestHttpClient &adminOnA() { return m_a->admin(); }
    TestHttpClient &adminOnB() { return *m_adminB; }

    // POST /v1/messages with the fixture's key (or `key`) through daemon B.
    TestHttpClient::Reply callB(const QByteArray &key = QByteArray());
    // The mock upstream's requests that carried the Anthropic account's secret.
    int upstreamCallsWithAnthropicSecret();

private:
    std::unique_ptr<RelayFixture> m_a;
    std::unique_ptr<DaemonProcess> m_b;
    std::unique_ptr<TestHttpClient> m_adminB;
    std::unique_ptr<TestHttpClient> m_relayB;
};
