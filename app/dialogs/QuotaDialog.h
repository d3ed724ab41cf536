// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialogs/ApiDialog.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

// Adds or edits a quota: what it applies to (fixed once created), the model it is limited to,
// and its limits (0 = no limit).
class QuotaDialog : public ApiDialog
{
    Q_OBJECT
public:
    // An empty `quota` creates a new one.
    QuotaDialog(ApiClient *api, const QJsonObject &quota, QWidget *parent = nullptr);

    QJsonObject body() const;
    // "key", "user", ... and their translated names.
    static QStringList scopes();
    static QString scopeLabel(const QString &scope);
    // "60 rpm, 2,000,000 tokens/day, 50.00 USD/month"; "(none)" without limits.
    static QString limitsSummary(const QJsonObject &quota);

protected:
    void save() override;

private:
    QJsonObject m_quota;
    QComboBox *m_scope;
    QSpinBox *m_scopeId;
    QLineEdit *m_model;
    QSpinBox *m_rpm;
    QSpinBox *m_tpm;
    QSpinBox *m_concurrency;
    QSpinBox *m_dailyTokens;
    QSpinBox *m_monthlyTokens;
    QDoubleSpinBox *m_dailyCost;
    QDoubleSpinBox *m_monthlyCost;
    QCheckBox *m_enabled;
};
