// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/PoolDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

PoolDialog::PoolDialog(ApiClient *api, const QJsonObject &pool, const QJsonArray &accounts,
                       QWidget *parent)
    : ApiDialog(api, parent), m_pool(pool), m_name(new QLineEdit(this)),
      m_strategy(new QComboBox(this)), m_members(new QListWidget(this))
{
    const bool edit = pool.contains(QLatin1String("id"));
    setWindowTitle(edit ? tr("Edit pool \"%1\"").arg(pool.value(QLatin1String("name")).toString())
                        : tr("Add pool"));
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setMaxLength(100);
    m_name->setText(pool.value(QLatin1String("name")).toString());
    m_strategy->setObjectName(QStringLiteral("strategy"));
    for (const QString &s : strategies())
        m_strategy->addItem(strategyLabel(s), s);
    const int current = m_strategy->findData(
        pool.value(QLatin1String("strategy")).toString(QStringLiteral("priority")));
    m_strategy->setCurrentIndex(qMax(0, current));

    QList<qint64> members;
    for (const QJsonValue &v : pool.value(QLatin1String("accountIds")).toArray())
        members << v.toInteger();
    m_members->setObjectName(QStringLiteral("members"));
    for (const QJsonValue &v : accounts) {
        const QJsonObject a = v.toObject();
        const qint64 id = a.value(QLatin1String("id")).toInteger();
        auto *item = new QListWidgetItem(QStringLiteral("%1  (%2)")
                                             .arg(a.value(QLatin1String("name")).toString(),
                                                  a.value(QLatin1String("provider")).toString()),
                                         m_members);
        item->setData(Qt::UserRole, id);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(members.contains(id) ? Qt::Checked : Qt::Unchecked);
    }

    auto *form = new QFormLayout;
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Strategy"), m_strategy);
    form->addRow(tr("Member accounts"), m_members);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttonBox());
    resize(480, 420);
}

QStringList PoolDialog::strategies()
{
    return {QStringLiteral("priority"),       QStringLiteral("weighted"),
            QStringLiteral("round_robin"),    QStringLiteral("least_busy"),
            QStringLiteral("lowest_latency"), QStringLiteral("lowest_cost")};
}

QString PoolDialog::strategyLabel(const QString &strategy)
{
    if (strategy == QLatin1String("priority"))
        return tr("Priority (lower first, load spread within a tier)");
    if (strategy == QLatin1String("weighted"))
        return tr("Weighted (by each account's weight)");
    if (strategy == QLatin1String("round_robin"))
        return tr("Round robin");
    if (strategy == QLatin1String("least_busy"))
        return tr("Least busy (fewest requests in flight)");
    if (strategy == QLatin1String("lowest_latency"))
        return tr("Lowest latency");
    if (strategy == QLatin1String("lowest_cost"))
        return tr("Lowest cost");
    return strategy;
}

QJsonObject PoolDialog::body() const
{
    QJsonArray ids;
    for (int i = 0; i < m_members->count(); ++i)
        if (m_members->item(i)->checkState() == Qt::Checked)
            ids.append(m_members->item(i)->data(Qt::UserRole).toLongLong());
    return {{QStringLiteral("name"), m_name->text().trimmed()},
            {QStringLiteral("strategy"), m_strategy->currentData().toString()},
            {QStringLiteral("accountIds"), ids}};
}

void PoolDialog::save()
{
    if (m_name->text().trimmed().isEmpty()) {
        showError(tr("Give the pool a name."));
        return;
    }
    if (m_pool.contains(QLatin1String("id")))
        submit(Method::Patch,
               QStringLiteral("/api/pools/%1").arg(m_pool.value(QLatin1String("id")).toInteger()),
               body());
    else
        submit(Method::Post, QStringLiteral("/api/pools"), body());
}
