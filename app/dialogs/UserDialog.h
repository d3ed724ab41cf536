// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialogs/ApiDialog.h"

class QComboBox;
class QLineEdit;

// Creates a user: email, name, initial password (10+ characters, typed twice) and role.
class UserDialog : public ApiDialog
{
    Q_OBJECT
public:
    explicit UserDialog(ApiClient *api, QWidget *parent = nullptr);
    QJsonObject body() const;
    QString validate() const;

protected:
    void save() override;

private:
    QLineEdit *m_email;
    QLineEdit *m_name;
    QLineEdit *m_password;
    QLineEdit *m_repeat;
    QComboBox *m_role;
};
