// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/ProxyDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

ProxyDialog::ProxyDialog(ApiClient *api, const QJsonObject &proxy, QWidget *parent)
    : ApiDialog(api, parent), m_proxy(proxy), m_name(new QLineEdit(this)),
      m_url(new QLineEdit(this))
{
    const bool edit = proxy.contains(QLatin1String("id"));
    setWindowTitle(edit ? tr("Edit proxy \"%1\"").arg(proxy.value(QLatin1String("name")).toString())
                        : tr("Add proxy"));
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setMaxLength(100);
    m_name->setText(proxy.value(QLatin1String("name")).toString());
    m_url->setObjectName(QStringLiteral("url"));
    m_url->setText(proxy.value(QLatin1String("url")).toString());
    m_url->setPlaceholderText(QStringLiteral("socks5://user:password@10.0.0.5:1080"));
    auto *hint = new QLabel(tr("http://, https://, socks5:// or socks5h:// with host and port, "
                               "optionally user:password@. The password is stored encrypted and "
                               "never shown again."),
                            this);
    hint->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("URL"), m_url);
    form->addRow(QString(), hint);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttonBox());
    resize(520, sizeHint().height());
}

QJsonObject ProxyDialog::body() const
{
    QJsonObject b;
    const QString name = m_name->text().trimmed();
    const QString url = m_url->text().trimmed();
    if (name != m_proxy.value(QLatin1String("name")).toString())
        b.insert(QStringLiteral("name"), name);
    if (url != m_proxy.value(QLatin1String("url")).toString())
        b.insert(QStringLiteral("url"), url);
    return b;
}

void ProxyDialog::save()
{
    if (m_name->text().trimmed().isEmpty() || m_url->text().trimmed().isEmpty()) {
        showError(tr("Enter a name and the proxy URL."));
        return;
    }
    if (!m_proxy.contains(QLatin1String("id"))) {
        submit(Method::Post, QStringLiteral("/api/proxies"), body());
        return;
    }
    const QJsonObject b = body();
    if (b.isEmpty()) {
        accept();
        return;
    }
    submit(Method::Patch,
           QStringLiteral("/api/proxies/%1").arg(m_proxy.value(QLatin1String("id")).toInteger()),
           b);
}
