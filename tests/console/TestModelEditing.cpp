// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/ModelListText.h"
#include "models/ModelMapModel.h"

#include <QSignalSpy>
#include <QTest>

// The account dialog's model list and model map editors.
class TestModelEditing final : public QObject
{
    Q_OBJECT
private slots:
    void modelListParsesCommasAndLines()
    {
        QCOMPARE(ModelListText::parse(
                     QStringLiteral(" gpt-4o, claude-sonnet-4\n\n gpt-4o \r\nqwen-max,")),
                 (QStringList{QStringLiteral("gpt-4o"), QStringLiteral("claude-sonnet-4"),
                              QStringLiteral("qwen-max")}));
        QVERIFY(ModelListText::parse(QStringLiteral(" , \n ")).isEmpty());
        const QJsonArray json = ModelListText::toJson(QStringLiteral("a\nb"));
        QCOMPARE(json, (QJsonArray{QStringLiteral("a"), QStringLiteral("b")}));
        QCOMPARE(ModelListText::fromJson(json), QStringLiteral("a\nb"));
    }

    void modelMapRoundTripsAndEdits()
    {
        ModelMapModel model;
        const QJsonObject map{{QStringLiteral("fast"), QStringLiteral("claude-haiku-4-5")},
                              {QStringLiteral("smart"), QStringLiteral("claude-opus-4")}};
        model.setMap(map);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.toJson(), map);
        QVERIFY(model.validate().isEmpty());

        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        const int row = model.addRow();
        QCOMPARE(row, 2);
        QCOMPARE(inserted.count(), 1);
        // A blank row is ignored, not an error.
        QVERIFY(model.validate().isEmpty());
        QCOMPARE(model.toJson(), map);

        QVERIFY(model.flags(model.index(row, 0)) & Qt::ItemIsEditable);
        QVERIFY(model.setData(model.index(row, ModelMapModel::ClientModel),
                              QStringLiteral(" cheap "), Qt::EditRole));
        QVERIFY(model.validate().contains(QStringLiteral("no upstream model")));
        QVERIFY(model.setData(model.index(row, ModelMapModel::UpstreamModel),
                              QStringLiteral("deepseek-chat"), Qt::EditRole));
        QVERIFY(model.validate().isEmpty());
        QCOMPARE(model.toJson().value(QStringLiteral("cheap")).toString(),
                 QStringLiteral("deepseek-chat"));

        // The same client name twice is refused with the name in the message.
        const int dup = model.addRow();
        model.setData(model.index(dup, 0), QStringLiteral("fast"), Qt::EditRole);
        model.setData(model.index(dup, 1), QStringLiteral("other"), Qt::EditRole);
        QVERIFY(model.validate().contains(QStringLiteral("\"fast\"")));
        model.removeRowAt(dup);
        QVERIFY(model.validate().isEmpty());

        // An upstream name without a client name.
        const int half = model.addRow();
        model.setData(model.index(half, 1), QStringLiteral("x"), Qt::EditRole);
        QVERIFY(model.validate().contains(QStringLiteral("no client model")));
        model.removeRowAt(half);
        model.removeRowAt(99); // out of range: nothing happens
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.data(model.index(0, 1), Qt::DisplayRole).toString(),
                 QStringLiteral("claude-haiku-4-5"));
    }
};

QTEST_GUILESS_MAIN(TestModelEditing)
#include "TestModelEditing.moc"
