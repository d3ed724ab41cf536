// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialogs/ApiDialog.h"

#include <QJsonArray>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLineEdit;

// Creates a personal key: name, owner, optional expiry, optional model allow-list and pool
// binding. The answer (with the key in the clear, once) is in answer().
class KeyDialog : public ApiDialog
{
    Q_OBJECT
public:
    // `users` and `pools` fill the choices; `userId` preselects the owner (0 = the caller).
    KeyDialog(ApiClient *api, const QJsonArray &users, const QJsonArray &pools, qint64 userId,
              QWidget *parent = nullptr);
    QJsonObject body() const;

protected:
    void save() override;

private:
    QLineEdit *m_name;
    QComboBox *m_user;
    QCheckBox *m_expires;
    QDateTimeEdit *m_expiresAt;
    QLineEdit *m_models;
    QComboBox *m_pool;
};
