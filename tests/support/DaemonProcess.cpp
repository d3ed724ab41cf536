// SPDX-License-Identifier: GPL-3.0-or-later
#include "DaemonProcess.h"

#include "TestEnv.h"
#include "TestHttpClient.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QUuid>

DaemonProcess::DaemonProcess()
    : m_root(std::make_unique<QTemporaryDir>()), m_env(QProcessEnvironment::systemEnvironment()),
      m_adminEmail(QStringLiteral("admin@test.local"))
{
    QDir(m_root->path()).mkpath(QStringLiteral("data"));
    m_adminPassword = QStringLiteral("Test-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    // A developer's own settings must not leak into a test daemon.
    const QStringList keys = m_env.keys();
    for (const QString &key : keys) {
        if (key.startsWith(QLatin1String("AICARPOOL_")) &&
            key != QLatin1String("AICARPOOL_BUILD_DIR") &&
            key != QLatin1String("AICARPOOL_SOURCE_DIR"))
            m_env.remove(key);
    }
}

DaemonProcess::~DaemonProcess()
{
    if (isRunning() && !terminate(5000))
        kill9();
}

QString DaemonProcess::dataDir() const
{
    return m_root->path() + QStringLiteral("/data");
}

QString DaemonProcess::logFile() const
{
    return m_root->path() + QStringLiteral("/daemon.log");
}

QString DaemonProcess::log() const
{
    QFile f(logFile());
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

QString DaemonProcess::baseUrl() const
{
    return QStringLiteral("%1://127.0.0.1:%2")
        .arg(m_tlsCaFile.isEmpty() ? QStringLiteral("http") : QStringLiteral("https"))
        .arg(m_port);
}

QList<QSslCertificate> DaemonProcess::tlsCaCertificates() const
{
    return m_tlsCaFile.isEmpty() ? QList<QSslCertificate>()
                                 : QSslCertificate::fromPath(m_tlsCaFile);
}

QString DaemonProcess::adminPassword() const
{
    if (!m_generatedPassword)
        return m_adminPassword;
    QFile f(dataDir() + QStringLiteral("/initial-admin-password"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    // The password is the last non-empty line.
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
        if (!it->trimmed().isEmpty())
            return QString::fromUtf8(it->trimmed());
    }
    return {};
}

bool DaemonProcess::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

qint64 DaemonProcess::pid() const
{
    return m_process ? m_process->processId() : 0;
}

int DaemonProcess::exitCode() const
{
    return m_process ? m_process->exitCode() : -1;
}

bool DaemonProcess::crashed() const
{
    return m_process && m_process->state() == QProcess::NotRunning &&
           m_process->exitStatus() == QProcess::CrashExit;
}

bool DaemonProcess::start(QString *error)
{
    m_port = 0;
    // The port is free when chosen but could be taken before the daemon binds it: retry.
    for (int attempt = 0; attempt < 3; ++attempt) {
        if (launch(error))
            return true;
        if (!log().contains(QLatin1String("in use")))
            return false;
        m_port = 0;
    }
    return false;
}

bool DaemonProcess::restart(QString *error)
{
    if (isRunning() && !terminate(10000))
        kill9();
    if (launch(error))
        return true;
    m_port = 0;
    return launch(error);
}

bool DaemonProcess::launch(QString *error)
{
    const QString program = TestEnv::binary(QStringLiteral("aicarpoold"));
    if (program.isEmpty()) {
        if (error)
            *error =
                QStringLiteral("aicarpoold not built (build dir: %1)").arg(TestEnv::buildDir());
        return false;
    }
    if (m_port == 0)
        m_port = TestEnv::freePort();
    QProcessEnvironment env = m_env;
    if (!m_generatedPassword) {
        if (!env.contains(QStringLiteral("AICARPOOL_ADMIN_EMAIL")))
            env.insert(QStringLiteral("AICARPOOL_ADMIN_EMAIL"), m_adminEmail);
        if (!env.contains(QStringLiteral("AICARPOOL_ADMIN_PASSWORD")))
            env.insert(QStringLiteral("AICARPOOL_ADMIN_PASSWORD"), m_adminPassword);
        m_adminEmail = env.value(QStringLiteral("AICARPOOL_ADMIN_EMAIL"));
        m_adminPassword = env.value(QStringLiteral("AICARPOOL_ADMIN_PASSWORD"));
    }
    m_process = std::make_unique<QProcess>();
    m_process->setProcessEnvironment(env);
    m_process->setStandardOutputFile(logFile(), QIODevice::Append);
    m_process->setStandardErrorFile(logFile(), QIODevice::Append);
    const QStringList args =
        QStringList{QStringLiteral("--data-dir"), dataDir(), QStringLiteral("--listen"),
                    QStringLiteral("127.0.0.1:%1").arg(m_port)} +
        m_extraArgs;
    if (m_launcher.isEmpty())
        m_process->start(program, args);
    else
        m_process->start(m_launcher.first(), m_launcher.mid(1) + QStringList{program} + args);
    if (!m_process->waitForStarted(10000)) {
        if (error)
            *error = QStringLiteral("aicarpoold did not start: %1").arg(m_process->errorString());
        return false;
    }
    return waitHealthy(error);
}

bool DaemonProcess::waitHealthy(QString *error)
{
    TestHttpClient client(baseUrl());
    client.setTimeout(2000);
    client.setCaCertificates(tlsCaCertificates());
    QElapsedTimer timer;
    timer.start();
    QString last;
    while (timer.elapsed() < m_startTimeoutMs) {
        if (!isRunning()) {
            if (error) {
                *error = QStringLiteral("aicarpoold exited with code %1 during start-up:\n%2")
                             .arg(exitCode())
                             .arg(log().right(4000));
            }
            return false;
        }
        const TestHttpClient::Reply r = client.get(QStringLiteral("/health"));
        if (r.status == 200)
            return true;
        last = r.status ? QStringLiteral("status %1: %2")
                              .arg(r.status)
                              .arg(QString::fromUtf8(r.body.left(300)))
                        : r.error;
        QThread::msleep(100);
    }
    if (error) {
        *error = QStringLiteral("aicarpoold not healthy after %1 ms (last: %2); output:\n%3")
                     .arg(m_startTimeoutMs)
                     .arg(last, log().right(4000));
    }
    kill9();
    return false;
}

void DaemonProcess::kill9()
{
    if (!isRunning())
        return;
    m_process->kill();
    m_process->waitForFinished(10000);
}

bool DaemonProcess::terminate(int timeoutMs)
{
    if (!isRunning())
        return true;
    m_process->terminate();
    return m_process->waitForFinished(timeoutMs);
}
