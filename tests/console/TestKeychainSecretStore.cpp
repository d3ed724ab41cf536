// SPDX-License-Identifier: GPL-3.0-or-later
// The QtKeychain secret store against the real Secret Service (gnome-keyring on the D-Bus
// session that tests/run.sh provides through tests/support/keyring.sh). Under keyring.sh
// (AICARPOOL_TEST_KEYRING=1) or CI an unavailable keyring fails the test; elsewhere it skips.
#include "api/KeychainSecretStore.h"

#include <QTest>
#include <QUuid>

class TestKeychainSecretStore : public QObject
{
    Q_OBJECT

    static bool mustRun()
    {
        const QString ci = qEnvironmentVariable("CI");
        return qEnvironmentVariable("AICARPOOL_TEST_KEYRING") == QLatin1String("1") ||
               (!ci.isEmpty() && ci != QLatin1String("0") && ci != QLatin1String("false"));
    }

private slots:
    void storesReadsBackAndRemoves()
    {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
            if (mustRun())
                QFAIL("no D-Bus session bus: run under tests/support/keyring.sh");
            QSKIP("no D-Bus session bus (tests/support/keyring.sh provides one)");
        }
        KeychainSecretStore store(QStringLiteral("aicarpool-console-test"));
        const QString key =
            QStringLiteral("refresh-token:test:%1").arg(QUuid::createUuid().toString());
        const QString secret = QUuid::createUuid().toString() + QStringLiteral("-secret");

        bool written = false;
        bool writeOk = false;
        QString error;
        store.write(key, secret, this, [&](bool ok, const QString &e) {
            written = true;
            writeOk = ok;
            error = e;
        });
        // Asynchronous: nothing has completed when write() returns.
        QVERIFY(!written);
        QTRY_VERIFY_WITH_TIMEOUT(written, 30000);
        if (!writeOk) {
            if (mustRun())
                QFAIL(qPrintable(QStringLiteral("the keyring refused the secret: ") + error));
            QSKIP(qPrintable(QStringLiteral("no usable keyring: ") + error));
        }

        bool read = false;
        bool found = false;
        QString value;
        store.read(key, this, [&](bool f, const QString &s, const QString &) {
            read = true;
            found = f;
            value = s;
        });
        QTRY_VERIFY_WITH_TIMEOUT(read, 30000);
        QVERIFY(found);
        QCOMPARE(value, secret);

        bool removed = false;
        store.remove(key, this, [&](bool ok, const QString &) { removed = ok; });
        QTRY_VERIFY_WITH_TIMEOUT(removed, 30000);

        read = false;
        store.read(key, this, [&](bool f, const QString &, const QString &) {
            read = true;
            found = f;
        });
        QTRY_VERIFY_WITH_TIMEOUT(read, 30000);
        QVERIFY(!found);
    }
};

QTEST_MAIN(TestKeychainSecretStore)
#include "TestKeychainSecretStore.moc"
