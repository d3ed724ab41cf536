// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialogs/ApiDialog.h"

#include <QJsonArray>

class ModelMapModel;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableView;

// Adds or edits an upstream account. In OAuth mode it connects a Claude subscription: it starts
// the flow (POST /api/accounts/oauth/start), opens the sign-in page in the browser, and saves
// the account with the code the administrator pastes (POST /api/accounts/oauth/exchange).
// The API key is write-only: it is never shown, and left empty on edit it stays as stored.
class AccountDialog : public ApiDialog
{
    Q_OBJECT
public:
    enum class Mode
    {
        Create,
        Edit,
        OAuth
    };

    // `account` is the account to edit (Edit mode); `proxies` the named proxies to offer.
    AccountDialog(ApiClient *api, Mode mode, const QJsonObject &account, const QJsonArray &proxies,
                  QWidget *parent = nullptr);

    // The request body the form describes (exposed for tests).
    QJsonObject body() const;
    // Empty when the form can be sent, else what to fix.
    QString validate() const;

protected:
    void save() override;

private:
    void buildUi(const QJsonArray &proxies);
    void load(const QJsonObject &account);
    void providerChanged();
    void proxyModeChanged();
    void startOAuth();

    Mode m_mode;
    QJsonObject m_account;
    QString m_oauthSession;
    QString m_authorizeUrl;

    QLineEdit *m_name = nullptr;
    QComboBox *m_provider = nullptr;
    QLineEdit *m_baseUrl = nullptr;
    QLineEdit *m_apiKey = nullptr;
    QCheckBox *m_enabled = nullptr;
    QSpinBox *m_priority = nullptr;
    QSpinBox *m_weight = nullptr;
    QSpinBox *m_maxConcurrency = nullptr;
    QComboBox *m_proxyMode = nullptr;
    QLineEdit *m_proxyUrl = nullptr;
    QPlainTextEdit *m_models = nullptr;
    ModelMapModel *m_modelMap = nullptr;
    QTableView *m_modelMapView = nullptr;
    QPushButton *m_openBrowser = nullptr;
    QLabel *m_authorizeLabel = nullptr;
    QLineEdit *m_code = nullptr;
};
