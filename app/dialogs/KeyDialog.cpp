// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/KeyDialog.h"

#include "models/ModelListText.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QVBoxLayout>

KeyDialog::KeyDialog(ApiClient *api, const QJsonArray &users, const QJsonArray &pools,
                     qint64 userId, QWidget *parent)
    : ApiDialog(api, parent), m_name(new QLineEdit(this)), m_user(new QComboBox(this)),
      m_expires(new QCheckBox(tr("Expires"), this)), m_expiresAt(new QDateTimeEdit(this)),
      m_models(new QLineEdit(this)), m_pool(new QComboBox(this))
{
    setWindowTitle(tr("Create key"));
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setMaxLength(100);
    m_user->setObjectName(QStringLiteral("user"));
    m_user->addItem(tr("Myself"), 0);
    for (const QJsonValue &v : users) {
        const QJsonObject u = v.toObject();
        const QString name = u.value(QLatin1String("name")).toString();
        const QString email = u.value(QLatin1String("email")).toString();
        m_user->addItem(name.isEmpty() ? email : QStringLiteral("%1 <%2>").arg(name, email),
                        u.value(QLatin1String("id")).toInteger());
    }
    if (userId > 0 && m_user->findData(userId) >= 0)
        m_user->setCurrentIndex(m_user->findData(userId));
    m_expiresAt->setCalendarPopup(true);
    m_expiresAt->setDateTime(QDateTime::currentDateTime().addDays(90));
    m_expiresAt->setMinimumDateTime(QDateTime::currentDateTime());
    m_expiresAt->setEnabled(false);
    connect(m_expires, &QCheckBox::toggled, m_expiresAt, &QWidget::setEnabled);
    m_models->setObjectName(QStringLiteral("models"));
    m_models->setPlaceholderText(tr("Comma-separated; empty = every model"));
    m_pool->setObjectName(QStringLiteral("pool"));
    m_pool->addItem(tr("No pool (every enabled account)"), 0);
    for (const QJsonValue &v : pools) {
        const QJsonObject p = v.toObject();
        m_pool->addItem(p.value(QLatin1String("name")).toString(),
                        p.value(QLatin1String("id")).toInteger());
    }

    auto *expiry = new QHBoxLayout;
    expiry->addWidget(m_expires);
    expiry->addWidget(m_expiresAt, 1);
    auto *form = new QFormLayout;
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Owner"), m_user);
    form->addRow(tr("Expiry"), expiry);
    form->addRow(tr("Allowed models"), m_models);
    form->addRow(tr("Account pool"), m_pool);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttonBox());
    resize(460, sizeHint().height());
}

QJsonObject KeyDialog::body() const
{
    QJsonObject b{{QStringLiteral("name"), m_name->text().trimmed()}};
    if (m_user->currentData().toLongLong() > 0)
        b.insert(QStringLiteral("userId"), m_user->currentData().toLongLong());
    if (m_expires->isChecked())
        b.insert(QStringLiteral("expiresAt"),
                 m_expiresAt->dateTime().toUTC().toString(Qt::ISODateWithMs));
    const QJsonArray models = ModelListText::toJson(m_models->text());
    if (!models.isEmpty())
        b.insert(QStringLiteral("models"), models);
    if (m_pool->currentData().toLongLong() > 0)
        b.insert(QStringLiteral("poolId"), m_pool->currentData().toLongLong());
    return b;
}

void KeyDialog::save()
{
    if (m_name->text().trimmed().isEmpty()) {
        showError(tr("Give the key a name, e.g. the machine or tool it is for."));
        return;
    }
    submit(Method::Post, QStringLiteral("/api/keys"), body());
}
