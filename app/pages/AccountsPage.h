// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pages/ListPage.h"

#include <QJsonArray>

class QPushButton;
class QTimer;

// Upstream accounts: the list with status, health and cooldown (refreshed every few seconds
// while shown), add / edit / delete, "Clear cooldown", and connecting a Claude subscription
// through the OAuth flow.
class AccountsPage : public ListPage
{
    Q_OBJECT
public:
    explicit AccountsPage(ApiClient *api, QWidget *parent = nullptr);

    QString pageId() const override { return QStringLiteral("accounts"); }
    QString title() const override { return tr("Accounts"); }

protected:
    void load() override;
    void retranslateUi() override;
    void updateActions() override;

private:
    void setUpColumns();
    void loadHealth(const std::function<void()> &done);
    void addAccount(bool oauth);
    void editAccount();
    void deleteAccount();
    void clearCooldown();
    QString proxyName(const QJsonObject &account) const;

    QJsonArray m_proxies;
    QTimer *m_healthTimer;
    QPushButton *m_add = nullptr;
    QPushButton *m_addOAuth = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_delete = nullptr;
    QPushButton *m_clearCooldown = nullptr;
    QPushButton *m_refresh = nullptr;
};
