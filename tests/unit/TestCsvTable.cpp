// SPDX-License-Identifier: GPL-3.0-or-later
// CSV records written for exports (usage, reports, audit, users): quoting and formula cells.
#include "api/admin/CsvTable.h"

#include <QtTest>

class TestCsvTable : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void formulaCellsAreDefused_data()
    {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<QByteArray>("written");
        QTest::newRow("equals") << "=HYPERLINK(\"x\")" << QByteArray("\"'=HYPERLINK(\"\"x\"\")\"");
        QTest::newRow("plus") << "+1" << QByteArray("'+1");
        QTest::newRow("minus") << "-1+2" << QByteArray("'-1+2");
        QTest::newRow("at") << "@SUM(A1)" << QByteArray("'@SUM(A1)");
        QTest::newRow("tab") << "\t=1" << QByteArray("'\t=1");
        QTest::newRow("carriage return") << "\r=1" << QByteArray("\"'\r=1\"");
        QTest::newRow("plain") << "claude-sonnet-4-5" << QByteArray("claude-sonnet-4-5");
        QTest::newRow("comma") << "a,b" << QByteArray("\"a,b\"");
    }

    void formulaCellsAreDefused()
    {
        QFETCH(QString, cell);
        QFETCH(QByteArray, written);
        QCOMPARE(CsvTable::record({cell}), written + "\r\n");
    }

    void recordsParseBack()
    {
        const QStringList fields{QStringLiteral("a,b"), QStringLiteral("say \"hi\""),
                                 QStringLiteral("two\nlines"), QStringLiteral("plain")};
        QString error;
        const auto parsed = CsvTable::parse(CsvTable::record(fields), 10, &error);
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(parsed->size(), 1);
        QCOMPARE(parsed->first(), fields);
    }
};

QTEST_GUILESS_MAIN(TestCsvTable)
#include "TestCsvTable.moc"
