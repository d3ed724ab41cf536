// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QProcessEnvironment>
#include <QSslCertificate>
#include <QString>
#include <QStringList>

#include <memory>

class QProcess;
class QTemporaryDir;

// Runs the aicarpoold binary for one test: a fresh data directory, a free port on 127.0.0.1,
// output captured to a log file, and start() returns once GET /health answers 200.
// By default the first administrator comes from AICARPOOL_ADMIN_EMAIL / AICARPOOL_ADMIN_PASSWORD
// (admin@test.local and a random password); with setGeneratedAdminPassword(true) the daemon
// generates one and adminPassword() reads <dataDir>/initial-admin-password.
class DaemonProcess
{
public:
    DaemonProcess();
    ~DaemonProcess();
    DaemonProcess(const DaemonProcess &) = delete;
    DaemonProcess &operator=(const DaemonProcess &) = delete;

    // Arguments after --data-dir/--listen, e.g. {"--database", "mysql://..."}.
    void setExtraArgs(const QStringList &args) { m_extraArgs = args; }
    // A program the daemon runs under, e.g. {"valgrind", "--error-exitcode=99"}.
    void setLauncher(const QStringList &launcher) { m_launcher = launcher; }
    void setEnv(const QString &name, const QString &value) { m_env.insert(name, value); }
    void unsetEnv(const QString &name) { m_env.remove(name); }
    void setGeneratedAdminPassword(bool generated) { m_generatedPassword = generated; }
    void setStartTimeout(int ms) { m_startTimeoutMs = ms; }
    // For a daemon started with TLS: baseUrl() becomes https:// and the start-up health check
    // trusts the CA certificate(s) in this PEM file.
    void setTlsCaFile(const QString &caPemFile) { m_tlsCaFile = caPemFile; }
    QList<QSslCertificate> tlsCaCertificates() const;

    // Starts the daemon and waits for /health (20 s by default). On failure the message holds
    // the daemon's output.
    bool start(QString *error = nullptr);
    // Stops (SIGTERM, then SIGKILL after timeoutMs) and starts again on the same data dir and,
    // when it is still free, the same port.
    bool restart(QString *error = nullptr);
    void kill9();
    // SIGTERM and wait; true if it exited within the timeout.
    bool terminate(int timeoutMs = 10000);
    bool isRunning() const;
    qint64 pid() const;
    int exitCode() const;
    bool crashed() const; // it ended on a signal: a crash, as the daemon handles SIGTERM itself

    QString baseUrl() const; // "http://127.0.0.1:PORT" (https with setTlsCaFile())
    quint16 port() const { return m_port; }
    QString dataDir() const;
    QString logFile() const;
    QString log() const; // the daemon's stdout and stderr so far
    QString adminEmail() const { return m_adminEmail; }
    QString adminPassword() const;

private:
    bool launch(QString *error);
    bool waitHealthy(QString *error);

    std::unique_ptr<QTemporaryDir> m_root;
    std::unique_ptr<QProcess> m_process;
    QStringList m_extraArgs;
    QStringList m_launcher;
    QString m_tlsCaFile;
    QProcessEnvironment m_env;
    bool m_generatedPassword = false;
    int m_startTimeoutMs = 20000;
    quint16 m_port = 0;
    QString m_adminEmail;
    QString m_adminPassword;
};
