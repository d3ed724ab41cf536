// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/BudgetDialog.h"

#include "dialogs/QuotaDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

#include <limits>

BudgetDialog::BudgetDialog(ApiClient *api, const QJsonObject &budget, QWidget *parent)
    : ApiDialog(api, parent), m_budget(budget), m_name(new QLineEdit(this)),
      m_scope(new QComboBox(this)), m_scopeId(new QSpinBox(this)), m_period(new QComboBox(this)),
      m_amount(new QDoubleSpinBox(this)),
      m_hard(new QCheckBox(tr("Refuse calls once it is spent"), this)),
      m_thresholds(new QLineEdit(this)), m_enabled(new QCheckBox(tr("Applied to calls"), this))
{
    const bool edit = budget.contains(QLatin1String("id"));
    setWindowTitle(
        edit ? tr("Edit budget \"%1\"").arg(budget.value(QLatin1String("name")).toString())
             : tr("Add budget"));
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setMaxLength(200);
    m_name->setText(budget.value(QLatin1String("name")).toString());
    m_scope->setObjectName(QStringLiteral("scope"));
    for (const QString &s : QuotaDialog::scopes()) {
        if (s != QLatin1String("key")) // a budget applies to people, not to one key
            m_scope->addItem(QuotaDialog::scopeLabel(s), s);
    }
    m_scope->setCurrentIndex(
        qMax(0, m_scope->findData(
                    budget.value(QLatin1String("scope")).toString(QStringLiteral("enterprise")))));
    m_scopeId->setObjectName(QStringLiteral("scopeId"));
    m_scopeId->setRange(1, std::numeric_limits<int>::max());
    m_scopeId->setValue(int(qMax<qint64>(1, budget.value(QLatin1String("scopeId")).toInteger())));
    m_scope->setEnabled(!edit);
    m_scopeId->setEnabled(!edit);
    m_period->setObjectName(QStringLiteral("period"));
    for (const QString &p : periods())
        m_period->addItem(periodLabel(p), p);
    m_period->setCurrentIndex(
        qMax(0, m_period->findData(
                    budget.value(QLatin1String("period")).toString(QStringLiteral("month")))));
    m_amount->setObjectName(QStringLiteral("amount"));
    m_amount->setDecimals(2);
    m_amount->setRange(0, 1e9);
    m_amount->setSuffix(QStringLiteral(" USD"));
    m_amount->setGroupSeparatorShown(true);
    m_amount->setValue(budget.value(QLatin1String("amount")).toDouble());
    m_hard->setObjectName(QStringLiteral("hard"));
    m_hard->setChecked(budget.value(QLatin1String("hard")).toBool());
    m_thresholds->setObjectName(QStringLiteral("thresholds"));
    QStringList thresholds;
    const QJsonArray current = budget.value(QLatin1String("thresholds")).toArray();
    for (const QJsonValue &t : current)
        thresholds << QString::number(t.toInt());
    m_thresholds->setText(thresholds.isEmpty() ? QStringLiteral("80, 95, 100")
                                               : thresholds.join(QStringLiteral(", ")));
    m_enabled->setObjectName(QStringLiteral("enabled"));
    m_enabled->setChecked(budget.value(QLatin1String("enabled")).toBool(true));

    auto *form = new QFormLayout;
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Applies to"), m_scope);
    form->addRow(tr("Id"), m_scopeId);
    form->addRow(tr("Period"), m_period);
    form->addRow(tr("Amount"), m_amount);
    form->addRow(QString(), m_hard);
    form->addRow(tr("Alert at (%)"), m_thresholds);
    form->addRow(QString(), m_enabled);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttonBox());
    resize(440, 340);
}

QStringList BudgetDialog::periods()
{
    return {QStringLiteral("day"), QStringLiteral("week"), QStringLiteral("month")};
}

QString BudgetDialog::periodLabel(const QString &period)
{
    if (period == QLatin1String("day"))
        return tr("Day");
    if (period == QLatin1String("week"))
        return tr("Week (from Monday)");
    if (period == QLatin1String("month"))
        return tr("Month");
    return period;
}

QJsonArray BudgetDialog::parseThresholds(const QString &text)
{
    QJsonArray out;
    int previous = 0;
    const QStringList parts = text.split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (parts.isEmpty() || parts.size() > 10)
        return {};
    for (const QString &part : parts) {
        bool ok = false;
        const int n = part.trimmed().remove(QLatin1Char('%')).toInt(&ok);
        if (!ok || n < 1 || n > 100 || n <= previous)
            return {};
        out.append(n);
        previous = n;
    }
    return out;
}

QJsonObject BudgetDialog::body() const
{
    QJsonObject o{{QStringLiteral("name"), m_name->text().trimmed()},
                  {QStringLiteral("period"), m_period->currentData().toString()},
                  {QStringLiteral("amount"), m_amount->value()},
                  {QStringLiteral("hard"), m_hard->isChecked()},
                  {QStringLiteral("thresholds"), parseThresholds(m_thresholds->text())},
                  {QStringLiteral("enabled"), m_enabled->isChecked()}};
    if (!m_budget.contains(QLatin1String("id"))) {
        o.insert(QStringLiteral("scope"), m_scope->currentData().toString());
        o.insert(QStringLiteral("scopeId"), m_scopeId->value());
    }
    return o;
}

void BudgetDialog::save()
{
    if (m_name->text().trimmed().isEmpty()) {
        showError(tr("Give the budget a name."));
        return;
    }
    if (m_amount->value() <= 0) {
        showError(tr("Set an amount above 0."));
        return;
    }
    if (parseThresholds(m_thresholds->text()).isEmpty()) {
        showError(tr("Alert thresholds are 1 to 10 percentages from 1 to 100, ascending, "
                     "separated by commas (e.g. 80, 95, 100)."));
        return;
    }
    if (m_budget.contains(QLatin1String("id")))
        submit(
            Method::Patch,
            QStringLiteral("/api/budgets/%1").arg(m_budget.value(QLatin1String("id")).toInteger()),
            body());
    else
        submit(Method::Post, QStringLiteral("/api/budgets"), body());
}
