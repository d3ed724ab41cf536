// SPDX-License-Identifier: GPL-3.0-or-later
// kill -9 the daemon under load, start it again, and count ledger rows against the requests
// that completed: none lost, none written twice. On SQLite and MariaDB.
#include "RelayFixture.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>

class TestLedgerCrash final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDb::addBackendRows(); }

    void killNineUnderLoadLosesNoCompletedRequest()
    {
        QFETCH_GLOBAL(QString, backend);
        RelayFixture f;
        QString error;
        bool skip = false;
        if (!f.setUp(backend, &error, &skip)) {
            if (skip)
                QSKIP(qPrintable(error));
            QFAIL(qPrintable(error));
        }

        QNetworkAccessManager nam;
        int started = 0;
        int completed = 0;
        bool stopping = false;
        const QByteArray plain =
            QJsonDocument(RelayFixture::anthropicBody(QStringLiteral("load mock:delay=5")))
                .toJson(QJsonDocument::Compact);
        const QByteArray streamed =
            QJsonDocument(RelayFixture::anthropicBody(QStringLiteral("load mock:interval=5"), true))
                .toJson(QJsonDocument::Compact);
        std::function<void()> launch = [&]() {
            if (stopping)
                return;
            QNetworkRequest request(QUrl(f.url(QStringLiteral("/v1/messages"))));
            request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
            request.setRawHeader("x-api-key", f.key());
            QNetworkReply *reply = nam.post(request, started % 2 ? streamed : plain);
            ++started;
            QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply] {
                const int status =
                    reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                const QByteArray body = reply->readAll();
                if (reply->error() == QNetworkReply::NoError && status == 200 &&
                    (body.contains("message_stop") ||
                     body.contains("\"stop_reason\":\"end_turn\"")))
                    ++completed;
                reply->deleteLater();
                launch();
            });
        };
        for (int i = 0; i < 6; ++i) // QNAM's per-host limit
            launch();
        // Kill at a random point once a good number of requests went through: counted, not
        // timed, so a slow machine (or a valgrind run next door) only makes it take longer.
        const int killAfter = 50 + int(QRandomGenerator::global()->bounded(50));
        QVERIFY2(QTest::qWaitFor([&] { return completed >= killAfter; }, 180000),
                 qPrintable(QStringLiteral("only %1 completed").arg(completed)));
        f.daemon().kill9();
        stopping = true;
        QTest::qWait(300); // let the replies fail
        QVERIFY(completed >= killAfter);

        QVERIFY2(f.daemon().restart(&error), qPrintable(error));
        QVERIFY(f.admin().loginAsAdmin(f.daemon(), &error));
        QJsonArray rows;
        QTRY_VERIFY_WITH_TIMEOUT(
            (rows = f.waitForUsage(completed, QString(), 200)).size() >= completed, 15000);
        qInfo("started %d, completed %d, rows after restart %d", started, completed,
              int(rows.size()));
        // Every completed request has its row; requests cut by the kill may or may not.
        QVERIFY2(rows.size() >= completed && rows.size() <= started,
                 qPrintable(QStringLiteral("rows %1, completed %2, started %3")
                                .arg(rows.size())
                                .arg(completed)
                                .arg(started)));
        QSet<QString> ids;
        for (const QJsonValue &v : std::as_const(rows))
            ids.insert(v.toObject().value(QLatin1String("requestId")).toString());
        QCOMPARE(ids.size(), rows.size());
        // Restart once more: replaying the spool again must not duplicate anything.
        QVERIFY2(f.daemon().restart(&error), qPrintable(error));
        QVERIFY(f.admin().loginAsAdmin(f.daemon(), &error));
        QTest::qWait(500);
        QCOMPARE(f.waitForUsage(rows.size() + 1, QString(), 300).size(), rows.size());
    }
};

QTEST_GUILESS_MAIN(TestLedgerCrash)
#include "TestLedgerCrash.moc"
