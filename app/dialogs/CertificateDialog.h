// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QSslCertificate>
#include <QUrl>

class QLabel;
class QPushButton;

// Shows a server certificate that failed verification: subject, issuer, validity and SHA-256
// fingerprint, with an explicit "Trust this certificate" (accept) or "Cancel" (reject).
class CertificateDialog : public QDialog
{
    Q_OBJECT
public:
    CertificateDialog(const QUrl &server, const QSslCertificate &certificate,
                      QWidget *parent = nullptr);

    QSslCertificate certificate() const { return m_certificate; }
    // The details as shown (also used by the sign-in dialog's inline notice).
    static QString describe(const QSslCertificate &certificate);

private:
    QSslCertificate m_certificate;
    QLabel *m_details = nullptr;
    QPushButton *m_trust = nullptr;
};
