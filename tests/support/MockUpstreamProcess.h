// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <memory>

class QProcess;

// Runs the aicarpool-mock-upstream binary on a free port for one test.
class MockUpstreamProcess
{
public:
    // extraArgs e.g. {"--latency-ms", "100", "--chunks", "8"}
    explicit MockUpstreamProcess(const QStringList &extraArgs = {});
    ~MockUpstreamProcess();
    MockUpstreamProcess(const MockUpstreamProcess &) = delete;
    MockUpstreamProcess &operator=(const MockUpstreamProcess &) = delete;

    // Starts the binary and waits for its "listening on" line (10 s).
    bool start(QString *error = nullptr);
    void stop();
    bool isRunning() const;

    QString baseUrl() const { return m_baseUrl; } // e.g. "http://127.0.0.1:41234"
    quint16 port() const;

    // GET /__mock/requests: [{method, path, query, headers{lower-case}, body, time}], oldest first.
    QJsonArray requests() const;
    void clearRequests() const;
    // GET /__mock/stats: {inFlight, maxInFlight, total}
    QJsonObject stats() const;
    void resetStats() const;
    // The next `count` API calls fail with `status` in the provider's error format.
    void failNext(int count, int status) const;

private:
    QStringList m_args;
    std::unique_ptr<QProcess> m_process;
    QString m_baseUrl;
};
