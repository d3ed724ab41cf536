// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/SettingsPage.h"

#include "api/ApiClient.h"
#include "api/CertificateTrust.h"
#include "api/SavedServers.h"
#include "api/SecretStore.h"
#include "i18n/LanguageManager.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include <memory>

SettingsPage::SettingsPage(ApiClient *api, LanguageManager *languages, SecretStore *secrets,
                           QWidget *parent)
    : Page(api, parent), m_languages(languages), m_secrets(secrets),
      m_languageBox(new QGroupBox(this)), m_languageLabel(new QLabel(this)),
      m_language(new QComboBox(this)), m_serversBox(new QGroupBox(this)),
      m_servers(new QListWidget(this)), m_removeServer(new QPushButton(this)),
      m_credentialsBox(new QGroupBox(this)), m_credentialsText(new QLabel(this)),
      m_clearCredentials(new QPushButton(this)), m_forgetCertificates(new QPushButton(this)),
      m_result(new QLabel(this))
{
    setObjectName(QStringLiteral("settingsPage"));
    m_language->setObjectName(QStringLiteral("languageCombo"));
    m_clearCredentials->setObjectName(QStringLiteral("clearCredentialsButton"));
    m_servers->setObjectName(QStringLiteral("serverList"));
    auto *layout = new QVBoxLayout(this);

    auto *languageLayout = new QHBoxLayout(m_languageBox);
    languageLayout->addWidget(m_languageLabel);
    languageLayout->addWidget(m_language);
    languageLayout->addStretch();
    for (const QString &code : LanguageManager::languages())
        m_language->addItem(LanguageManager::nativeName(code), code);
    layout->addWidget(m_languageBox);

    auto *serversLayout = new QVBoxLayout(m_serversBox);
    serversLayout->addWidget(m_servers);
    auto *serverButtons = new QHBoxLayout;
    serverButtons->addWidget(m_removeServer);
    serverButtons->addStretch();
    serversLayout->addLayout(serverButtons);
    layout->addWidget(m_serversBox);

    auto *credentialsLayout = new QVBoxLayout(m_credentialsBox);
    m_credentialsText->setWordWrap(true);
    credentialsLayout->addWidget(m_credentialsText);
    auto *credentialButtons = new QHBoxLayout;
    credentialButtons->addWidget(m_clearCredentials);
    credentialButtons->addWidget(m_forgetCertificates);
    credentialButtons->addStretch();
    credentialsLayout->addLayout(credentialButtons);
    layout->addWidget(m_credentialsBox);
    layout->addWidget(m_result);
    layout->addStretch();

    connect(m_language, &QComboBox::activated, this, [this](int index) {
        const QString code = m_language->itemData(index).toString();
        if (m_languages && code != m_languages->language())
            m_languages->setLanguage(code, true);
    });
    connect(m_removeServer, &QPushButton::clicked, this, &SettingsPage::removeSelectedServer);
    connect(m_clearCredentials, &QPushButton::clicked, this, [this] { clearStoredCredentials(); });
    connect(m_forgetCertificates, &QPushButton::clicked, this, [this] {
        this->api()->trust()->forgetAll();
        m_result->setText(tr("Trusted certificates forgotten."));
    });
    retranslate();
    reloadServers();
}

void SettingsPage::activate()
{
    reloadServers();
    if (m_languages)
        m_language->setCurrentIndex(m_language->findData(m_languages->language()));
    emit loaded();
}

void SettingsPage::retranslate()
{
    m_languageBox->setTitle(tr("Language"));
    m_languageLabel->setText(tr("Interface language:"));
    m_serversBox->setTitle(tr("Saved servers"));
    m_removeServer->setText(tr("Remove server"));
    m_credentialsBox->setTitle(tr("Stored credentials"));
    m_credentialsText->setText(
        tr("With \"Remember me\" the session of a server is kept in the system keychain, never "
           "in a settings file. Clearing removes every stored session: the next start asks for "
           "the password again."));
    m_clearCredentials->setText(tr("Clear stored credentials"));
    m_forgetCertificates->setText(tr("Forget trusted certificates"));
    reloadServers();
}

void SettingsPage::reloadServers()
{
    m_servers->clear();
    const auto entries = SavedServers().entries();
    for (const SavedServers::Entry &e : entries) {
        QString text = e.email.isEmpty() ? e.url : QStringLiteral("%1 (%2)").arg(e.url, e.email);
        if (e.remembered)
            text += QStringLiteral(" — ") + tr("session remembered");
        auto *item = new QListWidgetItem(text, m_servers);
        item->setData(Qt::UserRole, e.url);
    }
    m_removeServer->setEnabled(!entries.isEmpty());
}

void SettingsPage::removeSelectedServer()
{
    const QListWidgetItem *item = m_servers->currentItem();
    if (!item)
        return;
    const QString url = item->data(Qt::UserRole).toString();
    const auto entry = SavedServers().find(url);
    SavedServers().remove(url);
    if (entry && m_secrets)
        m_secrets->remove(SecretStore::refreshTokenKey(url, entry->email), this, {});
    reloadServers();
    m_result->setText(tr("Removed %1.").arg(url));
}

void SettingsPage::clearStoredCredentials(std::function<void(bool)> done)
{
    const auto entries = SavedServers().entries();
    auto remaining = std::make_shared<int>(0);
    auto allOk = std::make_shared<bool>(true);
    for (const SavedServers::Entry &e : entries) {
        if (!e.email.isEmpty())
            ++*remaining;
    }
    const auto finish = [this, done, allOk] {
        m_result->setText(*allOk ? tr("Stored credentials cleared.")
                                 : tr("Some credentials could not be removed from the keychain."));
        reloadServers();
        if (done)
            done(*allOk);
    };
    if (*remaining == 0 || !m_secrets) {
        for (const SavedServers::Entry &e : entries)
            SavedServers().setRemembered(e.url, false);
        finish();
        return;
    }
    for (const SavedServers::Entry &e : entries) {
        if (e.email.isEmpty())
            continue;
        SavedServers().setRemembered(e.url, false);
        m_secrets->remove(SecretStore::refreshTokenKey(e.url, e.email), this,
                          [remaining, allOk, finish](bool ok, const QString &) {
                              *allOk = *allOk && ok;
                              if (--*remaining == 0)
                                  finish();
                          });
    }
}
