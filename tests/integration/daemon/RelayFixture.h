// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DaemonProcess.h"
#include "MockUpstreamProcess.h"
#include "TestDb.h"
#include "TestHttpClient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>

#include <memory>

// A running mock upstream and daemon (on SQLite or MariaDB) with an administrator signed in,
// one Anthropic and one OpenAI account pointing at the mock, and a personal key.
class RelayFixture
{
public:
    // backend: "sqlite" or "mysql". Returns false with *error (or *skip for a missing MariaDB).
    bool setUp(const QString &backend, QString *error, bool *skip,
               const QStringList &extraArgs = {});

    // Before setUp(): run the daemon under this program (valgrind) with a longer start timeout.
    void setLauncher(const QStringList &launcher, int startTimeoutMs)
    {
        m_launcher = launcher;
        m_startTimeoutMs = startTimeoutMs;
    }

    // Before setUp(): an environment variable for the daemon (e.g. AICARPOOL_PROBE_INTERVAL).
    void setDaemonEnv(const QString &name, const QString &value) { m_env.insert(name, value); }

    DaemonProcess &daemon() { return *m_daemon; }
    MockUpstreamProcess &mock() { return *m_mock; }
    TestHttpClient &admin() { return *m_admin; }
    QString url(const QString &path) const { return m_daemon->baseUrl() + path; }
    QString databaseUrl() const { return m_databaseUrl; }
    // The test's own connection to the daemon's database, for checks in SQL.
    TestDb &database() { return *m_db; }

    QByteArray key() const { return m_key; }
    qint64 keyId() const { return m_keyId; }
    qint64 anthropicAccountId() const { return m_anthropicId; }
    qint64 openaiAccountId() const { return m_openaiId; }
    static QByteArray anthropicSecret() { return "sk-ant-upstream-secret-0001"; }
    static QByteArray openaiSecret() { return "sk-openai-upstream-secret-0002"; }

    // Sets the models the Anthropic account serves (empty: every model); returns the status.
    int setAnthropicModels(const QStringList &models);

    // A new personal key with the given extra JSON fields; returns {id, key}.
    QJsonObject createKey(const QJsonObject &fields = {});

    // Waits until /api/usage has at least `count` rows (the ledger writes asynchronously).
    QJsonArray waitForUsage(int count, const QString &query = QString(), int timeoutMs = 10000);

    static QJsonObject anthropicBody(const QString &text, bool stream = false,
                                     const QString &model = QStringLiteral("claude-sonnet-4-5"));
    static QJsonObject openaiBody(const QString &text, bool stream = false,
                                  const QString &model = QStringLiteral("gpt-4o"));

private:
    std::unique_ptr<TestDb> m_db;
    std::unique_ptr<MockUpstreamProcess> m_mock;
    std::unique_ptr<DaemonProcess> m_daemon;
    std::unique_ptr<TestHttpClient> m_admin;
    QString m_databaseUrl;
    QStringList m_launcher;
    QHash<QString, QString> m_env;
    int m_startTimeoutMs = 20000;
    QByteArray m_key;
    qint64 m_keyId = 0;
    qint64 m_anthropicId = 0;
    qint64 m_openaiId = 0;
};

// Collects a response as it arrives, with the time of each piece, over a raw socket.
class StreamCapture
{
public:
    struct Piece
    {
        qint64 atMs;
        QByteArray data;
    };
    // Sends a POST with the JSON body and reads until the response ends, the peer closes, or
    // `closeAfterBytes` bytes of body arrived (then hangs up). Returns false on timeout.
    bool post(const QString &baseUrl, const QString &path, const QByteArray &requestBody,
              const QList<QPair<QByteArray, QByteArray>> &headers, int timeoutMs = 15000,
              qint64 closeAfterBytes = -1);

    int status = 0;
    QByteArray head;
    QByteArray body; // de-chunked
    QList<Piece> pieces;
    qint64 totalMs = 0;
};
