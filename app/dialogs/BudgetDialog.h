// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialogs/ApiDialog.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

// Adds or edits a budget: its name, what it applies to (fixed once created), the period, the
// amount, whether it refuses calls past it, and the alert thresholds.
class BudgetDialog : public ApiDialog
{
    Q_OBJECT
public:
    // An empty `budget` creates a new one.
    BudgetDialog(ApiClient *api, const QJsonObject &budget, QWidget *parent = nullptr);

    QJsonObject body() const;
    static QStringList periods();
    static QString periodLabel(const QString &period);
    // "80, 95, 100" -> [80,95,100]; empty when the text is not a list of whole percentages.
    static QJsonArray parseThresholds(const QString &text);

protected:
    void save() override;

private:
    QJsonObject m_budget;
    QLineEdit *m_name;
    QComboBox *m_scope;
    QSpinBox *m_scopeId;
    QComboBox *m_period;
    QDoubleSpinBox *m_amount;
    QCheckBox *m_hard;
    QLineEdit *m_thresholds;
    QCheckBox *m_enabled;
};
