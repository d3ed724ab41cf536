// SPDX-License-Identifier: GPL-3.0-or-later
// The real daemon with TLS on its port (and on admin_listen), certificates from a throwaway CA
// made with the openssl command line: trusted HTTPS works (Qt and curl), TLS 1.0/1.1 and plain
// HTTP are refused cleanly, SIGHUP switches certificates without dropping an open stream, a
// broken file on SIGHUP keeps the old certificate. And admin_listen without TLS: the admin API
// and /metrics only on the admin port.
#include "DaemonProcess.h"
#include "MockUpstreamProcess.h"
#include "TestCertificates.h"
#include "TestEnv.h"
#include "TestHttpClient.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <csignal>

namespace {

struct CommandResult
{
    int exitCode = -1;
    QByteArray out; // stdout and stderr
};

CommandResult run(const QString &program, const QStringList &args, const QByteArray &input = {})
{
    CommandResult r;
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForStarted(10000))
        return r;
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAll();
    return r;
}

bool copyFile(const QString &from, const QString &to)
{
    QFile in(from);
    QFile out(to);
    if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    const QByteArray data = in.readAll();
    if (to.endsWith(QLatin1String(".key")))
        out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return out.write(data) == data.size();
}

QSslCertificate certificateIn(const QString &pemFile)
{
    return QSslCertificate::fromPath(pemFile).value(0);
}

// An HTTPS client on a raw QSslSocket, so each call is a new connection (QNetworkAccessManager
// would reuse one) and the peer certificate of that connection is at hand.
class TlsConnection
{
public:
    explicit TlsConnection(const QList<QSslCertificate> &cas)
    {
        QSslConfiguration c = QSslConfiguration::defaultConfiguration();
        c.addCaCertificates(cas);
        m_socket.setSslConfiguration(c);
    }

    bool connect(quint16 port, QString *error)
    {
        m_socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
        if (!m_socket.waitForEncrypted(15000)) {
            *error = m_socket.errorString();
            return false;
        }
        return true;
    }

    QSslCertificate peer() const { return m_socket.peerCertificate(); }
    QSsl::SslProtocol protocol() const { return m_socket.sessionProtocol(); }
    QSslSocket &socket() { return m_socket; }

    void send(const QByteArray &data)
    {
        m_socket.write(data);
        m_socket.flush();
    }

    // Reads until `until` appears in what arrived, the peer closes, or 30 s pass.
    QByteArray readUntil(const QByteArray &until)
    {
        QElapsedTimer timer;
        timer.start();
        while (!m_in.contains(until) && timer.elapsed() < 30000) {
            if (m_socket.bytesAvailable() == 0 && !m_socket.waitForReadyRead(200) &&
                m_socket.state() != QAbstractSocket::ConnectedState)
                break;
            m_in += m_socket.readAll();
        }
        return m_in;
    }
    QByteArray received() const { return m_in; }

    // GET on a new connection with Connection: close; the whole answer.
    static QByteArray get(quint16 port, const QByteArray &path, const QList<QSslCertificate> &cas,
                          QSslCertificate *peer = nullptr, QString *error = nullptr)
    {
        TlsConnection c(cas);
        QString e;
        if (!c.connect(port, &e)) {
            if (error)
                *error = e;
            return {};
        }
        if (peer)
            *peer = c.peer();
        c.send("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        c.readUntil(QByteArray("\0", 1)); // to the end: the daemon closes after the answer
        return c.received();
    }

private:
    QSslSocket m_socket;
    QByteArray m_in;
};

} // namespace

