// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/QuotaDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QLocale>
#include <QSpinBox>
#include <QVBoxLayout>

#include <limits>

namespace {

QSpinBox *countBox(QWidget *parent, const QString &name, const QJsonObject &quota)
{
    auto *box = new QSpinBox(parent);
    box->setObjectName(name);
    box->setRange(0, std::numeric_limits<int>::max());
    box->setGroupSeparatorShown(true);
    box->setValue(int(
        qBound(qint64(0), quota.value(name).toInteger(), qint64(std::numeric_limits<int>::max()))));
    return box;
}

QDoubleSpinBox *costBox(QWidget *parent, const QString &name, const QJsonObject &quota)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setObjectName(name);
    box->setDecimals(2);
    box->setRange(0, 1e9);
    box->setSuffix(QStringLiteral(" USD"));
    box->setGroupSeparatorShown(true);
    box->setValue(quota.value(name).toDouble());
    return box;
}

} // namespace

QuotaDialog::QuotaDialog(ApiClient *api, const QJsonObject &quota, QWidget *parent)
    : ApiDialog(api, parent), m_quota(quota), m_scope(new QComboBox(this)),
      m_scopeId(new QSpinBox(this)), m_model(new QLineEdit(this)),
      m_rpm(countBox(this, QStringLiteral("rpm"), quota)),
      m_tpm(countBox(this, QStringLiteral("tpm"), quota)),
      m_concurrency(countBox(this, QStringLiteral("concurrency"), quota)),
      m_dailyTokens(countBox(this, QStringLiteral("dailyTokens"), quota)),
      m_monthlyTokens(countBox(this, QStringLiteral("monthlyTokens"), quota)),
      m_dailyCost(costBox(this, QStringLiteral("dailyCost"), quota)),
      m_monthlyCost(costBox(this, QStringLiteral("monthlyCost"), quota)),
      m_enabled(new QCheckBox(tr("Applied to calls"), this))
{
    const bool edit = quota.contains(QLatin1String("id"));
    setWindowTitle(edit ? tr("Edit quota #%1").arg(quota.value(QLatin1String("id")).toInteger())
                        : tr("Add quota"));
    m_scope->setObjectName(QStringLiteral("scope"));
    for (const QString &s : scopes())
        m_scope->addItem(scopeLabel(s), s);
    m_scope->setCurrentIndex(qMax(
        0,
        m_scope->findData(quota.value(QLatin1String("scope")).toString(QStringLiteral("user")))));
    m_scopeId->setObjectName(QStringLiteral("scopeId"));
    m_scopeId->setRange(1, std::numeric_limits<int>::max());
    m_scopeId->setValue(int(qMax<qint64>(1, quota.value(QLatin1String("scopeId")).toInteger())));
    // A quota keeps what it applies to; delete it and add another to change that.
    m_scope->setEnabled(!edit);
    m_scopeId->setEnabled(!edit);
    m_model->setObjectName(QStringLiteral("model"));
    m_model->setMaxLength(200);
    m_model->setPlaceholderText(tr("every model; or a name, or a prefix such as claude-opus*"));
    m_model->setText(quota.value(QLatin1String("model")).toString());
    m_enabled->setObjectName(QStringLiteral("enabled"));
    m_enabled->setChecked(quota.value(QLatin1String("enabled")).toBool(true));

    auto *form = new QFormLayout;
    form->addRow(tr("Applies to"), m_scope);
    form->addRow(tr("Id"), m_scopeId);
    form->addRow(tr("Model"), m_model);
    form->addRow(tr("Requests per minute"), m_rpm);
    form->addRow(tr("Tokens per minute"), m_tpm);
    form->addRow(tr("Calls at once"), m_concurrency);
    form->addRow(tr("Tokens per day"), m_dailyTokens);
    form->addRow(tr("Tokens per month"), m_monthlyTokens);
    form->addRow(tr("Cost per day"), m_dailyCost);
    form->addRow(tr("Cost per month"), m_monthlyCost);
    form->addRow(QString(), m_enabled);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttonBox());
    resize(460, 420);
}

