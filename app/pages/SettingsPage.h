// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pages/Page.h"

class LanguageManager;
class QComboBox;
class QGroupBox;
class QLabel;
class QListWidget;
class QPushButton;
class SecretStore;

// Settings: the interface language (switched at once), the saved servers, and clearing the
// credentials stored in the OS keychain and the trusted certificates.
class SettingsPage : public Page
{
    Q_OBJECT
public:
    SettingsPage(ApiClient *api, LanguageManager *languages, SecretStore *secrets,
                 QWidget *parent = nullptr);

    QString pageId() const override { return QStringLiteral("settings"); }
    QString title() const override { return tr("Settings"); }
    void activate() override;
    void retranslate() override;

    // Removes every remembered session from the keychain; `done` runs once all are gone.
    void clearStoredCredentials(std::function<void(bool ok)> done = {});

private:
    void reloadServers();
    void removeSelectedServer();

    LanguageManager *m_languages;
    SecretStore *m_secrets;
    QGroupBox *m_languageBox;
    QLabel *m_languageLabel;
    QComboBox *m_language;
    QGroupBox *m_serversBox;
    QListWidget *m_servers;
    QPushButton *m_removeServer;
    QGroupBox *m_credentialsBox;
    QLabel *m_credentialsText;
    QPushButton *m_clearCredentials;
    QPushButton *m_forgetCertificates;
    QLabel *m_result;
};
