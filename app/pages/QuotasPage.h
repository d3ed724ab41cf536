// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pages/ListPage.h"

class QPushButton;

// Quotas: rate and volume limits on a key, user, group, department or enterprise; add, edit
// and delete.
class QuotasPage : public ListPage
{
    Q_OBJECT
public:
    explicit QuotasPage(ApiClient *api, QWidget *parent = nullptr);

    QString pageId() const override { return QStringLiteral("quotas"); }
    QString title() const override { return tr("Quotas"); }

protected:
    void load() override;
    void retranslateUi() override;

private:
    void setUpColumns();
    void editQuota(bool create);
    void deleteQuota();

    QPushButton *m_add = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_delete = nullptr;
    QPushButton *m_refresh = nullptr;
};
