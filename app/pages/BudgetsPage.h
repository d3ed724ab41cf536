// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pages/ListPage.h"

class QPushButton;

// Budgets: what a user, group, department or enterprise may spend per period, with a bar of
// what is spent; add, edit and delete.
class BudgetsPage : public ListPage
{
    Q_OBJECT
public:
    explicit BudgetsPage(ApiClient *api, QWidget *parent = nullptr);

    QString pageId() const override { return QStringLiteral("budgets"); }
    QString title() const override { return tr("Budgets"); }

protected:
    void load() override;
    void retranslateUi() override;

private:
    void setUpColumns();
    void editBudget(bool create);
    void deleteBudget();

    QPushButton *m_add = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_delete = nullptr;
    QPushButton *m_refresh = nullptr;
};