class TestTls final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<TestCertificates> m_certs;
    std::unique_ptr<MockUpstreamProcess> m_mock;
    std::unique_ptr<DaemonProcess> m_daemon;
    std::unique_ptr<TestHttpClient> m_admin;
    QList<QSslCertificate> m_cas;
    QString m_liveCert;
    QString m_liveKey;
    quint16 m_adminPort = 0;
    QByteArray m_key;

    QString url(quint16 port, const QString &path) const
    {
        return QStringLiteral("https://127.0.0.1:%1%2").arg(port).arg(path);
    }

    // Sends SIGHUP and waits until the daemon logged the outcome `marker` one more time.
    bool reloadAndWaitFor(const QString &marker)
    {
        const int before = int(m_daemon->log().count(marker));
        ::kill(pid_t(m_daemon->pid()), SIGHUP);
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 30000) {
            if (m_daemon->log().count(marker) > before)
                return true;
            QThread::msleep(50);
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_certs = std::make_unique<TestCertificates>(m_dir.path());
        QString error;
        QVERIFY2(m_certs->makeCa(&error), qPrintable(error));
        QVERIFY2(m_certs->makeServer(QStringLiteral("first"), &error), qPrintable(error));
        QVERIFY2(m_certs->makeServer(QStringLiteral("second"), &error), qPrintable(error));
        m_cas = QSslCertificate::fromPath(m_certs->caFile());
        QCOMPARE(m_cas.size(), 1);
        // The daemon reads these two; the tests replace their content.
        m_liveCert = m_dir.filePath(QStringLiteral("live.pem"));
        m_liveKey = m_dir.filePath(QStringLiteral("live.key"));
        QVERIFY(copyFile(m_certs->certFile(QStringLiteral("first")), m_liveCert));
        QVERIFY(copyFile(m_certs->keyFile(QStringLiteral("first")), m_liveKey));

        m_mock = std::make_unique<MockUpstreamProcess>();
        QVERIFY2(m_mock->start(&error), qPrintable(error));
        m_daemon = std::make_unique<DaemonProcess>();
        m_daemon->setTlsCaFile(m_certs->caFile());
        m_adminPort = TestEnv::freePort();
        m_daemon->setEnv(QStringLiteral("AICARPOOL_TLS_CERT_FILE"), m_liveCert);
        m_daemon->setEnv(QStringLiteral("AICARPOOL_TLS_KEY_FILE"), m_liveKey);
        m_daemon->setEnv(QStringLiteral("AICARPOOL_ADMIN_LISTEN"),
                         QStringLiteral("127.0.0.1:%1").arg(m_adminPort));
        m_daemon->setEnv(QStringLiteral("AICARPOOL_REQUEST_TIMEOUT"), QStringLiteral("3"));
        QVERIFY2(m_daemon->start(&error), qPrintable(error));
        QVERIFY(m_daemon->baseUrl().startsWith(QLatin1String("https://")));

        // The admin API is on the admin port, with the same certificate.
        m_admin = std::make_unique<TestHttpClient>(url(m_adminPort, QString()));
        m_admin->setCaCertificates(m_cas);
        QVERIFY2(m_admin->loginAsAdmin(*m_daemon, &error), qPrintable(error));
        auto reply = m_admin->post(
            QStringLiteral("/api/accounts"),
            QJsonObject{{QStringLiteral("name"), QStringLiteral("anthropic-1")},
                        {QStringLiteral("provider"), QStringLiteral("anthropic")},
                        {QStringLiteral("baseUrl"), m_mock->baseUrl()},
                        {QStringLiteral("apiKey"), QStringLiteral("sk-ant-upstream-secret")}});
        QVERIFY2(reply.status == 201, reply.body.constData());
        reply = m_admin->post(QStringLiteral("/api/keys"),
                              QJsonObject{{QStringLiteral("name"), QStringLiteral("tls")}});
        QVERIFY2(reply.status == 201, reply.body.constData());
        m_key = reply.json().value(QLatin1String("key")).toString().toLatin1();
        QVERIFY(!m_key.isEmpty());
    }

    void trustedHttpsWorksWithQtAndCurl()
    {
        // Qt's HTTP client trusting the test CA.
        TestHttpClient client(m_daemon->baseUrl());
        client.setCaCertificates(m_cas);
        auto reply = client.get(QStringLiteral("/health"));
        QVERIFY2(reply.status == 200, qPrintable(reply.error + QString::fromUtf8(reply.body)));
        QCOMPARE(reply.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));

        // The relay over TLS, through to the mock upstream.
        const QByteArray body =
            QJsonDocument(
                QJsonObject{{QStringLiteral("model"), QStringLiteral("claude-sonnet-4-5")},
                            {QStringLiteral("max_tokens"), 64},
                            {QStringLiteral("messages"),
                             QJsonArray{QJsonObject{
                                 {QStringLiteral("role"), QStringLiteral("user")},
                                 {QStringLiteral("content"), QStringLiteral("over tls")}}}}})
                .toJson(QJsonDocument::Compact);
        reply = client.post(QStringLiteral("/v1/messages"), body,
                            {{"x-api-key", m_key}, {"anthropic-version", "2023-06-01"}});
        QVERIFY2(reply.status == 200, reply.body.constData());
        QVERIFY(reply.body.contains("Hello from mock-anthropic: over tls"));

        // A client that does not trust the CA refuses the daemon's certificate.
        TestHttpClient untrusting(m_daemon->baseUrl());
        reply = untrusting.get(QStringLiteral("/health"));
        QCOMPARE(reply.status, 0);
        QVERIFY(!reply.error.isEmpty());

        // A new connection: the certificate, TLS 1.2 or later.
        QSslCertificate peer;
        QString error;
        const QByteArray raw =
            TlsConnection::get(m_daemon->port(), "/health/live", m_cas, &peer, &error);
        QVERIFY2(raw.startsWith("HTTP/1.1 200"), qPrintable(error + QString::fromUtf8(raw)));
        QCOMPARE(peer, certificateIn(m_certs->certFile(QStringLiteral("first"))));

        // curl with --cacert, by IP address and by name.
        for (const QString &host : {QStringLiteral("127.0.0.1"), QStringLiteral("localhost")}) {
            const auto r =
                run(QStringLiteral("curl"),
                    {QStringLiteral("-sS"), QStringLiteral("--cacert"), m_certs->caFile(),
                     QStringLiteral("-w"), QStringLiteral("\n%{http_code} %{ssl_verify_result}"),
                     QStringLiteral("https://%1:%2/health").arg(host).arg(m_daemon->port())});
            QVERIFY2(r.exitCode == 0,
                     qPrintable(QString::fromUtf8(r.out) + m_daemon->log().right(5000)));
            QVERIFY2(r.out.endsWith("\n200 0"), r.out.constData());
        }
        // curl without the CA: certificate refused (exit 60).
        const auto r =
            run(QStringLiteral("curl"), {QStringLiteral("-sS"), url(m_daemon->port(), "/health")});
        QVERIFY2(r.exitCode == 60,
                 qPrintable(QString::fromUtf8(r.out) + m_daemon->log().right(5000)));
    }

    void oldProtocolVersionsAreRefused()
    {
        // curl limited to TLS 1.1: the daemon answers with a protocol_version alert.
        auto r = run(QStringLiteral("curl"),
                     {QStringLiteral("-sS"), QStringLiteral("--cacert"), m_certs->caFile(),
                      QStringLiteral("--tlsv1"), QStringLiteral("--tls-max"), QStringLiteral("1.1"),
                      url(m_daemon->port(), "/health")});
        QVERIFY2(r.exitCode == 35, r.out.constData());
        QVERIFY(!r.out.contains("\"status\""));

        // openssl offering only TLS 1.0 / 1.1 (its own security level lowered so that the offer
        // is really made): the refusal comes from the server.
        for (const QString &version : {QStringLiteral("-tls1"), QStringLiteral("-tls1_1")}) {
            r = run(QStringLiteral("openssl"),
                    {QStringLiteral("s_client"), QStringLiteral("-connect"),
                     QStringLiteral("127.0.0.1:%1").arg(m_daemon->port()), version,
                     QStringLiteral("-cipher"), QStringLiteral("DEFAULT@SECLEVEL=0")},
                    "\n");
            QVERIFY2(r.exitCode != 0, r.out.constData());
            QVERIFY2(r.out.contains("alert protocol version"), r.out.constData());
        }

        // TLS 1.2 exactly is fine, with an ECDHE AEAD suite.
        r = run(QStringLiteral("curl"),
                {QStringLiteral("-sS"), QStringLiteral("--cacert"), m_certs->caFile(),
                 QStringLiteral("--tlsv1.2"), QStringLiteral("--tls-max"), QStringLiteral("1.2"),
                 QStringLiteral("-w"), QStringLiteral("\n%{http_code}"),
                 url(m_daemon->port(), "/health/live")});
        QVERIFY2(r.exitCode == 0 && r.out.endsWith("\n200"), r.out.constData());
        // A TLS 1.2 client offering only CBC suites without forward secrecy is refused.
        r = run(QStringLiteral("openssl"),
                {QStringLiteral("s_client"), QStringLiteral("-connect"),
                 QStringLiteral("127.0.0.1:%1").arg(m_daemon->port()), QStringLiteral("-tls1_2"),
                 QStringLiteral("-cipher"), QStringLiteral("AES128-SHA:AES256-SHA")},
                "\n");
        QVERIFY2(r.exitCode != 0 && r.out.contains("alert handshake failure"), r.out.constData());
    }

    void plainHttpFailsCleanlyAndServingGoesOn()
    {
        // Plain HTTP: a short plain 400 that says to use https, then the connection closes.
        QTcpSocket plain;
        plain.connectToHost(QStringLiteral("127.0.0.1"), m_daemon->port());
        QVERIFY(plain.waitForConnected(5000));
        plain.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QByteArray answer;
        QElapsedTimer timer;
        timer.start();
        while (plain.state() == QAbstractSocket::ConnectedState && timer.elapsed() < 30000) {
            plain.waitForReadyRead(200);
            answer += plain.readAll();
        }
        answer += plain.readAll();
        QVERIFY2(plain.state() != QAbstractSocket::ConnectedState, "the daemon kept it open");
        QVERIFY2(answer.startsWith("HTTP/1.1 400 Bad Request\r\n"), answer.constData());
        QVERIFY(answer.contains("Connection: close"));
        QVERIFY(answer.contains("https://"));

        // curl with an http:// URL sees the same.
        auto r = run(QStringLiteral("curl"),
                     {QStringLiteral("-sS"), QStringLiteral("-w"), QStringLiteral("\n%{http_code}"),
                      QStringLiteral("http://127.0.0.1:%1/health").arg(m_daemon->port())});
        QVERIFY2(r.exitCode == 0 && r.out.endsWith("\n400"), r.out.constData());
        QVERIFY(r.out.contains("speaks HTTPS only"));

        // Bytes that are neither TLS nor HTTP: the connection is closed.
        QTcpSocket junk;
        junk.connectToHost(QStringLiteral("127.0.0.1"), m_daemon->port());
        QVERIFY(junk.waitForConnected(5000));
        junk.write(QByteArray("\x00\x01\x02\x03\r\n\r\n", 8));
        QVERIFY(junk.state() == QAbstractSocket::UnconnectedState ||
                junk.waitForDisconnected(30000));
        QVERIFY(junk.readAll().isEmpty());

        // A client that connects and never says anything: closed after request_timeout (3 s).
        QTcpSocket silent;
        silent.connectToHost(QStringLiteral("127.0.0.1"), m_daemon->port());
        QVERIFY(silent.waitForConnected(5000));
        QVERIFY(silent.waitForDisconnected(30000));

        // A TLS client that stops in the middle of its handshake: closed as well.
        QTcpSocket stalled;
        stalled.connectToHost(QStringLiteral("127.0.0.1"), m_daemon->port());
        QVERIFY(stalled.waitForConnected(5000));
        stalled.write(QByteArray("\x16\x03\x01\x00\xff\x01", 6)); // a ClientHello, cut short
        QVERIFY(stalled.waitForDisconnected(30000));

        // The next HTTPS request works.
        QString error;
        const QByteArray raw =
            TlsConnection::get(m_daemon->port(), "/health", m_cas, nullptr, &error);
        QVERIFY2(raw.startsWith("HTTP/1.1 200"), qPrintable(error + QString::fromUtf8(raw)));
        QVERIFY(m_daemon->isRunning());
    }

    void adminApiOnlyOnTheAdminPort()
    {
        QString error;
        // Main port: relay and health; admin paths are unknown there.
        QByteArray raw = TlsConnection::get(m_daemon->port(), "/api/auth/me", m_cas);
        QVERIFY2(raw.startsWith("HTTP/1.1 404"), raw.constData());
        raw = TlsConnection::get(m_daemon->port(), "/metrics", m_cas);
        QVERIFY2(raw.startsWith("HTTP/1.1 404"), raw.constData());
        raw = TlsConnection::get(m_daemon->port(), "/v1/models", m_cas);
        QVERIFY2(raw.startsWith("HTTP/1.1 401"), raw.constData()); // a relay route: key needed
        // Admin port: admin API, metrics and health over TLS with the same certificate.
        QSslCertificate peer;
        raw = TlsConnection::get(m_adminPort, "/metrics", m_cas, &peer, &error);
        QVERIFY2(raw.startsWith("HTTP/1.1 200"), qPrintable(error + QString::fromUtf8(raw)));
        QVERIFY(raw.contains("aicarpool_http_connections"));
        const QByteArray expiry =
            "aicarpool_tls_certificate_expiry_timestamp_seconds " +
            QByteArray::number(certificateIn(m_liveCert).expiryDate().toSecsSinceEpoch());
        QVERIFY2(raw.contains(expiry), raw.constData());
        QCOMPARE(peer, certificateIn(m_liveCert));
        raw = TlsConnection::get(m_adminPort, "/health", m_cas);
        QVERIFY2(raw.startsWith("HTTP/1.1 200"), raw.constData());
        raw = TlsConnection::get(m_adminPort, "/v1/models", m_cas);
        QVERIFY2(raw.startsWith("HTTP/1.1 404"), raw.constData());
        QVERIFY(m_admin->get(QStringLiteral("/api/auth/me")).status == 200);
    }

    void reloadSwitchesCertificateWithoutDroppingAStream()
    {
        const QSslCertificate first = certificateIn(m_certs->certFile(QStringLiteral("first")));
        const QSslCertificate second = certificateIn(m_certs->certFile(QStringLiteral("second")));
        QVERIFY(first != second);
        QVERIFY(first.digest(QCryptographicHash::Sha256) !=
                second.digest(QCryptographicHash::Sha256));

        // A long streaming relay call (40 events, 250 ms apart) on a TLS connection.
        TlsConnection stream(m_cas);
        QString error;
        QVERIFY2(stream.connect(m_daemon->port(), &error), qPrintable(error));
        QCOMPARE(stream.peer(), first);
        const QByteArray body =
            QJsonDocument(
                QJsonObject{
                    {QStringLiteral("model"), QStringLiteral("claude-sonnet-4-5")},
                    {QStringLiteral("max_tokens"), 256},
                    {QStringLiteral("stream"), true},
                    {QStringLiteral("messages"),
                     QJsonArray{QJsonObject{
                         {QStringLiteral("role"), QStringLiteral("user")},
                         {QStringLiteral("content"),
                          QStringLiteral("a long answer mock:chunks=40 mock:interval=250")}}}}})
                .toJson(QJsonDocument::Compact);
        stream.send("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: " + m_key +
                    "\r\nanthropic-version: 2023-06-01\r\nContent-Type: application/json\r\n"
                    "Content-Length: " +
                    QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QVERIFY2(stream.readUntil("content_block_delta").contains("content_block_delta"),
                 stream.received().constData());
        QVERIFY(stream.received().startsWith("HTTP/1.1 200"));

        // New certificate and key in place, then SIGHUP (what systemctl reload sends).
        QVERIFY(copyFile(m_certs->certFile(QStringLiteral("second")), m_liveCert));
        QVERIFY(copyFile(m_certs->keyFile(QStringLiteral("second")), m_liveKey));
        QVERIFY2(reloadAndWaitFor(QStringLiteral("TLS certificate reloaded")),
                 qPrintable(m_daemon->log().right(2000)));
        QVERIFY(m_daemon->log().contains(QString::fromLatin1(second.serialNumber().toUpper())));

        // A new connection gets the new certificate, on both ports ...
        QSslCertificate peer;
        QByteArray raw = TlsConnection::get(m_daemon->port(), "/health/live", m_cas, &peer, &error);
        QVERIFY2(raw.startsWith("HTTP/1.1 200"), qPrintable(error));
        QCOMPARE(peer, second);
        raw = TlsConnection::get(m_adminPort, "/health/live", m_cas, &peer, &error);
        QVERIFY2(raw.startsWith("HTTP/1.1 200"), qPrintable(error));
        QCOMPARE(peer, second);
        // ... while the stream, still running, carries on with the old one to its end.
        QVERIFY2(!stream.received().contains("message_stop"),
                 "the stream ended before the reload was checked; it proves nothing");
        const QByteArray all = stream.readUntil("\r\n0\r\n\r\n");
        QVERIFY2(all.contains("message_stop") && all.endsWith("\r\n0\r\n\r\n"),
                 all.right(500).constData());
        QCOMPARE(stream.peer(), first);
        QCOMPARE(stream.socket().state(), QAbstractSocket::ConnectedState);
    }

    void brokenFileOnReloadKeepsTheCurrentCertificate()
    {
        const QSslCertificate current = certificateIn(m_liveCert);
        QFile key(m_liveKey);
        QVERIFY(key.open(QIODevice::ReadOnly));
        const QList<QByteArray> keyLines = key.readAll().split('\n');
        key.close();

        // A half-written certificate file.
        QFile cert(m_liveCert);
        QVERIFY(cert.open(QIODevice::WriteOnly | QIODevice::Truncate));
        cert.write("-----BEGIN CERTIFICATE-----\nMIIB\n");
        cert.close();
        QVERIFY2(reloadAndWaitFor(QStringLiteral("TLS reload failed")),
                 qPrintable(m_daemon->log().right(2000)));
        QVERIFY(m_daemon->log().contains(QStringLiteral("keeping the current certificate")));

        // A key that does not belong to the (restored) certificate.
        QVERIFY(copyFile(m_certs->certFile(QStringLiteral("second")), m_liveCert));
        QVERIFY(copyFile(m_certs->keyFile(QStringLiteral("first")), m_liveKey));
        QVERIFY2(reloadAndWaitFor(QStringLiteral("TLS reload failed")),
                 qPrintable(m_daemon->log().right(2000)));
        QVERIFY(m_daemon->log().contains(QStringLiteral("does not belong to the certificate")));

        QSslCertificate peer;
        QString error;
        const QByteArray raw =
            TlsConnection::get(m_daemon->port(), "/health", m_cas, &peer, &error);
        QVERIFY2(raw.startsWith("HTTP/1.1 200"), qPrintable(error));
        QCOMPARE(peer, current);

        // No key material in the log.
        const QString log = m_daemon->log();
        for (const QByteArray &line : keyLines) {
            if (!line.startsWith("-----") && line.size() > 16)
                QVERIFY(!log.contains(QString::fromLatin1(line)));
        }
    }

    void adminListenWithoutTls()
    {
        DaemonProcess daemon;
        const quint16 adminPort = TestEnv::freePort();
        daemon.setExtraArgs(
            {QStringLiteral("--admin-listen"), QStringLiteral("127.0.0.1:%1").arg(adminPort)});
        QString error;
        QVERIFY2(daemon.start(&error), qPrintable(error));
        QVERIFY(daemon.log().contains(QStringLiteral("admin API and /metrics on http://")));

        TestHttpClient main(daemon.baseUrl());
        TestHttpClient admin(QStringLiteral("http://127.0.0.1:%1").arg(adminPort));
        const QJsonObject login{{QStringLiteral("email"), daemon.adminEmail()},
                                {QStringLiteral("password"), daemon.adminPassword()}};
        auto r = main.post(QStringLiteral("/api/auth/login"), login);
        QCOMPARE(r.status, 404);
        QCOMPARE(r.value(QStringLiteral("error.type")).toString(), QStringLiteral("not_found"));
        QCOMPARE(main.get(QStringLiteral("/metrics")).status, 404);
        QCOMPARE(main.get(QStringLiteral("/api/keys")).status, 404);
        QCOMPARE(main.get(QStringLiteral("/health")).status, 200);
        QCOMPARE(main.get(QStringLiteral("/health/live")).status, 200);
        // Relay routes, /api/chat/completions among them, stay on the main port.
        QCOMPARE(main.get(QStringLiteral("/v1/models")).status, 401);
        QCOMPARE(main.post(QStringLiteral("/api/chat/completions"), QJsonObject()).status, 401);

        QVERIFY2(admin.loginAsAdmin(daemon.adminEmail(), daemon.adminPassword(), &error),
                 qPrintable(error));
        QCOMPARE(admin.get(QStringLiteral("/api/keys")).status, 200);
        QCOMPARE(admin.get(QStringLiteral("/metrics")).status, 200);
        QCOMPARE(admin.get(QStringLiteral("/health")).status, 200);
        QCOMPARE(admin.get(QStringLiteral("/v1/models")).status, 404);
        QCOMPARE(admin.post(QStringLiteral("/api/chat/completions"), QJsonObject()).status, 404);

        // SIGHUP (systemctl reload) without TLS: logged, and the daemon goes on serving (the
        // default action of SIGHUP would end the process).
        ::kill(pid_t(daemon.pid()), SIGHUP);
        QElapsedTimer timer;
        timer.start();
        while (!daemon.log().contains(QLatin1String("nothing to reload")) &&
               timer.elapsed() < 30000)
            QThread::msleep(50);
        QVERIFY2(daemon.log().contains(QLatin1String("nothing to reload")),
                 qPrintable(daemon.log()));
        QVERIFY(daemon.isRunning());
        QCOMPARE(main.get(QStringLiteral("/health")).status, 200);
    }

    void badCertificateStopsTheStart()
    {
        DaemonProcess daemon;
        daemon.setTlsCaFile(m_certs->caFile());
        daemon.setEnv(QStringLiteral("AICARPOOL_TLS_CERT_FILE"),
                      m_certs->certFile(QStringLiteral("first")));
        daemon.setEnv(QStringLiteral("AICARPOOL_TLS_KEY_FILE"),
                      m_certs->keyFile(QStringLiteral("second")));
        daemon.setStartTimeout(10000);
        QString error;
        QVERIFY(!daemon.start(&error));
        QCOMPARE(daemon.exitCode(), 1);
        QVERIFY2(error.contains(QStringLiteral("tls_key_file \"%1\" does not belong")
                                    .arg(m_certs->keyFile(QStringLiteral("second")))),
                 qPrintable(error));
    }

    void cleanupTestCase()
    {
        if (m_daemon)
            QVERIFY(m_daemon->terminate());
    }
};

QTEST_GUILESS_MAIN(TestTls)
#include "TestTls.moc"
