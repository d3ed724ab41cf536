// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/CsvFormat.h"
#include "models/UsageCsvExporter.h"
#include "models/UsageRow.h"

#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

// CSV quoting and the streaming usage export (fed page answers, no daemon).
class TestUsageCsv final : public QObject
{
    Q_OBJECT
private:
    static QJsonObject page(int first, int count, qint64 total)
    {
        QJsonArray items;
        for (int i = first; i < first + count; ++i)
            items.append(QJsonObject{
                {QStringLiteral("requestId"), QStringLiteral("r%1").arg(i)},
                {QStringLiteral("createdAt"), QStringLiteral("2026-11-27T03:44:26.678Z")},
                {QStringLiteral("keyId"), 1},
                {QStringLiteral("model"),
                 i == 0 ? QStringLiteral("=HYPERLINK(\"x\")") : QStringLiteral("gpt-4o, mini")},
                {QStringLiteral("status"), 200},
                {QStringLiteral("cost"), 0.25}});
        return {{QStringLiteral("items"), items}, {QStringLiteral("total"), total}};
    }

    static QList<QByteArray> lines(const QString &fileName)
    {
        QFile f(fileName);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        QList<QByteArray> out = f.readAll().split('\n');
        if (!out.isEmpty() && out.last().isEmpty())
            out.removeLast();
        return out;
    }

private slots:
    void fieldsAreQuoted()
    {
        QCOMPARE(CsvFormat::field(QStringLiteral("plain")), QStringLiteral("plain"));
        QCOMPARE(CsvFormat::field(QStringLiteral("a,b")), QStringLiteral("\"a,b\""));
        QCOMPARE(CsvFormat::field(QStringLiteral("say \"hi\"")),
                 QStringLiteral("\"say \"\"hi\"\"\""));
        QCOMPARE(CsvFormat::field(QStringLiteral("two\nlines")), QStringLiteral("\"two\nlines\""));
        // Spreadsheet formulas are defused; negative numbers are left alone.
        QCOMPARE(CsvFormat::field(QStringLiteral("=1+2")), QStringLiteral("'=1+2"));
        QCOMPARE(CsvFormat::field(QStringLiteral("@SUM(A1)")), QStringLiteral("'@SUM(A1)"));
        QCOMPARE(CsvFormat::field(QStringLiteral("-1")), QStringLiteral("-1"));
        QCOMPARE(CsvFormat::line({QStringLiteral("a"), QStringLiteral("b,c"), QString()}),
                 QByteArray("a,\"b,c\",\r\n"));
        QCOMPARE(CsvFormat::usageHeader().size(),
                 CsvFormat::usageFields(UsageRow(), CsvFormat::Names()).size());
    }

    void exportStreamsEveryPage()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("usage.csv"));
        CsvFormat::Names names;
        names.keys.insert(1, QStringLiteral("ci key"));
        UsageCsvExporter exporter(nullptr, UsageQuery(), names, file);
        QSignalSpy progress(&exporter, &UsageCsvExporter::progress);
        QSignalSpy finished(&exporter, &UsageCsvExporter::finished);
        QString error;
        QVERIFY2(exporter.start(&error), qPrintable(error));
        QVERIFY(exporter.receivePage(page(0, UsageCsvExporter::PageSize, 1500)));
        QCOMPARE(finished.count(), 0);
        QVERIFY(!exporter.receivePage(page(1000, 500, 1500)));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QCOMPARE(progress.count(), 2);
        QCOMPARE(exporter.written(), 1500);

        const QList<QByteArray> rows = lines(file);
        QCOMPARE(rows.size(), 1501);
        QVERIFY(rows.at(0).startsWith("createdAt,requestId,keyId,key,"));
        QVERIFY(rows.at(1).contains(",ci key,"));
        QVERIFY(rows.at(1).contains("\"'=HYPERLINK(\"\"x\"\")\""));
        QVERIFY(rows.at(2).contains("\"gpt-4o, mini\""));
        QVERIFY(rows.at(1500).startsWith("2026-11-27T03:44:26.678Z,r1499,"));
        QVERIFY(rows.at(1).endsWith("\r"));
    }

    void cancelRemovesThePartialFile()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("partial.csv"));
        {
            UsageCsvExporter exporter(nullptr, UsageQuery(), {}, file);
            QVERIFY(exporter.start(nullptr));
            QVERIFY(exporter.receivePage(page(0, UsageCsvExporter::PageSize, 5000)));
            QVERIFY(QFile::exists(file));
            // Destroyed mid-way (the page closed).
        }
        QVERIFY(!QFile::exists(file));

        UsageCsvExporter cannot(nullptr, UsageQuery(), {},
                                dir.filePath(QStringLiteral("no/such/dir/x.csv")));
        QString error;
        QVERIFY(!cannot.start(&error));
        QVERIFY(error.contains(QStringLiteral("x.csv")));
    }

    void emptyResultWritesTheHeaderOnly()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("empty.csv"));
        UsageCsvExporter exporter(nullptr, UsageQuery(), {}, file);
        QSignalSpy finished(&exporter, &UsageCsvExporter::finished);
        QVERIFY(exporter.start(nullptr));
        QVERIFY(!exporter.receivePage(page(0, 0, 0)));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(lines(file).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestUsageCsv)
#include "TestUsageCsv.moc"
