// SPDX-License-Identifier: GPL-3.0-or-later
// Clients that hang up mid-stream, mid-request and before the upstream answered, against the
// daemon running under valgrind's memcheck, and a call cut off by the shutdown: no invalid read
// or write, no use after free.
#include "RelayFixture.h"
#include "TestEnv.h"

#include <QJsonDocument>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTest>

class TestHangUpUnderValgrind final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hangUpsLeaveNoMemoryErrors()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("valgrind")).isEmpty()) {
            if (TestEnv::servicesRequired())
                QFAIL("valgrind is not installed");
            QSKIP("valgrind is not installed");
        }
        RelayFixture f;
        // The daemon may be linked with tcmalloc: memcheck then replaces that library's
        // malloc and free, as it does the C library's. tcmalloc's operator delete and free are
        // one function under several names, so memcheck cannot tell which one was called and
        // would report every delete as a mismatched free; that one check is off.
        f.setLauncher({QStringLiteral("valgrind"), QStringLiteral("--error-exitcode=99"),
                       QStringLiteral("--leak-check=no"), QStringLiteral("--trace-children=no"),
                       QStringLiteral("--soname-synonyms=somalloc=*tcmalloc*"),
                       QStringLiteral("--show-mismatched-frees=no")},
                      120000);
        QString error;
        bool skip = false;
        QVERIFY2(f.setUp(QStringLiteral("sqlite"), &error, &skip), qPrintable(error));

        const QList<QPair<QByteArray, QByteArray>> auth = {{"x-api-key", f.key()}};
        const QByteArray slowStream =
            QJsonDocument(RelayFixture::anthropicBody(
                              QStringLiteral("slow mock:chunks=30 mock:interval=100"), true))
                .toJson(QJsonDocument::Compact);
        const QByteArray slowOpenAi =
            QJsonDocument(RelayFixture::openaiBody(
                              QStringLiteral("slow mock:chunks=30 mock:interval=100"), true))
                .toJson(QJsonDocument::Compact);
        const QByteArray delayed =
            QJsonDocument(RelayFixture::anthropicBody(QStringLiteral("late mock:delay=1500")))
                .toJson(QJsonDocument::Compact);
        for (int i = 0; i < 3; ++i) {
            // Mid-stream, after a few events.
            StreamCapture a;
            QVERIFY(a.post(f.daemon().baseUrl(), QStringLiteral("/v1/messages"), slowStream, auth,
                           60000, 200));
            StreamCapture b;
            QVERIFY(b.post(f.daemon().baseUrl(), QStringLiteral("/v1/chat/completions"), slowOpenAi,
                           {{"authorization", "Bearer " + f.key()}}, 60000, 200));
            // Before the upstream answered.
            QTcpSocket early;
            early.connectToHost(QStringLiteral("127.0.0.1"), f.daemon().port());
            QVERIFY(early.waitForConnected(10000));
            early.write("POST /v1/messages HTTP/1.1\r\nHost: x\r\nx-api-key: " + f.key() +
                        "\r\nContent-Length: " + QByteArray::number(delayed.size()) + "\r\n\r\n" +
                        delayed);
            early.waitForBytesWritten(5000);
            QTest::qWait(300);
            early.abort();
            // In the middle of sending a request.
            QTcpSocket partial;
            partial.connectToHost(QStringLiteral("127.0.0.1"), f.daemon().port());
            QVERIFY(partial.waitForConnected(10000));
            partial.write(
                "POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n{\"mo");
            partial.waitForBytesWritten(5000);
            partial.abort();
        }
        // The daemon still serves, and every hang-up is in the ledger.
        QTRY_VERIFY_WITH_TIMEOUT(f.waitForUsage(9, QString(), 1000).size() >= 9, 60000);
        int aborted = 0;
        for (const QJsonValue &v : f.waitForUsage(9))
            aborted += v.toObject().value(QLatin1String("clientAborted")).toBool() ? 1 : 0;
        QCOMPARE(aborted, 9);

        // A call still waiting for its upstream when the shutdown drain ends is cut off.
        QTcpSocket cutOff;
        cutOff.connectToHost(QStringLiteral("127.0.0.1"), f.daemon().port());
        QVERIFY(cutOff.waitForConnected(10000));
        const QByteArray endless =
            QJsonDocument(RelayFixture::anthropicBody(QStringLiteral("cut mock:delay=120000")))
                .toJson(QJsonDocument::Compact);
        cutOff.write("POST /v1/messages HTTP/1.1\r\nHost: x\r\nx-api-key: " + f.key() +
                     "\r\nContent-Length: " + QByteArray::number(endless.size()) + "\r\n\r\n" +
                     endless);
        cutOff.waitForBytesWritten(5000);
        QTRY_VERIFY_WITH_TIMEOUT(f.mock().requests().size() >= 10, 30000);

        QVERIFY(f.daemon().terminate(60000));
        const QString log = f.daemon().log();
        QVERIFY2(log.contains(QLatin1String("ERROR SUMMARY: 0 errors")),
                 qPrintable(log.right(3000)));
        QVERIFY2(f.daemon().exitCode() != 99, qPrintable(log.right(3000)));
    }
};

QTEST_GUILESS_MAIN(TestHangUpUnderValgrind)
#include "TestHangUpUnderValgrind.moc"
