// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/CompactJsonWriter.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <limits>

class TestCompactJsonWriter : public QObject
{
    Q_OBJECT

private slots:
    // What it writes, QJsonDocument reads back as the values written, and writes the same bytes
    // for the values this writer is used for (names in order, integers, ASCII and escapes).
    void readsBackAsWritten()
    {
        const QString hostile = QStringLiteral("q\"b\\s/\n\r\t\x01\x1f end \u00e9\u4e2d\U0001F600");
        const QString longName = QString(200, QLatin1Char('n')) + QStringLiteral("\u00e9");
        QByteArray out = "prefix";
        CompactJsonWriter w(out);
        w.add("account", hostile);
        w.add("accountId", qint64(std::numeric_limits<qint64>::min()));
        w.add("big", qint64(std::numeric_limits<qint64>::max()));
        w.add("cost", 0.1);
        w.add("flag", true);
        w.add("long", longName);
        w.add("nan", std::numeric_limits<double>::quiet_NaN());
        w.add("raw", QByteArrayView("a\"b"));
        w.close();
        QVERIFY(out.startsWith("prefix{\"account\":"));
        QJsonParseError error{};
        const QJsonObject o = QJsonDocument::fromJson(out.mid(6), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(o.value("account").toString(), hostile);
        QCOMPARE(o.value("accountId").toInteger(), std::numeric_limits<qint64>::min());
        QCOMPARE(o.value("big").toInteger(), std::numeric_limits<qint64>::max());
        QCOMPARE(o.value("cost").toDouble(), 0.1);
        QCOMPARE(o.value("flag").toBool(), true);
        QCOMPARE(o.value("long").toString(), longName);
        QCOMPARE(o.value("nan").toDouble(), 0.0);
        QCOMPARE(o.value("raw").toString(), QStringLiteral("a\"b"));

        QByteArray plain;
        CompactJsonWriter p(plain);
        p.add("account", QStringLiteral("main \"eu\""));
        p.add("accountId", qint64(7));
        p.add("status", qint64(429));
        p.close();
        QCOMPARE(
            plain,
            QJsonDocument(QJsonDocument::fromJson(plain).object()).toJson(QJsonDocument::Compact));
    }

    // The writer grows its buffer ahead of what it writes: whatever the caller reserved, and
    // however often it grows, the buffer ends at the closing brace (or at the last member when
    // the writer goes without close()), and what was there before stays.
    void leavesExactlyWhatItWrote()
    {
        for (const qsizetype reserved : {qsizetype(0), qsizetype(16), qsizetype(4096)}) {
            QByteArray out = "00000000 ";
            out.reserve(reserved);
            {
                CompactJsonWriter w(out);
                for (int i = 0; i < 300; ++i) // several growths
                    w.add("k", QStringLiteral("value-%1").arg(i));
                w.close();
            }
            QVERIFY(out.startsWith("00000000 {\"k\":\"value-0\","));
            QVERIFY(out.endsWith(",\"k\":\"value-299\"}"));
            QCOMPARE(out.count(':'), 300);
            QJsonParseError error{};
            QJsonDocument::fromJson(out.mid(9), &error);
            QCOMPARE(error.error, QJsonParseError::NoError);
        }
        QByteArray unclosed = "[";
        {
            CompactJsonWriter w(unclosed);
            w.add("a", qint64(1));
        }
        QCOMPARE(unclosed, QByteArray("[{\"a\":1"));
        // A buffer shared with another copy is not written through.
        QByteArray shared = "x";
        const QByteArray copy = shared;
        CompactJsonWriter(shared).close();
        QCOMPARE(shared, QByteArray("x{}"));
        QCOMPARE(copy, QByteArray("x"));
    }

    void emptyObject()
    {
        QByteArray out;
        CompactJsonWriter(out).close();
        QCOMPARE(out, QByteArray("{}"));
    }
};

QTEST_APPLESS_MAIN(TestCompactJsonWriter)
#include "TestCompactJsonWriter.moc"
