// SPDX-License-Identifier: GPL-3.0-or-later
// TlsServerSocket in-process over loopback: the bytes waiting for a slow TLS reader are counted
// whole (plaintext queue + encrypted queue), so write-side backpressure sees them; and the
// readiness gate holds request bytes back until the handshake is done.
#include "http/TlsCredentials.h"
#include "http/TlsServerSocket.h"

#include "TestCertificates.h"

#include <QElapsedTimer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

namespace {

// Accepts one connection as a TlsServerSocket.
class OneTlsServer : public QTcpServer
{
public:
    explicit OneTlsServer(QSslConfiguration configuration)
        : m_configuration(std::move(configuration))
    {
    }
    TlsServerSocket *socket = nullptr;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *s = new TlsServerSocket(m_configuration, 30000, this);
        if (s->setSocketDescriptor(descriptor))
            socket = s;
        else
            delete s;
    }

private:
    QSslConfiguration m_configuration;
};

template <typename Predicate> bool waitUntil(Predicate predicate, int timeoutMs = 30000)
{
    QElapsedTimer timer;
    timer.start();
    while (!predicate()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return true;
}

} // namespace

class TestTlsServerSocket final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QSslConfiguration m_server;
    QList<QSslCertificate> m_cas;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        TestCertificates certs(m_dir.path());
        QString error;
        QVERIFY2(certs.makeCa(&error), qPrintable(error));
        QVERIFY2(certs.makeServer(QStringLiteral("server"), &error), qPrintable(error));
        const auto loaded = TlsCredentials::load(certs.certFile(QStringLiteral("server")),
                                                 certs.keyFile(QStringLiteral("server")), &error);
        QVERIFY2(loaded, qPrintable(error));
        m_server = loaded->configuration;
        m_cas = QSslCertificate::fromPath(certs.caFile());
    }

    void gateOpensAfterTheHandshake()
    {
        OneTlsServer server(m_server);
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QSslSocket client;
        QSslConfiguration c = QSslConfiguration::defaultConfiguration();
        c.addCaCertificates(m_cas);
        client.setSslConfiguration(c);
        // Connected, no handshake yet: not ready for HTTP (a plain socket always is).
        client.connectToHost(QStringLiteral("127.0.0.1"), server.serverPort());
        QVERIFY(waitUntil([&] {
            return server.socket != nullptr && client.state() == QAbstractSocket::ConnectedState;
        }));
        QCoreApplication::processEvents(QEventLoop::AllEvents, 100);
        QVERIFY(!TlsServerSocket::isReadyForHttp(server.socket));
        QTcpSocket plain;
        QVERIFY(TlsServerSocket::isReadyForHttp(&plain));
        client.startClientEncryption();
        QVERIFY(waitUntil([&] { return client.isEncrypted() && server.socket->isEncrypted(); }));
        QVERIFY(TlsServerSocket::isReadyForHttp(server.socket));
        QCOMPARE(server.socket->sessionProtocol() == QSsl::TlsV1_3 ||
                     server.socket->sessionProtocol() == QSsl::TlsV1_2,
                 true);

        client.write("GET / HTTP/1.1\r\n\r\n");
        QVERIFY(waitUntil([&] { return server.socket->bytesAvailable() >= 18; }));
        QCOMPARE(server.socket->readAll(), QByteArray("GET / HTTP/1.1\r\n\r\n"));
    }

    void pendingBytesCountTheEncryptedQueue()
    {
        OneTlsServer server(m_server);
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QSslSocket client;
        QSslConfiguration c = QSslConfiguration::defaultConfiguration();
        c.addCaCertificates(m_cas);
        client.setSslConfiguration(c);
        // The client reads nothing: its buffer stays small, the kernel buffers fill up.
        client.setReadBufferSize(64 * 1024);
        client.connectToHostEncrypted(QStringLiteral("127.0.0.1"), server.serverPort());
        QVERIFY(waitUntil(
            [&] { return client.isEncrypted() && server.socket && server.socket->isEncrypted(); }));

        const qint64 total = 32LL * 1024 * 1024;
        const QByteArray block(64 * 1024, 'x');
        for (qint64 written = 0; written < total; written += block.size())
            server.socket->write(block);
        // Let the socket encrypt what it can: the plaintext queue drains into the encrypted
        // one, which cannot drain to a reader that does not read.
        QVERIFY(waitUntil([&] { return server.socket->bytesToWrite() == 0; }));
        QCoreApplication::processEvents(QEventLoop::AllEvents, 200);
        const qint64 plainQueue = server.socket->bytesToWrite();
        const qint64 pending = TlsServerSocket::pendingBytes(server.socket);
        QCOMPARE(plainQueue, 0);
        // Loopback buffers hold a few MB at most; nearly everything still waits here.
        QVERIFY2(pending > total / 2, qPrintable(QString::number(pending)));
        QCOMPARE(pending, server.socket->encryptedBytesToWrite());
    }
};

QTEST_GUILESS_MAIN(TestTlsServerSocket)
#include "TestTlsServerSocket.moc"
