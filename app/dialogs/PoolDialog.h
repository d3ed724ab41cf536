// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialogs/ApiDialog.h"

#include <QJsonArray>

class QComboBox;
class QLineEdit;
class QListWidget;

// Adds or edits an account pool: its name, the strategy that picks an account, and the member
// accounts (checked in a list of every account).
class PoolDialog : public ApiDialog
{
    Q_OBJECT
public:
    // An empty `pool` creates a new one.
    PoolDialog(ApiClient *api, const QJsonObject &pool, const QJsonArray &accounts,
               QWidget *parent = nullptr);

    QJsonObject body() const;
    static QStringList strategies();
    static QString strategyLabel(const QString &strategy);

protected:
    void save() override;

private:
    QJsonObject m_pool;
    QLineEdit *m_name;
    QComboBox *m_strategy;
    QListWidget *m_members;
};
