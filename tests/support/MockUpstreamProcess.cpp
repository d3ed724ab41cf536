// SPDX-License-Identifier: GPL-3.0-or-later
#include "MockUpstreamProcess.h"

#include "TestEnv.h"
#include "TestHttpClient.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QUrl>

MockUpstreamProcess::MockUpstreamProcess(const QStringList &extraArgs) : m_args(extraArgs) {}

MockUpstreamProcess::~MockUpstreamProcess()
{
    stop();
}

bool MockUpstreamProcess::start(QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    stop();
    const QString program = TestEnv::binary(QStringLiteral("aicarpool-mock-upstream"));
    if (program.isEmpty())
        return fail(QStringLiteral("aicarpool-mock-upstream not built (build dir: %1)")
                        .arg(TestEnv::buildDir()));
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process->start(
        program, QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")} + m_args);
    if (!m_process->waitForStarted(10000))
        return fail(
            QStringLiteral("mock upstream did not start: %1").arg(m_process->errorString()));
    QByteArray out;
    QElapsedTimer timer;
    timer.start();
    while (!out.contains('\n') && timer.elapsed() < 10000) {
        if (!m_process->waitForReadyRead(int(10000 - timer.elapsed())))
            break;
        out += m_process->readAllStandardOutput();
    }
    const QByteArray line = out.left(out.indexOf('\n')).trimmed();
    if (!line.startsWith("listening on ")) {
        stop();
        return fail(QStringLiteral("mock upstream did not announce its address: '%1'")
                        .arg(QString::fromUtf8(out)));
    }
    m_baseUrl = QString::fromUtf8(line.mid(13));
    return true;
}

void MockUpstreamProcess::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(5000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    m_process.reset();
    m_baseUrl.clear();
}

bool MockUpstreamProcess::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

quint16 MockUpstreamProcess::port() const
{
    return quint16(QUrl(m_baseUrl).port());
}

QJsonArray MockUpstreamProcess::requests() const
{
    TestHttpClient client(m_baseUrl);
    return client.get(QStringLiteral("/__mock/requests")).jsonArray();
}

void MockUpstreamProcess::clearRequests() const
{
    TestHttpClient client(m_baseUrl);
    client.del(QStringLiteral("/__mock/requests"));
}

QJsonObject MockUpstreamProcess::stats() const
{
    TestHttpClient client(m_baseUrl);
    return client.get(QStringLiteral("/__mock/stats")).json();
}

void MockUpstreamProcess::resetStats() const
{
    TestHttpClient client(m_baseUrl);
    client.del(QStringLiteral("/__mock/stats"));
}

void MockUpstreamProcess::failNext(int count, int status) const
{
    TestHttpClient client(m_baseUrl);
    client.post(QStringLiteral("/__mock/fail-next"),
                QJsonObject{{QStringLiteral("count"), count}, {QStringLiteral("status"), status}});
}
