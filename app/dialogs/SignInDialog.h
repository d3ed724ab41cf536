// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QSslCertificate>
#include <QUrl>

class ApiClient;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class SecretStore;

// Sign-in: the server URL (with the saved servers), email, password and "Remember me" (the
// refresh token goes to the OS keychain, never to a settings file). A TLS error shows the
// certificate with an explicit "Trust this certificate". Accepted once signed in.
class SignInDialog : public QDialog
{
    Q_OBJECT
public:
    SignInDialog(ApiClient *api, SecretStore *secrets, QWidget *parent = nullptr);

    void setServer(const QString &url);
    void setEmail(const QString &email);
    void setPassword(const QString &password);
    void setRemember(bool remember);
    // A notice above the form ("Your session has expired ...").
    void setNotice(const QString &notice);

    QString server() const;
    QString email() const;
    QString errorText() const;

public slots:
    void signIn();

signals:
    // The untrusted certificate is shown (tests answer the certificate dialog through this).
    void certificateShown(const QSslCertificate &certificate);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void setBusy(bool busy);
    void showError(const QString &message);
    void onUntrusted(const QUrl &server, const QByteArray &pem);
    void finishSignIn();

    ApiClient *m_api;
    SecretStore *m_secrets;
    QLabel *m_notice = nullptr;
    QLabel *m_serverLabel = nullptr;
    QLabel *m_emailLabel = nullptr;
    QLabel *m_passwordLabel = nullptr;
    QComboBox *m_server = nullptr;
    QLineEdit *m_email = nullptr;
    QLineEdit *m_password = nullptr;
    QCheckBox *m_remember = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_signIn = nullptr;
    QPushButton *m_cancel = nullptr;
    bool m_busy = false;
    QSslCertificate m_pendingCertificate;
    QUrl m_pendingServer;
};
