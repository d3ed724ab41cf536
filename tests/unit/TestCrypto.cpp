// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/Crypto.h"

#include <QSet>
#include <QtTest>

class TestCrypto : public QObject
{
    Q_OBJECT
private slots:
    void randomBytes();
    void sha256Vectors();
    void hmacVectors();
    void constantTimeEquals();
    void apiKeyFormat();
    void base64Url();
};

void TestCrypto::randomBytes()
{
    QCOMPARE(Crypto::randomBytes(0).size(), 0);
    QCOMPARE(Crypto::randomBytes(1).size(), 1);
    const QByteArray a = Crypto::randomBytes(32);
    const QByteArray b = Crypto::randomBytes(32);
    QCOMPARE(a.size(), 32);
    QVERIFY(a != b);
    // 4096 random bytes should use most byte values.
    const QByteArray big = Crypto::randomBytes(4096);
    QSet<char> distinct;
    for (char c : big)
        distinct.insert(c);
    QVERIFY2(distinct.size() > 200, qPrintable(QString::number(distinct.size())));
}

void TestCrypto::sha256Vectors()
{
    QCOMPARE(Crypto::sha256Hex(""),
             QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    QCOMPARE(Crypto::sha256Hex("abc"),
             QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    QCOMPARE(Crypto::sha256("abc").size(), 32);
    QCOMPARE(Crypto::sha256("abc").toHex(), Crypto::sha256Hex("abc"));
}

void TestCrypto::hmacVectors()
{
    // RFC 4231 test cases 1, 2 and 6 (key longer than the block size).
    QCOMPARE(Crypto::hmacSha256(QByteArray(20, '\x0b'), "Hi There").toHex(),
             QByteArray("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"));
    QCOMPARE(Crypto::hmacSha256("Jefe", "what do ya want for nothing?").toHex(),
             QByteArray("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
    QCOMPARE(Crypto::hmacSha256(QByteArray(131, '\xaa'),
                                "Test Using Larger Than Block-Size Key - Hash Key First")
                 .toHex(),
             QByteArray("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"));
    // An empty key is valid.
    QCOMPARE(Crypto::hmacSha256(QByteArray(), "").size(), 32);
    QVERIFY(Crypto::hmacSha256("k1", "data") != Crypto::hmacSha256("k2", "data"));
}

void TestCrypto::constantTimeEquals()
{
    QVERIFY(Crypto::constantTimeEquals("", ""));
    QVERIFY(Crypto::constantTimeEquals("abc", "abc"));
    QVERIFY(!Crypto::constantTimeEquals("abc", "abd"));
    QVERIFY(!Crypto::constantTimeEquals("abc", "ab"));
    QVERIFY(!Crypto::constantTimeEquals("", "a"));
    QVERIFY(!Crypto::constantTimeEquals(QByteArray("a\0b", 3), QByteArray("a\0c", 3)));
}

void TestCrypto::apiKeyFormat()
{
    QSet<QString> seen;
    for (int i = 0; i < 200; ++i) {
        const QString key = Crypto::newApiKey();
        QVERIFY(key.startsWith(QLatin1String("cp-")));
        QCOMPARE(key.size(), 3 + 43);
        const QByteArray body = key.mid(3).toLatin1();
        for (char c : body) {
            const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '_';
            QVERIFY2(ok, qPrintable(key));
        }
        QByteArray decoded;
        QVERIFY(Crypto::base64UrlDecode(body, &decoded));
        QCOMPARE(decoded.size(), 32);
        QVERIFY(!seen.contains(key));
        seen.insert(key);
    }
}

void TestCrypto::base64Url()
{
    const QByteArray data("\xfb\xff\xfe hello", 9);
    const QByteArray encoded = Crypto::base64UrlEncode(data);
    QVERIFY(!encoded.contains('='));
    QVERIFY(!encoded.contains('+'));
    QVERIFY(!encoded.contains('/'));
    QByteArray decoded;
    QVERIFY(Crypto::base64UrlDecode(encoded, &decoded));
    QCOMPARE(decoded, data);
    QVERIFY(!Crypto::base64UrlDecode("ab+c", &decoded));
    QVERIFY(!Crypto::base64UrlDecode("ab/c", &decoded));
    QVERIFY(!Crypto::base64UrlDecode("YQ==", &decoded));
    QVERIFY(!Crypto::base64UrlDecode("a b", &decoded));
}

QTEST_GUILESS_MAIN(TestCrypto)
#include "TestCrypto.moc"
