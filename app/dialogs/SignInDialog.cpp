// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/SignInDialog.h"

#include "api/ApiClient.h"
#include "api/CertificateTrust.h"
#include "api/SavedServers.h"
#include "api/SecretStore.h"
#include "dialogs/CertificateDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

SignInDialog::SignInDialog(ApiClient *api, SecretStore *secrets, QWidget *parent)
    : QDialog(parent), m_api(api), m_secrets(secrets)
{
    auto *layout = new QVBoxLayout(this);
    m_notice = new QLabel(this);
    m_notice->setWordWrap(true);
    m_notice->hide();
    layout->addWidget(m_notice);

    auto *form = new QFormLayout;
    m_server = new QComboBox(this);
    m_server->setObjectName(QStringLiteral("serverEdit"));
    m_server->setEditable(true);
    m_server->setInsertPolicy(QComboBox::NoInsert);
    m_server->setMinimumWidth(320);
    const SavedServers saved;
    const auto entries = saved.entries();
    for (const SavedServers::Entry &e : entries)
        m_server->addItem(e.url);
    m_email = new QLineEdit(this);
    m_email->setObjectName(QStringLiteral("emailEdit"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_remember = new QCheckBox(this);
    m_remember->setObjectName(QStringLiteral("rememberCheck"));
    m_serverLabel = new QLabel(this);
    m_emailLabel = new QLabel(this);
    m_passwordLabel = new QLabel(this);
    form->addRow(m_serverLabel, m_server);
    form->addRow(m_emailLabel, m_email);
    form->addRow(m_passwordLabel, m_password);
    form->addRow(QString(), m_remember);
    layout->addLayout(form);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();
    layout->addWidget(m_error);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    m_cancel = new QPushButton(this);
    m_signIn = new QPushButton(this);
    m_signIn->setObjectName(QStringLiteral("signInButton"));
    m_signIn->setDefault(true);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_signIn);
    layout->addLayout(buttons);

    connect(m_signIn, &QPushButton::clicked, this, &SignInDialog::signIn);
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_server, &QComboBox::currentTextChanged, this, [this](const QString &url) {
        if (const auto entry = SavedServers().find(url)) {
            if (m_email->text().isEmpty())
                m_email->setText(entry->email);
            m_remember->setChecked(entry->remembered);
        }
    });
    connect(m_api, &ApiClient::untrustedCertificate, this, &SignInDialog::onUntrusted);
    if (!entries.isEmpty()) {
        m_email->setText(entries.first().email);
        m_remember->setChecked(entries.first().remembered);
    } else {
        m_server->setEditText(QStringLiteral("http://127.0.0.1:8080"));
    }
    retranslate();
}

void SignInDialog::retranslate()
{
    setWindowTitle(tr("Sign in to aicarpool"));
    m_serverLabel->setText(tr("&Server:"));
    m_serverLabel->setBuddy(m_server);
    m_emailLabel->setText(tr("&Email:"));
    m_emailLabel->setBuddy(m_email);
    m_passwordLabel->setText(tr("&Password:"));
    m_passwordLabel->setBuddy(m_password);
    m_remember->setText(tr("&Remember me (the session is kept in the system keychain)"));
    m_signIn->setText(tr("Sign &in"));
    m_cancel->setText(tr("Cancel"));
    m_email->setPlaceholderText(tr("admin@example.com"));
    m_server->lineEdit()->setPlaceholderText(tr("https://carpool.example.com:8080"));
}

void SignInDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void SignInDialog::setServer(const QString &url)
{
    m_server->setEditText(url);
}

void SignInDialog::setEmail(const QString &email)
{
    m_email->setText(email);
}

void SignInDialog::setPassword(const QString &password)
{
    m_password->setText(password);
}

void SignInDialog::setRemember(bool remember)
{
    m_remember->setChecked(remember);
}

void SignInDialog::setNotice(const QString &notice)
{
    m_notice->setText(notice);
    m_notice->setVisible(!notice.isEmpty());
}

QString SignInDialog::server() const
{
    return m_server->currentText().trimmed();
}

QString SignInDialog::email() const
{
    return m_email->text().trimmed();
}

QString SignInDialog::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

void SignInDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_signIn->setEnabled(!busy);
    m_server->setEnabled(!busy);
    m_email->setEnabled(!busy);
    m_password->setEnabled(!busy);
    setCursor(busy ? Qt::BusyCursor : Qt::ArrowCursor);
}

void SignInDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void SignInDialog::signIn()
{
    if (m_busy)
        return;
    const QUrl url = QUrl::fromUserInput(server());
    if (!url.isValid() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
        showError(tr("Enter the server as http://host:port or https://host:port."));
        return;
    }
    if (email().isEmpty() || m_password->text().isEmpty()) {
        showError(tr("Enter your email and password."));
        return;
    }
    showError(QString());
    setBusy(true);
    m_pendingCertificate = QSslCertificate();
    m_api->setServerUrl(url);
    m_api->signIn(email(), m_password->text(), this, [this](const ApiResult &r) {
        setBusy(false);
        if (!r.ok()) {
            if (!m_pendingCertificate.isNull()) {
                // Shown after the failed attempt: trusting retries at once.
                const QSslCertificate cert = m_pendingCertificate;
                const QUrl server = m_pendingServer;
                m_pendingCertificate = QSslCertificate();
                showError(r.errorMessage);
                auto *dialog = new CertificateDialog(server, cert, this);
                dialog->setAttribute(Qt::WA_DeleteOnClose);
                connect(dialog, &QDialog::accepted, this, [this, server, cert] {
                    m_api->trust()->trust(server, cert);
                    signIn();
                });
                emit certificateShown(cert);
                dialog->open();
                return;
            }
            showError(r.errorMessage);
            return;
        }
        finishSignIn();
    });
}

void SignInDialog::onUntrusted(const QUrl &server, const QByteArray &pem)
{
    const auto certs = QSslCertificate::fromData(pem, QSsl::Pem);
    if (certs.isEmpty())
        return;
    m_pendingCertificate = certs.first();
    m_pendingServer = server;
}

void SignInDialog::finishSignIn()
{
    const QString url = m_api->serverUrl().toString();
    const bool remember = m_remember->isChecked();
    SavedServers().remember(SavedServers::Entry{url, m_api->currentEmail(), remember});
    m_password->clear();
    const QString key = SecretStore::refreshTokenKey(url, m_api->currentEmail());
    if (!m_secrets) {
        accept();
        return;
    }
    if (remember) {
        m_secrets->write(key, m_api->refreshToken(), this, [this](bool ok, const QString &error) {
            if (!ok)
                qWarning("aicarpool-console: the keychain did not store the session: %s",
                         qPrintable(error));
            accept();
        });
    } else {
        m_secrets->remove(key, this, [this](bool, const QString &) { accept(); });
    }
}
