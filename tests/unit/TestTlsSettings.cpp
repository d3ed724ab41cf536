// SPDX-License-Identifier: GPL-3.0-or-later
// The TLS and admin_listen settings, certificate/key checking and the route surfaces, without
// sockets. Certificates are made at test time with the openssl command line.
#include "config/DaemonConfig.h"
#include "http/HttpRouter.h"
#include "http/TlsContext.h"
#include "http/TlsCredentials.h"

#include "TestCertificates.h"

#include <QFile>
#include <QSslCipher>
#include <QSslKey>
#include <QTemporaryDir>
#include <QtTest>

namespace {

QProcessEnvironment makeEnv(const QList<QPair<QString, QString>> &vars)
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), QStringLiteral("/home/tester"));
    for (const auto &v : vars)
        env.insert(v.first, v.second);
    return env;
}

QStringList args(const QStringList &rest)
{
    return QStringList{QStringLiteral("aicarpoold")} + rest;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestTlsSettings final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<TestCertificates> m_certs;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    // The key's base64 body lines, to check that no error message quotes them.
    static QStringList keyMaterial(const QString &keyFile)
    {
        QStringList lines;
        for (const QByteArray &line : readFile(keyFile).split('\n')) {
            if (!line.startsWith("-----") && line.size() > 16)
                lines << QString::fromLatin1(line);
        }
        return lines;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_certs = std::make_unique<TestCertificates>(m_dir.path());
        QString error;
        QVERIFY2(m_certs->makeCa(&error), qPrintable(error));
        QVERIFY2(m_certs->makeServer(QStringLiteral("a"), &error), qPrintable(error));
        QVERIFY2(m_certs->makeServer(QStringLiteral("b"), &error), qPrintable(error));
    }

    void configNeedsBothFiles()
    {
        QString error;
        auto c = DaemonConfig::load(args({}), makeEnv({}), &error);
        QVERIFY2(c, qPrintable(error));
        QVERIFY(!c->tlsEnabled());
        QVERIFY(!c->hasAdminListener());

        c = DaemonConfig::load(args({}),
                               makeEnv({{"AICARPOOL_TLS_CERT_FILE", "/etc/x/cert.pem"},
                                        {"AICARPOOL_TLS_KEY_FILE", "/etc/x/key.pem"},
                                        {"AICARPOOL_ADMIN_LISTEN", "127.0.0.1:8788"}}),
                               &error);
        QVERIFY2(c, qPrintable(error));
        QVERIFY(c->tlsEnabled());
        QCOMPARE(c->tlsCertFile, QStringLiteral("/etc/x/cert.pem"));
        QCOMPARE(c->tlsKeyFile, QStringLiteral("/etc/x/key.pem"));
        QCOMPARE(c->adminListenHost, QStringLiteral("127.0.0.1"));
        QCOMPARE(c->adminListenPort, quint16(8788));
        QVERIFY(c->summary().contains(QLatin1String("certificate /etc/x/cert.pem")));

        c = DaemonConfig::load(args({}), makeEnv({{"AICARPOOL_TLS_CERT_FILE", "/etc/x/c.pem"}}),
                               &error);
        QVERIFY(!c);
        QVERIFY2(error.contains(QLatin1String("AICARPOOL_TLS_CERT_FILE")) &&
                     error.contains(QLatin1String("tls_key_file is not")),
                 qPrintable(error));

        QVERIFY(writeFile(path(QStringLiteral("only-key.conf")), "tls_key_file = /k.pem\n"));
        c = DaemonConfig::load(args({"--config", path(QStringLiteral("only-key.conf"))}),
                               makeEnv({}), &error);
        QVERIFY(!c);
        QVERIFY2(error.contains(QLatin1String("only-key.conf:1")) &&
                     error.contains(QLatin1String("tls_cert_file is not")),
                 qPrintable(error));
    }

    void adminListenParsing()
    {
        QString error;
        auto c = DaemonConfig::load(args({"--admin-listen", "[::1]:9000"}), makeEnv({}), &error);
        QVERIFY2(c, qPrintable(error));
        QCOMPARE(c->adminListenHost, QStringLiteral("::1"));
        QCOMPARE(c->adminListenPort, quint16(9000));

        c = DaemonConfig::load(args({"--admin-listen", "localhost"}), makeEnv({}), &error);
        QVERIFY(!c);
        QVERIFY2(error.startsWith(QLatin1String("invalid --admin-listen \"localhost\"")),
                 qPrintable(error));

        c = DaemonConfig::load(args({"--listen", "0.0.0.0:8787"}),
                               makeEnv({{"AICARPOOL_ADMIN_LISTEN", "127.0.0.1:8787"}}), &error);
        QVERIFY(!c);
        QVERIFY2(error.contains(QLatin1String("same port")), qPrintable(error));
    }

    void loadsAValidPair()
    {
        QString error;
        const auto loaded = TlsCredentials::load(m_certs->certFile(QStringLiteral("a")),
                                                 m_certs->keyFile(QStringLiteral("a")), &error);
        QVERIFY2(loaded, qPrintable(error));
        const QSslConfiguration &c = loaded->configuration;
        QCOMPARE(c.protocol(), QSsl::TlsV1_2OrLater);
        QCOMPARE(c.localCertificateChain().size(), 1);
        QVERIFY(!c.privateKey().isNull());
        QVERIFY(loaded->warnings.isEmpty());
        const QSslCertificate cert =
            QSslCertificate::fromPath(m_certs->certFile(QStringLiteral("a"))).value(0);
        QVERIFY(loaded->summary.contains(QString::fromLatin1(cert.serialNumber().toUpper())));
        // Only forward-secret AEAD suites are offered.
        QVERIFY(!c.ciphers().isEmpty());
        for (const QSslCipher &cipher : c.ciphers()) {
            QVERIFY2(TlsCredentials::cipherNames().contains(cipher.name()),
                     qPrintable(cipher.name()));
        }

        // A chain file (leaf + CA) keeps its order.
        const QString chain = path(QStringLiteral("chain.pem"));
        QVERIFY(writeFile(chain, readFile(m_certs->certFile(QStringLiteral("a"))) +
                                     readFile(m_certs->caFile())));
        const auto withChain =
            TlsCredentials::load(chain, m_certs->keyFile(QStringLiteral("a")), &error);
        QVERIFY2(withChain, qPrintable(error));
        QCOMPARE(withChain->configuration.localCertificateChain().size(), 2);
        QCOMPARE(withChain->configuration.localCertificateChain().first(), cert);
    }

    void refusesBadFiles_data()
    {
        QTest::addColumn<QString>("cert");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing cert") << "missing.pem"
                                      << "a.key"
                                      << "tls_cert_file \"%1/missing.pem\": file not found";
        QTest::newRow("missing key") << "a.pem"
                                     << "missing.key"
                                     << "tls_key_file \"%1/missing.key\": file not found";
        QTest::newRow("key as cert") << "a.key"
                                     << "a.key"
                                     << "tls_cert_file \"%1/a.key\": no PEM certificate found";
        QTest::newRow("swapped") << "a.pem"
                                 << "a.pem"
                                 << "tls_key_file \"%1/a.pem\": holds a certificate, not a private "
                                    "key";
        QTest::newRow("mismatch") << "a.pem"
                                  << "b.key"
                                  << "tls_key_file \"%1/b.key\" does not belong to the "
                                     "certificate in tls_cert_file \"%1/a.pem\"";
        QTest::newRow("encrypted key") << "a.pem"
                                       << "encrypted.key"
                                       << "tls_key_file \"%1/encrypted.key\": the key is "
                                          "protected by a passphrase";
        QTest::newRow("garbage key") << "a.pem"
                                     << "garbage.key"
                                     << "tls_key_file \"%1/garbage.key\": no PEM private key";
        QTest::newRow("empty cert") << "empty.pem"
                                    << "a.key"
                                    << "tls_cert_file \"%1/empty.pem\": the file is empty";
        QTest::newRow("truncated cert") << "truncated.pem"
                                        << "a.key"
                                        << "tls_cert_file \"%1/truncated.pem\": ";
        QTest::newRow("directory") << "a.pem"
                                   << "."
                                   << "tls_key_file \"%1\": not a regular file";
        QTest::newRow("huge") << "huge.pem"
                              << "a.key"
                              << "tls_cert_file \"%1/huge.pem\": the file is";
    }

    void refusesBadFiles()
    {
        QFETCH(QString, cert);
        QFETCH(QString, key);
        QFETCH(QString, expected);
        QString error;
        QVERIFY2(m_certs->openssl({QStringLiteral("pkey"), QStringLiteral("-in"),
                                   m_certs->keyFile(QStringLiteral("a")), QStringLiteral("-aes256"),
                                   QStringLiteral("-passout"), QStringLiteral("pass:secret"),
                                   QStringLiteral("-out"), path(QStringLiteral("encrypted.key"))},
                                  &error),
                 qPrintable(error));
        QVERIFY(writeFile(path(QStringLiteral("garbage.key")), "not a key at all\n"));
        QVERIFY(writeFile(path(QStringLiteral("empty.pem")), "\n"));
        const QByteArray pem = readFile(m_certs->certFile(QStringLiteral("a")));
        QVERIFY(writeFile(path(QStringLiteral("truncated.pem")), pem.left(pem.size() / 2)));
        QVERIFY(writeFile(path(QStringLiteral("huge.pem")),
                          QByteArray(TlsCredentials::MaxFileBytes + 10, 'x')));

        const QString certPath = QDir::cleanPath(path(cert));
        const QString keyPath = QDir::cleanPath(path(key));
        const auto loaded = TlsCredentials::load(certPath, keyPath, &error);
        QVERIFY(!loaded);
        const QString want = expected.arg(m_dir.path());
        QVERIFY2(error.startsWith(want), qPrintable(error + QStringLiteral("\nwanted: ") + want));
        QVERIFY(!error.contains(QLatin1Char('\n')));
        for (const QString &line : keyMaterial(m_certs->keyFile(QStringLiteral("a"))))
            QVERIFY(!error.contains(line));
        for (const QString &line : keyMaterial(m_certs->keyFile(QStringLiteral("b"))))
            QVERIFY(!error.contains(line));
    }

    void warnsAboutAWorldReadableKey()
    {
        const QString key = path(QStringLiteral("open.key"));
        QFile::remove(key);
        QVERIFY(QFile::copy(m_certs->keyFile(QStringLiteral("a")), key));
        QVERIFY(QFile::setPermissions(key, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                               QFileDevice::ReadOther));
        QString error;
        const auto loaded =
            TlsCredentials::load(m_certs->certFile(QStringLiteral("a")), key, &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->warnings.size(), 1);
        QVERIFY(loaded->warnings.first().contains(QLatin1String("chmod 600")));
    }

    void contextReloadKeepsTheOldPairOnFailure()
    {
        const QString cert = path(QStringLiteral("live.pem"));
        const QString key = path(QStringLiteral("live.key"));
        QVERIFY(writeFile(cert, readFile(m_certs->certFile(QStringLiteral("a")))));
        QVERIFY(writeFile(key, readFile(m_certs->keyFile(QStringLiteral("a")))));
        QFile::setPermissions(key, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        TlsContext context(cert, key);
        QVERIFY(!context.isLoaded());
        QString error;
        QVERIFY2(context.reload(&error), qPrintable(error));
        const QSslCertificate a =
            QSslCertificate::fromPath(m_certs->certFile(QStringLiteral("a"))).value(0);
        const QSslCertificate b =
            QSslCertificate::fromPath(m_certs->certFile(QStringLiteral("b"))).value(0);
        QCOMPARE(context.configuration().localCertificate(), a);

        // A new certificate without its key: refused, the old pair stays.
        QVERIFY(writeFile(cert, readFile(m_certs->certFile(QStringLiteral("b")))));
        QVERIFY(!context.reload(&error));
        QVERIFY(error.contains(QLatin1String("does not belong")));
        QCOMPARE(context.configuration().localCertificate(), a);

        // Both files replaced: the new pair is used.
        QVERIFY(writeFile(key, readFile(m_certs->keyFile(QStringLiteral("b")))));
        QVERIFY2(context.reload(&error), qPrintable(error));
        QCOMPARE(context.configuration().localCertificate(), b);
        QVERIFY(context.summary().contains(QString::fromLatin1(b.serialNumber().toUpper())));

        // A broken file: the pair in use stays.
        QVERIFY(writeFile(cert, "-----BEGIN CERTIFICATE-----\nbroken\n"));
        QVERIFY(!context.reload(&error));
        QCOMPARE(context.configuration().localCertificate(), b);
    }

    void routerFiltersBySurface()
    {
        int hit = 0;
        const auto tagged = [&hit](int tag) {
            return [&hit, tag](const HttpRequest &, const HttpResponderPtr &) { hit = tag; };
        };
        HttpRouter router;
        router.add("GET", QStringLiteral("/health"), tagged(1));
        router.setDefaultSurface(HttpSurface::Relay);
        router.add("POST", QStringLiteral("/v1/messages"), tagged(2));
        router.add("POST", QStringLiteral("/api/chat/completions"), tagged(3));
        router.setDefaultSurface(HttpSurface::Admin);
        router.add("GET", QStringLiteral("/api/keys"), tagged(4));
        router.add("POST", QStringLiteral("/api/keys"), tagged(5));
        router.add("GET", QStringLiteral("/metrics"), tagged(6), HttpSurface::Admin);

        const auto sees = [&](HttpListenerSurface listener, const QByteArray &method,
                              const QByteArray &p) {
            return router.resolve(method, p, listener).handler != nullptr;
        };
        // One listener: everything.
        for (const auto &[m, p] :
             QList<QPair<QByteArray, QByteArray>>{{"GET", "/health"},
                                                  {"POST", "/v1/messages"},
                                                  {"POST", "/api/chat/completions"},
                                                  {"GET", "/api/keys"},
                                                  {"GET", "/metrics"}})
            QVERIFY2(sees(HttpListenerSurface::All, m, p), p.constData());

        // The relay port: relay routes (an /api/ path among them) and /health.
        QVERIFY(sees(HttpListenerSurface::Relay, "GET", "/health"));
        QVERIFY(sees(HttpListenerSurface::Relay, "POST", "/v1/messages"));
        QVERIFY(sees(HttpListenerSurface::Relay, "POST", "/api/chat/completions"));
        QVERIFY(!sees(HttpListenerSurface::Relay, "GET", "/api/keys"));
        QVERIFY(!sees(HttpListenerSurface::Relay, "GET", "/metrics"));
        // ... and an admin path there is unknown, not "method not allowed".
        const auto r = router.resolve("PUT", "/api/keys", HttpListenerSurface::Relay);
        QVERIFY(!r.handler);
        QVERIFY(r.allowed.isEmpty());

        // The admin port: admin routes and /health, no relay.
        QVERIFY(sees(HttpListenerSurface::Admin, "GET", "/health"));
        QVERIFY(sees(HttpListenerSurface::Admin, "POST", "/api/keys"));
        QVERIFY(sees(HttpListenerSurface::Admin, "GET", "/metrics"));
        QVERIFY(!sees(HttpListenerSurface::Admin, "POST", "/v1/messages"));
        QVERIFY(!sees(HttpListenerSurface::Admin, "POST", "/api/chat/completions"));

        const auto admin = router.resolve("POST", "/api/keys", HttpListenerSurface::Admin);
        QVERIFY(admin.handler);
        (*admin.handler)(HttpRequest(), nullptr);
        QCOMPARE(hit, 5);
    }
};

QTEST_GUILESS_MAIN(TestTlsSettings)
#include "TestTlsSettings.moc"
