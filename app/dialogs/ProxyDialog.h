// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialogs/ApiDialog.h"

class QLineEdit;

// Adds or edits a named proxy. On edit the URL is shown as the server redacts it; it is sent
// again only when changed, so a stored password is kept.
class ProxyDialog : public ApiDialog
{
    Q_OBJECT
public:
    ProxyDialog(ApiClient *api, const QJsonObject &proxy, QWidget *parent = nullptr);
    QJsonObject body() const;

protected:
    void save() override;

private:
    QJsonObject m_proxy;
    QLineEdit *m_name;
    QLineEdit *m_url;
};
