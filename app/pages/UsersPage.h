// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pages/ListPage.h"

class KeysPage;
class QLabel;
class QPushButton;
class QTabWidget;

// Users: the list, "Add user", and for the selected user their keys (create, disable, revoke
// there) and their usage by model.
class UsersPage : public ListPage
{
    Q_OBJECT
public:
    explicit UsersPage(ApiClient *api, QWidget *parent = nullptr);

    QString pageId() const override { return QStringLiteral("users"); }
    QString title() const override { return tr("Users"); }

    KeysPage *userKeys() const { return m_keys; }
    JsonTableModel *userUsage() const { return m_usage; }

signals:
    // The selected user's keys and usage are shown.
    void detailLoaded();

protected:
    void load() override;
    void retranslateUi() override;

private:
    void setUpColumns();
    void addUser();
    void showDetail();
    void loadUsage(qint64 userId);

    QPushButton *m_add = nullptr;
    QPushButton *m_refresh = nullptr;
    QTabWidget *m_detail = nullptr;
    QLabel *m_detailTitle = nullptr;
    KeysPage *m_keys = nullptr;
    QWidget *m_usagePane = nullptr;
    JsonTableModel *m_usage = nullptr;
    QLabel *m_usageTotals = nullptr;
    qint64 m_detailUser = -1;
    int m_usageGeneration = 0;
};
