// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/AccountHealthWidget.h"

#include "api/ApiClient.h"

#include <QDateTime>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

#include <memory>

AccountHealthWidget::AccountHealthWidget(ApiClient *api, QWidget *parent)
    : QWidget(parent), m_api(api), m_summary(new QLabel(this)), m_table(new QTableWidget(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_table);
    m_table->setObjectName(QStringLiteral("accountHealthTable"));
    m_table->setColumnCount(6);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);
    retranslate();
}

void AccountHealthWidget::retranslate()
{
    m_table->setHorizontalHeaderLabels({tr("Account"), tr("Provider"), tr("Status"),
                                        tr("In flight"), tr("Cooling down"),
                                        tr("Needs attention")});
    render();
}

int AccountHealthWidget::accountCount() const
{
    return int(m_accounts.size());
}

void AccountHealthWidget::refresh(std::function<void()> done)
{
    const int generation = ++m_generation;
    m_api->get(
        QStringLiteral("/api/accounts"), {}, this, [this, done, generation](const ApiResult &r) {
            if (generation != m_generation)
                return;
            if (!r.ok()) {
                m_summary->setText(r.errorMessage);
                if (done)
                    done();
                return;
            }
            m_accounts.clear();
            const QJsonArray items = r.object().value(QLatin1String("items")).toArray();
            for (const QJsonValue &v : items) {
                if (m_accounts.size() >= MaxAccounts)
                    break;
                m_accounts.append(v.toObject());
            }
            if (m_accounts.isEmpty()) {
                m_health.clear();
                render();
                if (done)
                    done();
                return;
            }
            auto remaining = std::make_shared<int>(int(m_accounts.size()));
            auto health = std::make_shared<QHash<qint64, QJsonObject>>();
            for (const QJsonObject &a : std::as_const(m_accounts)) {
                const qint64 id = a.value(QLatin1String("id")).toInteger();
                m_api->get(QStringLiteral("/api/accounts/%1/health").arg(id), {}, this,
                           [this, done, generation, remaining, health, id](const ApiResult &h) {
                               if (h.ok())
                                   health->insert(id, h.object());
                               if (--*remaining > 0 || generation != m_generation)
                                   return;
                               m_health = *health;
                               render();
                               if (done)
                                   done();
                           });
            }
        });
}

void AccountHealthWidget::render()
{
    m_cooling = 0;
    m_attention = 0;
    m_inFlight = 0;
    m_table->setRowCount(int(m_accounts.size()));
    const QLocale locale;
    for (int row = 0; row < m_accounts.size(); ++row) {
        const QJsonObject &a = m_accounts[row];
        const qint64 id = a.value(QLatin1String("id")).toInteger();
        const QJsonObject h = m_health.value(id);
        const bool enabled = a.value(QLatin1String("enabled")).toBool(true);
        const bool cooling = h.value(QLatin1String("coolingDown")).toBool();
        const bool attention = h.value(QLatin1String("needsAttention")).toBool() ||
                               a.value(QLatin1String("needsAttention")).toBool();
        const int inFlight = h.value(QLatin1String("inFlight")).toInt();
        m_cooling += cooling ? 1 : 0;
        m_attention += attention ? 1 : 0;
        m_inFlight += inFlight;
        QString coolText = tr("no");
        if (cooling) {
            const qint64 until = h.value(QLatin1String("cooldownUntilMs")).toInteger();
            coolText = tr("until %1")
                           .arg(locale.toString(QDateTime::fromMSecsSinceEpoch(until).time(),
                                                QLocale::ShortFormat));
            const QString reason = h.value(QLatin1String("cooldownReason")).toString();
            if (!reason.isEmpty())
                coolText += QStringLiteral(" (%1)").arg(reason);
        }
        QString status = enabled ? tr("enabled") : tr("disabled");
        if (enabled && cooling)
            status = tr("cooling down");
        else if (enabled && attention)
            status = tr("needs attention");
        const QStringList cells = {a.value(QLatin1String("name")).toString(),
                                   a.value(QLatin1String("provider")).toString(),
                                   status,
                                   QString::number(inFlight),
                                   coolText,
                                   attention ? tr("yes") : tr("no")};
        for (int col = 0; col < cells.size(); ++col) {
            auto *item = m_table->item(row, col);
            if (!item) {
                item = new QTableWidgetItem;
                m_table->setItem(row, col, item);
            }
            item->setText(cells[col]);
            item->setForeground(attention || cooling ? QColor(0xb0, 0x3a, 0x00) : QColor());
        }
    }
    m_table->resizeColumnsToContents();
    m_summary->setText(tr("%n account(s): ", nullptr, int(m_accounts.size())) +
                       tr("%1 cooling down, %2 need attention, %3 calls in flight")
                           .arg(m_cooling)
                           .arg(m_attention)
                           .arg(m_inFlight));
}
