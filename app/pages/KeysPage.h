// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pages/ListPage.h"

#include <QJsonArray>

class QComboBox;
class QLabel;
class QPushButton;

// Personal keys: create (the key is shown once), enable/disable, bind to a pool, revoke; the
// list can be narrowed to one user. The users page embeds one locked to the selected user.
class KeysPage : public ListPage
{
    Q_OBJECT
public:
    explicit KeysPage(ApiClient *api, QWidget *parent = nullptr);

    QString pageId() const override { return QStringLiteral("keys"); }
    QString title() const override { return tr("Keys"); }

    // Shows only this user's keys (0 = everyone's); `locked` hides the user chooser.
    void setUserFilter(qint64 userId, bool locked);
    qint64 userFilter() const { return m_userId; }

signals:
    // A key was created, changed or revoked.
    void keysChanged();

protected:
    void load() override;
    void retranslateUi() override;
    void updateActions() override;

private:
    void setUpColumns();
    void loadKeys(const std::function<void()> &done);
    void fillUserChooser();
    void createKey();
    void toggleDisabled();
    void bindPool();
    void revokeKey();
    QString userName(qint64 id) const;
    QString poolName(qint64 id) const;

    qint64 m_userId = 0;
    bool m_locked = false;
    int m_keysGeneration = 0;
    QJsonArray m_users;
    QJsonArray m_pools;
    QLabel *m_userLabel = nullptr;
    QComboBox *m_userChooser = nullptr;
    QPushButton *m_create = nullptr;
    QPushButton *m_toggle = nullptr;
    QPushButton *m_bind = nullptr;
    QPushButton *m_revoke = nullptr;
    QPushButton *m_refresh = nullptr;
};
