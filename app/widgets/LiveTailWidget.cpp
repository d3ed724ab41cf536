// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/LiveTailWidget.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

LiveTailWidget::LiveTailWidget(QWidget *parent)
    : QWidget(parent), m_state(new QLabel(this)), m_table(new QTableWidget(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_state);
    layout->addWidget(m_table);
    m_table->setObjectName(QStringLiteral("liveTailTable"));
    m_table->setColumnCount(7);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(22);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);
    retranslate();
}

void LiveTailWidget::retranslate()
{
    m_table->setHorizontalHeaderLabels({tr("Time"), tr("Model"), tr("Status"), tr("Input"),
                                        tr("Output"), tr("Cost"), tr("Latency")});
    m_state->setText(m_connected ? tr("Live: new calls appear as they complete.")
                                 : tr("Live feed not connected; showing the latest calls."));
}

void LiveTailWidget::setConnected(bool connected)
{
    m_connected = connected;
    retranslate();
}

int LiveTailWidget::rowCount() const
{
    return m_table->rowCount();
}

void LiveTailWidget::insertRow(int at, const QJsonObject &row)
{
    m_table->insertRow(at);
    const QDateTime created =
        QDateTime::fromString(row.value(QLatin1String("createdAt")).toString(), Qt::ISODateWithMs);
    const int status = row.value(QLatin1String("status")).toInt();
    const QStringList cells = {
        QLocale().toString(created.toLocalTime().time(), QStringLiteral("HH:mm:ss")),
        row.value(QLatin1String("model")).toString(),
        QString::number(status),
        QLocale().toString(row.value(QLatin1String("inputTokens")).toInteger()),
        QLocale().toString(row.value(QLatin1String("outputTokens")).toInteger()),
        QStringLiteral("$%1").arg(row.value(QLatin1String("cost")).toDouble(), 0, 'f', 4),
        tr("%1 ms").arg(row.value(QLatin1String("latencyMs")).toInteger())};
    for (int col = 0; col < cells.size(); ++col) {
        auto *item = new QTableWidgetItem(cells[col]);
        if (status >= 400)
            item->setForeground(QColor(0xb0, 0x00, 0x20));
        m_table->setItem(at, col, item);
    }
}

void LiveTailWidget::addCall(const QJsonObject &row)
{
    insertRow(0, row);
    while (m_table->rowCount() > MaxRows)
        m_table->removeRow(m_table->rowCount() - 1);
}

void LiveTailWidget::setRecent(const QList<QJsonObject> &newestFirst)
{
    m_table->setRowCount(0);
    for (const QJsonObject &row : newestFirst) {
        if (m_table->rowCount() >= MaxRows)
            break;
        insertRow(m_table->rowCount(), row);
    }
    m_table->resizeColumnsToContents();
}
