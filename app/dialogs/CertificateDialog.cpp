// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/CertificateDialog.h"

#include "api/CertificateTrust.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace {

QString names(const QSslCertificate &c, bool issuer)
{
    QStringList parts;
    const auto field = [&](QSslCertificate::SubjectInfo info) {
        return (issuer ? c.issuerInfo(info) : c.subjectInfo(info)).join(QStringLiteral(", "));
    };
    const QString cn = field(QSslCertificate::CommonName);
    const QString o = field(QSslCertificate::Organization);
    if (!cn.isEmpty())
        parts << QStringLiteral("CN=") + cn;
    if (!o.isEmpty())
        parts << QStringLiteral("O=") + o;
    return parts.isEmpty() ? (issuer ? c.issuerDisplayName() : c.subjectDisplayName())
                           : parts.join(QStringLiteral(", "));
}

} // namespace

QString CertificateDialog::describe(const QSslCertificate &c)
{
    const QLocale locale;
    return tr("Subject: %1\nIssuer: %2\nValid from: %3\nValid until: %4\nSHA-256 fingerprint:\n%5")
        .arg(names(c, false), names(c, true),
             locale.toString(c.effectiveDate().toLocalTime(), QLocale::ShortFormat),
             locale.toString(c.expiryDate().toLocalTime(), QLocale::ShortFormat),
             CertificateTrust::fingerprint(c));
}

CertificateDialog::CertificateDialog(const QUrl &server, const QSslCertificate &certificate,
                                     QWidget *parent)
    : QDialog(parent), m_certificate(certificate)
{
    setWindowTitle(tr("Untrusted certificate"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("The certificate of %1 could not be verified. Trust it only if the fingerprint "
           "below is the one of your server.")
            .arg(server.host()),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_details = new QLabel(describe(certificate), this);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setObjectName(QStringLiteral("certificateDetails"));
    QFont mono = m_details->font();
    mono.setFamily(QStringLiteral("monospace"));
    m_details->setFont(mono);
    m_details->setWordWrap(true);
    layout->addWidget(m_details);
    auto *buttons = new QDialogButtonBox(this);
    m_trust = buttons->addButton(tr("Trust this certificate"), QDialogButtonBox::AcceptRole);
    m_trust->setObjectName(QStringLiteral("trustButton"));
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}
