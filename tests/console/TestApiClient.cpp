// SPDX-License-Identifier: GPL-3.0-or-later
// The console's API client against a real daemon: busy state, cancellation with the context,
// readable errors, transparent refresh and an expired session.
#include "ConsoleFixture.h"
#include "TestEnv.h"

#include "api/ApiClient.h"
#include "api/CertificateTrust.h"

#include <QSignalSpy>
#include <QTest>

class TestApiClient : public QObject
{
    Q_OBJECT
    ConsoleFixture m_f;

    // Runs one call and waits for its result.
    ApiResult call(ApiClient &api, const QString &path, QObject *context = nullptr)
    {
        ApiResult out;
        bool done = false;
        api.get(path, {}, context ? context : &api, [&](const ApiResult &r) {
            out = r;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 20000))
            out.errorType = QStringLiteral("test_timeout");
        return out;
    }

    bool signIn(ApiClient &api, const QString &password = QString())
    {
        api.setServerUrl(QUrl(m_f.url()));
        ApiResult out;
        bool done = false;
        api.signIn(m_f.daemon().adminEmail(),
                   password.isEmpty() ? m_f.daemon().adminPassword() : password, &api,
                   [&](const ApiResult &r) {
                       out = r;
                       done = true;
                   });
        return QTest::qWaitFor([&] { return done; }, 20000) && out.ok();
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_f.start(&error), qPrintable(error));
    }

    void signsInAndShowsBusyState()
    {
        ApiClient api;
        QSignalSpy busy(&api, &ApiClient::busyChanged);
        QSignalSpy signedIn(&api, &ApiClient::signedIn);
        QVERIFY(signIn(api));
        QCOMPARE(signedIn.count(), 1);
        QVERIFY(api.isSignedIn());
        QCOMPARE(api.currentEmail(), m_f.daemon().adminEmail());
        QCOMPARE(api.currentRole(), QStringLiteral("admin"));
        QVERIFY(!api.refreshToken().isEmpty());
        // busy went on, then off
        QCOMPARE(busy.count(), 2);
        QCOMPARE(busy.at(0).at(0).toBool(), true);
        QCOMPARE(busy.at(1).at(0).toBool(), false);
        QCOMPARE(api.pendingCount(), 0);
        const ApiResult users = call(api, QStringLiteral("/api/users"));
        QVERIFY2(users.ok(), qPrintable(users.errorMessage));
        QVERIFY(users.object().value(QLatin1String("items")).toArray().size() >= 1);
    }

    void errorsAreReadable()
    {
        ApiClient api;
        QVERIFY(!signIn(api, QStringLiteral("wrong-password-123")));
        QVERIFY(!api.isSignedIn());
        QVERIFY(signIn(api));
        const ApiResult missing = call(api, QStringLiteral("/api/accounts/999999"));
        QCOMPARE(missing.status, 404);
        QVERIFY(!missing.errorType.isEmpty());
        QVERIFY(!missing.errorMessage.isEmpty());
        QVERIFY(!missing.errorMessage.contains(QLatin1String("{")));

        ApiClient offline;
        offline.setServerUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(TestEnv::freePort())));
        const ApiResult unreachable = call(offline, QStringLiteral("/api/users"));
        QCOMPARE(unreachable.status, 0);
        QCOMPARE(unreachable.errorType, QStringLiteral("network_error"));
        QVERIFY(!unreachable.errorMessage.isEmpty());
    }

    void closingThePageCancelsItsCalls()
    {
        ApiClient api;
        QVERIFY(signIn(api));
        auto *page = new QObject;
        bool ran = false;
        api.get(QStringLiteral("/api/usage"), {}, page, [&](const ApiResult &) { ran = true; });
        QCOMPARE(api.pendingCount(), 1);
        delete page;
        QTRY_COMPARE_WITH_TIMEOUT(api.pendingCount(), 0, 10000);
        QTest::qWait(200);
        QVERIFY(!ran);
    }

    void refreshesAnExpiredTokenTransparently()
    {
        ApiClient api;
        QVERIFY(signIn(api));
        QSignalSpy expired(&api, &ApiClient::sessionExpired);
        QSignalSpy rotated(&api, &ApiClient::refreshTokenChanged);
        api.setSession(QStringLiteral("not-a-valid-access-token"), api.refreshToken());
        const ApiResult r = call(api, QStringLiteral("/api/users"));
        QVERIFY2(r.ok(), qPrintable(r.errorMessage));
        QCOMPARE(expired.count(), 0);
        QVERIFY(api.isSignedIn());
        QVERIFY(rotated.count() >= 1); // a new refresh token came with the new access token
    }

    void anExpiredSessionIsReported()
    {
        ApiClient api;
        QVERIFY(signIn(api));
        QSignalSpy expired(&api, &ApiClient::sessionExpired);
        api.setSession(QStringLiteral("not-a-valid-access-token"),
                       QStringLiteral("not-a-valid-refresh-token"));
        // Two calls at once: one refresh, one sessionExpired, both calls answered 401.
        int answered = 0;
        int unauthorized = 0;
        for (int i = 0; i < 2; ++i) {
            api.get(QStringLiteral("/api/users"), {}, &api, [&](const ApiResult &r) {
                ++answered;
                unauthorized += r.status == 401 ? 1 : 0;
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(answered, 2, 20000);
        QCOMPARE(unauthorized, 2);
        QCOMPARE(expired.count(), 1);
        QVERIFY(!api.isSignedIn());
    }

    void trustIsPerServerAndFingerprint()
    {
        const QList<QSslCertificate> certs =
            QSslCertificate::fromPath(QStringLiteral("/etc/ssl/certs/*.pem"), QSsl::Pem,
                                      QSslCertificate::PatternSyntax::Wildcard);
        if (certs.size() < 2)
            QSKIP("no system certificates to use as samples");
        CertificateTrust trust(QStringLiteral("testTrustedCertificates"));
        trust.forgetAll();
        const QUrl server(QStringLiteral("https://carpool.example.com:8443"));
        const QUrl other(QStringLiteral("https://other.example.com:8443"));
        QVERIFY(!trust.isTrusted(server, certs[0]));
        trust.trust(server, certs[0]);
        QVERIFY(trust.isTrusted(server, certs[0]));
        QVERIFY(!trust.isTrusted(server, certs[1]));
        QVERIFY(!trust.isTrusted(other, certs[0]));
        const QString print = CertificateTrust::fingerprint(certs[0]);
        QCOMPARE(print.size(), 32 * 3 - 1);
        // Only errors about the trusted certificate are ignored.
        const QList<QSslError> errors{QSslError(QSslError::SelfSignedCertificate, certs[0])};
        QCOMPARE(trust.ignorableErrors(server, certs[0], errors).size(), 1);
        QCOMPARE(trust.ignorableErrors(server, certs[1], errors).size(), 0);
        QCOMPARE(trust.ignorableErrors(other, certs[0], errors).size(), 0);
        trust.forgetAll();
        QVERIFY(!trust.isTrusted(server, certs[0]));
    }
};

QTEST_MAIN(TestApiClient)
#include "TestApiClient.moc"
