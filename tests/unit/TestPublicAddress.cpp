// SPDX-License-Identifier: GPL-3.0-or-later
// Which addresses an enterprise's alert channel may connect to.
#include "alerts/PublicAddress.h"

#include <QtTest>

class TestPublicAddress : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void addresses_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<bool>("isPublic");
        QTest::newRow("public v4") << "93.184.216.34" << true;
        QTest::newRow("public v4 next to 172.16/12") << "172.32.0.1" << true;
        QTest::newRow("public v4 next to 100.64/10") << "100.128.0.1" << true;
        QTest::newRow("loopback") << "127.0.0.1" << false;
        QTest::newRow("loopback range") << "127.8.9.10" << false;
        QTest::newRow("unspecified") << "0.0.0.0" << false;
        QTest::newRow("10/8") << "10.1.2.3" << false;
        QTest::newRow("172.16/12") << "172.31.255.254" << false;
        QTest::newRow("192.168/16") << "192.168.1.1" << false;
        QTest::newRow("100.64/10") << "100.100.100.100" << false;
        QTest::newRow("metadata") << "169.254.169.254" << false;
        QTest::newRow("multicast v4") << "224.0.0.1" << false;
        QTest::newRow("broadcast") << "255.255.255.255" << false;
        QTest::newRow("public v6") << "2606:2800:220:1:248:1893:25c8:1946" << true;
        QTest::newRow("loopback v6") << "::1" << false;
        QTest::newRow("unspecified v6") << "::" << false;
        QTest::newRow("link-local v6") << "fe80::1" << false;
        QTest::newRow("unique local v6") << "fd00::1" << false;
        QTest::newRow("multicast v6") << "ff02::1" << false;
        QTest::newRow("mapped loopback") << "::ffff:127.0.0.1" << false;
        QTest::newRow("mapped metadata") << "::ffff:169.254.169.254" << false;
        QTest::newRow("mapped public") << "::ffff:93.184.216.34" << true;
    }

    void addresses()
    {
        QFETCH(QString, address);
        QFETCH(bool, isPublic);
        const QHostAddress a(address);
        QVERIFY2(!a.isNull(), qPrintable(address));
        QCOMPARE(PublicAddress::isPublic(a), isPublic);
    }

    void nullIsNotPublic() { QCOMPARE(PublicAddress::isPublic(QHostAddress()), false); }
};

QTEST_GUILESS_MAIN(TestPublicAddress)
#include "TestPublicAddress.moc"