QStringList QuotaDialog::scopes()
{
    return {QStringLiteral("key"), QStringLiteral("user"), QStringLiteral("group"),
            QStringLiteral("department"), QStringLiteral("enterprise")};
}

QString QuotaDialog::scopeLabel(const QString &scope)
{
    if (scope == QLatin1String("key"))
        return tr("Key");
    if (scope == QLatin1String("user"))
        return tr("User");
    if (scope == QLatin1String("group"))
        return tr("Group");
    if (scope == QLatin1String("department"))
        return tr("Department");
    if (scope == QLatin1String("enterprise"))
        return tr("Enterprise");
    return scope;
}

QString QuotaDialog::limitsSummary(const QJsonObject &quota)
{
    const QLocale locale;
    auto count = [&](const char *field) { return quota.value(QLatin1String(field)).toInteger(); };
    auto money = [&](const char *field) { return quota.value(QLatin1String(field)).toDouble(); };
    QStringList parts;
    if (count("rpm") > 0)
        parts << tr("%1 requests/min").arg(locale.toString(count("rpm")));
    if (count("tpm") > 0)
        parts << tr("%1 tokens/min").arg(locale.toString(count("tpm")));
    if (count("concurrency") > 0)
        parts << tr("%1 at once").arg(locale.toString(count("concurrency")));
    if (count("dailyTokens") > 0)
        parts << tr("%1 tokens/day").arg(locale.toString(count("dailyTokens")));
    if (count("monthlyTokens") > 0)
        parts << tr("%1 tokens/month").arg(locale.toString(count("monthlyTokens")));
    if (money("dailyCost") > 0)
        parts << tr("%1 USD/day").arg(locale.toString(money("dailyCost"), 'f', 2));
    if (money("monthlyCost") > 0)
        parts << tr("%1 USD/month").arg(locale.toString(money("monthlyCost"), 'f', 2));
    return parts.isEmpty() ? tr("(none)") : parts.join(QStringLiteral(", "));
}

QJsonObject QuotaDialog::body() const
{
    QJsonObject o{{QStringLiteral("model"), m_model->text().trimmed()},
                  {QStringLiteral("rpm"), m_rpm->value()},
                  {QStringLiteral("tpm"), m_tpm->value()},
                  {QStringLiteral("concurrency"), m_concurrency->value()},
                  {QStringLiteral("dailyTokens"), m_dailyTokens->value()},
                  {QStringLiteral("monthlyTokens"), m_monthlyTokens->value()},
                  {QStringLiteral("dailyCost"), m_dailyCost->value()},
                  {QStringLiteral("monthlyCost"), m_monthlyCost->value()},
                  {QStringLiteral("enabled"), m_enabled->isChecked()}};
    if (!m_quota.contains(QLatin1String("id"))) {
        o.insert(QStringLiteral("scope"), m_scope->currentData().toString());
        o.insert(QStringLiteral("scopeId"), m_scopeId->value());
    }
    return o;
}

void QuotaDialog::save()
{
    const QJsonObject b = body();
    const bool anyLimit = m_rpm->value() > 0 || m_tpm->value() > 0 || m_concurrency->value() > 0 ||
                          m_dailyTokens->value() > 0 || m_monthlyTokens->value() > 0 ||
                          m_dailyCost->value() > 0 || m_monthlyCost->value() > 0;
    if (!anyLimit) {
        showError(tr("Set at least one limit above 0."));
        return;
    }
    if (m_quota.contains(QLatin1String("id")))
        submit(Method::Patch,
               QStringLiteral("/api/quotas/%1").arg(m_quota.value(QLatin1String("id")).toInteger()),
               b);
    else
        submit(Method::Post, QStringLiteral("/api/quotas"), b);
}
