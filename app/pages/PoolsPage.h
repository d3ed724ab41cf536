// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pages/ListPage.h"

#include <QJsonArray>

class QPushButton;

// Account pools: name, strategy and member accounts; add, edit and delete.
class PoolsPage : public ListPage
{
    Q_OBJECT
public:
    explicit PoolsPage(ApiClient *api, QWidget *parent = nullptr);

    QString pageId() const override { return QStringLiteral("pools"); }
    QString title() const override { return tr("Pools"); }

protected:
    void load() override;
    void retranslateUi() override;

private:
    void setUpColumns();
    void editPool(bool create);
    void deletePool();
    QString accountName(qint64 id) const;

    QJsonArray m_accounts;
    QPushButton *m_add = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_delete = nullptr;
    QPushButton *m_refresh = nullptr;
};
