// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/UserDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QVBoxLayout>

UserDialog::UserDialog(ApiClient *api, QWidget *parent)
    : ApiDialog(api, parent), m_email(new QLineEdit(this)), m_name(new QLineEdit(this)),
      m_password(new QLineEdit(this)), m_repeat(new QLineEdit(this)), m_role(new QComboBox(this))
{
    setWindowTitle(tr("Add user"));
    m_email->setObjectName(QStringLiteral("email"));
    m_name->setObjectName(QStringLiteral("name"));
    m_password->setObjectName(QStringLiteral("password"));
    m_repeat->setObjectName(QStringLiteral("repeat"));
    m_password->setEchoMode(QLineEdit::Password);
    m_repeat->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("At least 10 characters"));
    m_role->addItem(tr("Member (own keys and usage)"), QStringLiteral("member"));
    m_role->addItem(tr("Administrator (everything)"), QStringLiteral("admin"));
    auto *form = new QFormLayout;
    form->addRow(tr("Email"), m_email);
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Password"), m_password);
    form->addRow(tr("Repeat password"), m_repeat);
    form->addRow(tr("Role"), m_role);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttonBox());
    resize(420, sizeHint().height());
}

QJsonObject UserDialog::body() const
{
    QJsonObject b{{QStringLiteral("email"), m_email->text().trimmed()},
                  {QStringLiteral("password"), m_password->text()},
                  {QStringLiteral("role"), m_role->currentData().toString()}};
    if (!m_name->text().trimmed().isEmpty())
        b.insert(QStringLiteral("name"), m_name->text().trimmed());
    return b;
}

QString UserDialog::validate() const
{
    if (!m_email->text().contains(QLatin1Char('@')))
        return tr("Enter the user's email address.");
    if (m_password->text().size() < 10)
        return tr("The password needs at least 10 characters.");
    if (m_password->text() != m_repeat->text())
        return tr("The two passwords differ; type the same password twice.");
    return QString();
}

void UserDialog::save()
{
    const QString problem = validate();
    if (!problem.isEmpty()) {
        showError(problem);
        return;
    }
    submit(Method::Post, QStringLiteral("/api/users"), body());
}
