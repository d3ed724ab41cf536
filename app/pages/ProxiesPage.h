// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pages/ListPage.h"

class QPushButton;

// Named proxies: add, edit, delete, and "Test" (one request through the proxy, showing the
// latency or the error in the table).
class ProxiesPage : public ListPage
{
    Q_OBJECT
public:
    explicit ProxiesPage(ApiClient *api, QWidget *parent = nullptr);

    QString pageId() const override { return QStringLiteral("proxies"); }
    QString title() const override { return tr("Proxies"); }

protected:
    void load() override;
    void retranslateUi() override;

private:
    void setUpColumns();
    void editProxy(bool create);
    void deleteProxy();
    void testProxy();

    QPushButton *m_add = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_delete = nullptr;
    QPushButton *m_test = nullptr;
    QPushButton *m_refresh = nullptr;
};
