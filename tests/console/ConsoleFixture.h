// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DaemonProcess.h"
#include "MockUpstreamProcess.h"
#include "TestHttpClient.h"

#include <QJsonObject>

#include <memory>

// A real daemon (SQLite) and the mock upstream for the console's tests, with an administrator
// signed in over HTTP, and realistic data on demand: accounts of three providers, a proxy, a
// pool, members with keys, and relayed calls through the mock (a few of them failing).
class ConsoleFixture
{
public:
    bool start(QString *error);
    // Accounts, proxy, pool, users and keys; then `calls` relayed calls.
    bool seed(int calls, QString *error);
    // `count` relayed calls with `key` over several models; returns how many got an answer.
    int relay(int count, const QByteArray &key, int failEvery = 0);
    // Waits until the ledger holds at least `count` rows.
    bool waitForUsage(int count, int timeoutMs = 30000);

    DaemonProcess &daemon() { return *m_daemon; }
    MockUpstreamProcess &mock() { return *m_mock; }
    TestHttpClient &admin() { return *m_admin; }
    QString url() const { return m_daemon->baseUrl(); }
    QByteArray key() const { return m_key; }
    // A new key for the administrator: {id, key, ...}.
    QJsonObject createKey(const QString &name);

private:
    std::unique_ptr<MockUpstreamProcess> m_mock;
    std::unique_ptr<DaemonProcess> m_daemon;
    std::unique_ptr<TestHttpClient> m_admin;
    QByteArray m_key;
};
