// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/SecretBox.h"

#include <QtTest>

class TestSecretBox : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip();
    void format();
    void wrongKey();
    void everyTamperedByteIsRejected();
    void malformed_data();
    void malformed();
    void invalidKey();
};

void TestSecretBox::roundTrip()
{
    const SecretBox box(SecretBox::generateKey());
    QVERIFY(box.isValid());
    const QList<QByteArray> samples = {QByteArray(), QByteArray("x"),
                                       QByteArray("sk-ant-api03-secret-value"),
                                       QByteArray(100000, '\0'), QByteArray("\x00\xff\x10", 3)};
    for (const QByteArray &plain : samples) {
        const QByteArray sealed = box.seal(plain);
        const auto opened = box.open(sealed);
        QVERIFY(opened.has_value());
        QCOMPARE(*opened, plain);
    }
    // A copy of the box opens what the original sealed.
    const SecretBox copy = box;
    QCOMPARE(*copy.open(box.seal("abc")), QByteArray("abc"));
}

void TestSecretBox::format()
{
    const SecretBox box(SecretBox::generateKey());
    const QByteArray plain("account secret");
    const QByteArray a = box.seal(plain);
    const QByteArray b = box.seal(plain);
    QVERIFY(a.startsWith("v1."));
    QVERIFY(a != b); // fresh nonce each time
    QVERIFY(!a.contains(plain));
    const QByteArray raw = QByteArray::fromBase64(a.mid(3));
    QCOMPARE(raw.size(), 12 + plain.size() + 16);
    QVERIFY(raw.left(12) != QByteArray::fromBase64(b.mid(3)).left(12));
}

void TestSecretBox::wrongKey()
{
    const SecretBox box(SecretBox::generateKey());
    const SecretBox other(SecretBox::generateKey());
    const QByteArray sealed = box.seal("secret");
    QVERIFY(!other.open(sealed).has_value());
    QVERIFY(box.open(sealed).has_value());
    QCOMPARE(SecretBox::generateKey().size(), 32);
    QVERIFY(SecretBox::generateKey() != SecretBox::generateKey());
}

void TestSecretBox::everyTamperedByteIsRejected()
{
    const SecretBox box(SecretBox::generateKey());
    const QByteArray sealed = box.seal("top secret value");
    const QByteArray raw = QByteArray::fromBase64(sealed.mid(3));
    for (int i = 0; i < raw.size(); ++i) {
        for (int bit : {0x01, 0x80}) {
            QByteArray tampered = raw;
            tampered[i] = char(tampered[i] ^ bit);
            QVERIFY2(!box.open("v1." + tampered.toBase64()).has_value(),
                     qPrintable(QStringLiteral("byte %1").arg(i)));
        }
    }
    // Truncated or extended.
    QVERIFY(!box.open("v1." + raw.chopped(1).toBase64()).has_value());
    QVERIFY(!box.open("v1." + (raw + 'x').toBase64()).has_value());
}

void TestSecretBox::malformed_data()
{
    QTest::addColumn<QByteArray>("sealed");
    const SecretBox box(QByteArray(32, 'k'));
    const QByteArray good = box.seal("abc");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("prefix only") << QByteArray("v1.");
    QTest::newRow("wrong version") << QByteArray("v2.") + good.mid(3);
    QTest::newRow("no prefix") << good.mid(3);
    QTest::newRow("bad base64") << QByteArray("v1.!!!!");
    QTest::newRow("too short") << QByteArray("v1.") + QByteArray(27, 'a').toBase64();
}

void TestSecretBox::malformed()
{
    QFETCH(QByteArray, sealed);
    const SecretBox box(QByteArray(32, 'k'));
    QVERIFY(!box.open(sealed).has_value());
}

void TestSecretBox::invalidKey()
{
    for (int size : {0, 16, 31, 33, 64}) {
        const SecretBox box(QByteArray(size, 'k'));
        QVERIFY(!box.isValid());
        QVERIFY(box.seal("x").isEmpty());
        QVERIFY(!box.open(SecretBox(QByteArray(32, 'k')).seal("x")).has_value());
    }
}

QTEST_GUILESS_MAIN(TestSecretBox)
#include "TestSecretBox.moc"
