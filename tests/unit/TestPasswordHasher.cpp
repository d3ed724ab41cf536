// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/PasswordHasher.h"

#include <QElapsedTimer>
#include <QtTest>

class TestPasswordHasher : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip();
    void format();
    void defaultCost();
    void knownAnswer();
    void tamperedOrMalformed_data();
    void tamperedOrMalformed();
    void needsRehash();
};

void TestPasswordHasher::roundTrip()
{
    const QString encoded = PasswordHasher::hash(QStringLiteral("correct horse"), 10);
    QVERIFY(PasswordHasher::verify(QStringLiteral("correct horse"), encoded));
    QVERIFY(!PasswordHasher::verify(QStringLiteral("correct horsf"), encoded));
    QVERIFY(!PasswordHasher::verify(QStringLiteral("correct horse "), encoded));
    QVERIFY(!PasswordHasher::verify(QString(), encoded));

    // Unicode passwords are hashed as UTF-8.
    const QString unicode = QStringLiteral("pässwörd-密码");
    const QString encodedUnicode = PasswordHasher::hash(unicode, 10);
    QVERIFY(PasswordHasher::verify(unicode, encodedUnicode));
    QVERIFY(!PasswordHasher::verify(QStringLiteral("passwort-密码"), encodedUnicode));

    // An empty password still produces a verifiable hash.
    const QString empty = PasswordHasher::hash(QString(), 10);
    QVERIFY(PasswordHasher::verify(QString(), empty));
    QVERIFY(!PasswordHasher::verify(QStringLiteral("x"), empty));
}

void TestPasswordHasher::format()
{
    const QString a = PasswordHasher::hash(QStringLiteral("secret"), 10);
    const QString b = PasswordHasher::hash(QStringLiteral("secret"), 10);
    QVERIFY(a != b); // random salt
    const QStringList parts = a.split(QLatin1Char('$'));
    QCOMPARE(parts.size(), 6);
    QCOMPARE(parts[0], QStringLiteral("scrypt"));
    QCOMPARE(parts[1], QStringLiteral("10"));
    QCOMPARE(parts[2], QStringLiteral("8"));
    QCOMPARE(parts[3], QStringLiteral("1"));
    QCOMPARE(QByteArray::fromBase64(parts[4].toLatin1()).size(), 16);
    QCOMPARE(QByteArray::fromBase64(parts[5].toLatin1()).size(), 32);
    QVERIFY(!a.contains(QLatin1String("secret")));
}

void TestPasswordHasher::defaultCost()
{
    QElapsedTimer timer;
    timer.start();
    const QString encoded = PasswordHasher::hash(QStringLiteral("pw"));
    QVERIFY(encoded.startsWith(QLatin1String("scrypt$15$8$1$")));
    QVERIFY(PasswordHasher::verify(QStringLiteral("pw"), encoded));
    QVERIFY(!PasswordHasher::verify(QStringLiteral("pW"), encoded));
    qInfo("hash + 2 verifications at N=2^15: %lld ms", timer.elapsed());
}

void TestPasswordHasher::knownAnswer()
{
    // RFC 7914 section 12: P="password", S="NaCl", N=1024, r=8, p=16, dkLen=64.
    const QByteArray expected =
        QByteArray::fromHex("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
                            "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640");
    const QString encoded = QStringLiteral("scrypt$10$8$16$%1$%2")
                                .arg(QString::fromLatin1(QByteArray("NaCl").toBase64()),
                                     QString::fromLatin1(expected.toBase64()));
    QVERIFY(PasswordHasher::verify(QStringLiteral("password"), encoded));
    QVERIFY(!PasswordHasher::verify(QStringLiteral("Password"), encoded));
}

void TestPasswordHasher::tamperedOrMalformed_data()
{
    QTest::addColumn<QString>("encoded");
    const QString good = PasswordHasher::hash(QStringLiteral("pw"), 10);
    const QStringList parts = good.split(QLatin1Char('$'));
    auto with = [&](int index, const QString &value) {
        QStringList p = parts;
        p[index] = value;
        return p.join(QLatin1Char('$'));
    };
    QByteArray hash = QByteArray::fromBase64(parts[5].toLatin1());
    hash[0] = char(hash[0] ^ 1);
    QTest::newRow("flipped hash bit") << with(5, QString::fromLatin1(hash.toBase64()));
    QByteArray salt = QByteArray::fromBase64(parts[4].toLatin1());
    salt[3] = char(salt[3] ^ 0x80);
    QTest::newRow("flipped salt bit") << with(4, QString::fromLatin1(salt.toBase64()));
    QTest::newRow("other cost") << with(1, QStringLiteral("11"));
    QTest::newRow("other r") << with(2, QStringLiteral("4"));
    QTest::newRow("huge cost") << with(1, QStringLiteral("40"));
    QTest::newRow("too much memory") << with(1, QStringLiteral("20"));
    QTest::newRow("too much work")
        << with(3, QStringLiteral("16")).replace(QLatin1String("$10$8$"), QLatin1String("$15$8$"));
    QTest::newRow("negative cost") << with(1, QStringLiteral("-1"));
    QTest::newRow("zero p") << with(3, QStringLiteral("0"));
    QTest::newRow("bad base64") << with(5, QStringLiteral("!!!"));
    QTest::newRow("empty hash") << with(5, QString());
    QTest::newRow("wrong scheme") << with(0, QStringLiteral("bcrypt"));
    QTest::newRow("too few parts") << parts.mid(0, 5).join(QLatin1Char('$'));
    QTest::newRow("too many parts") << good + QStringLiteral("$x");
    QTest::newRow("empty") << QString();
    QTest::newRow("plain text") << QStringLiteral("pw");
}

void TestPasswordHasher::tamperedOrMalformed()
{
    QFETCH(QString, encoded);
    QVERIFY(!PasswordHasher::verify(QStringLiteral("pw"), encoded));
}

void TestPasswordHasher::needsRehash()
{
    QVERIFY(PasswordHasher::needsRehash(PasswordHasher::hash(QStringLiteral("pw"), 10)));
    QVERIFY(PasswordHasher::needsRehash(QStringLiteral("garbage")));
}

QTEST_GUILESS_MAIN(TestPasswordHasher)
#include "TestPasswordHasher.moc"
