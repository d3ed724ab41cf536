// SPDX-License-Identifier: GPL-3.0-or-later
// The sign-in dialog against a TLS server with a self-signed certificate: the certificate is
// shown (subject, issuer, validity, SHA-256 fingerprint), nothing is sent until the user trusts
// it, the trust is remembered for that server and fingerprint only, and another certificate on
// the same server is not accepted.
#include "api/ApiClient.h"
#include "api/CertificateTrust.h"
#include "api/MemorySecretStore.h"
#include "dialogs/CertificateDialog.h"
#include "dialogs/SignInDialog.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

// A one-route HTTPS server: POST /api/auth/login answers a session.
class TinyTlsServer : public QObject
{
public:
    bool start(const QSslCertificate &cert, const QSslKey &key)
    {
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificate(cert);
        config.setPrivateKey(key);
        config.setPeerVerifyMode(QSslSocket::VerifyNone);
        m_server.setSslConfiguration(config);
        connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (auto *socket = qobject_cast<QSslSocket *>(m_server.nextPendingConnection())) {
                connect(socket, &QSslSocket::readyRead, socket, [this, socket] {
                    m_buffer[socket] += socket->readAll();
                    const QByteArray &in = m_buffer[socket];
                    const qsizetype end = in.indexOf("\r\n\r\n");
                    if (end < 0)
                        return;
                    const qsizetype at = in.toLower().indexOf("content-length:");
                    const int length =
                        at < 0
                            ? 0
                            : in.mid(at + 15, in.indexOf("\r\n", at) - at - 15).trimmed().toInt();
                    if (in.size() < end + 4 + length)
                        return;
                    ++requests;
                    const QByteArray body =
                        QJsonDocument(
                            QJsonObject{
                                {QStringLiteral("token"), QStringLiteral("access")},
                                {QStringLiteral("refreshToken"), QStringLiteral("refresh")},
                                {QStringLiteral("expiresIn"), 3600},
                                {QStringLiteral("user"),
                                 QJsonObject{
                                     {QStringLiteral("email"), QStringLiteral("admin@tls.test")},
                                     {QStringLiteral("role"), QStringLiteral("admin")}}}})
                            .toJson(QJsonDocument::Compact);
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                  "Content-Length: " +
                                  QByteArray::number(body.size()) + "\r\n\r\n" + body);
                    m_buffer.remove(socket);
                });
                connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        return m_server.listen(QHostAddress::LocalHost);
    }
    quint16 port() const { return m_server.serverPort(); }
    int requests = 0;

private:
    QSslServer m_server;
    QHash<QSslSocket *, QByteArray> m_buffer;
};

bool makeCertificate(const QString &dir, const QString &name, QSslCertificate *cert, QSslKey *key)
{
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                   dir + QLatin1Char('/') + name + QStringLiteral(".key"), QStringLiteral("-out"),
                   dir + QLatin1Char('/') + name + QStringLiteral(".pem"), QStringLiteral("-days"),
                   QStringLiteral("2"), QStringLiteral("-subj"),
                   QStringLiteral("/CN=carpool.test/O=aicarpool tests")});
    if (!openssl.waitForFinished(60000) || openssl.exitCode() != 0)
        return false;
    QFile keyFile(dir + QLatin1Char('/') + name + QStringLiteral(".key"));
    if (!keyFile.open(QIODevice::ReadOnly))
        return false;
    *key = QSslKey(&keyFile, QSsl::Rsa);
    const auto certs =
        QSslCertificate::fromPath(dir + QLatin1Char('/') + name + QStringLiteral(".pem"));
    if (certs.isEmpty() || key->isNull())
        return false;
    *cert = certs.first();
    return true;
}

} // namespace

class TestSignInTls : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QSslCertificate m_cert;
    QSslKey m_key;
    QSslCertificate m_otherCert;
    QSslKey m_otherKey;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        CertificateTrust().forgetAll();
        if (!QSslSocket::supportsSsl())
            QSKIP("no TLS backend");
        QVERIFY2(makeCertificate(m_dir.path(), QStringLiteral("a"), &m_cert, &m_key),
                 "openssl could not make a test certificate");
        QVERIFY(makeCertificate(m_dir.path(), QStringLiteral("b"), &m_otherCert, &m_otherKey));
    }

    void cleanupTestCase() { CertificateTrust().forgetAll(); }

    void showsTheCertificateAndSignsInOnceTrusted()
    {
        TinyTlsServer server;
        QVERIFY(server.start(m_cert, m_key));
        const QString url = QStringLiteral("https://127.0.0.1:%1").arg(server.port());
        ApiClient api;
        MemorySecretStore secrets;
        SignInDialog dialog(&api, &secrets);
        QSignalSpy shown(&dialog, &SignInDialog::certificateShown);
        dialog.setServer(url);
        dialog.setEmail(QStringLiteral("admin@tls.test"));
        dialog.setPassword(QStringLiteral("password-1234"));
        dialog.show();
        dialog.signIn();
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 20000);
        QCOMPARE(shown.at(0).at(0).value<QSslCertificate>(), m_cert);
        QCOMPARE(server.requests, 0); // nothing was sent over the untrusted connection
        QVERIFY(!api.isSignedIn());

        auto *certDialog = dialog.findChild<CertificateDialog *>();
        QVERIFY(certDialog);
        const QString details =
            certDialog->findChild<QLabel *>(QStringLiteral("certificateDetails"))->text();
        QVERIFY(details.contains(QLatin1String("carpool.test")));
        QVERIFY(details.contains(CertificateTrust::fingerprint(m_cert)));
        certDialog->findChild<QPushButton *>(QStringLiteral("trustButton"))->click();

        QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 20000);
        QVERIFY(api.isSignedIn());
        QCOMPARE(server.requests, 1);
        QVERIFY(api.trust()->isTrusted(QUrl(url), m_cert));
        QVERIFY(!api.trust()->isTrusted(QUrl(url), m_otherCert));
    }

    void anotherCertificateOnTheSameServerIsNotAccepted()
    {
        // The trust from the previous test is for m_cert on its port; a server with another
        // certificate is refused, and nothing reaches it.
        TinyTlsServer server;
        QVERIFY(server.start(m_otherCert, m_otherKey));
        const QUrl url(QStringLiteral("https://127.0.0.1:%1").arg(server.port()));
        trustFirstCertificate(url);
        ApiClient api;
        api.setServerUrl(url);
        QSignalSpy untrusted(&api, &ApiClient::untrustedCertificate);
        ApiResult result;
        bool done = false;
        api.signIn(QStringLiteral("admin@tls.test"), QStringLiteral("password-1234"), &api,
                   [&](const ApiResult &r) {
                       result = r;
                       done = true;
                   });
        QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
        QCOMPARE(result.status, 0);
        QCOMPARE(result.errorType, QStringLiteral("network_error"));
        QCOMPARE(untrusted.count(), 1);
        QCOMPARE(server.requests, 0);
    }

private:
    // Trust m_cert (not the one this server presents) for the server's URL.
    void trustFirstCertificate(const QUrl &url) { CertificateTrust().trust(url, m_cert); }
};

QTEST_MAIN(TestSignInTls)
#include "TestSignInTls.moc"
