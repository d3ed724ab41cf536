// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/KeysPage.h"

#include "dialogs/KeyDialog.h"
#include "dialogs/KeyRevealDialog.h"

#include <QBrush>
#include <QColor>
#include <QComboBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QTableView>

#include <memory>

KeysPage::KeysPage(ApiClient *api, QWidget *parent) : ListPage(api, parent)
{
    setObjectName(QStringLiteral("keysPage"));
    m_userLabel = new QLabel(this);
    m_userChooser = new QComboBox(this);
    m_userChooser->setObjectName(QStringLiteral("userFilter"));
    m_userChooser->setMinimumContentsLength(20);
    actionRow()->addWidget(m_userLabel);
    actionRow()->addWidget(m_userChooser);
    m_create = addAction(QStringLiteral("createKey"), false, [this] { createKey(); });
    m_toggle = addAction(QStringLiteral("toggleKey"), true, [this] { toggleDisabled(); });
    m_bind = addAction(QStringLiteral("bindPool"), true, [this] { bindPool(); });
    m_revoke = addAction(QStringLiteral("revokeKey"), true, [this] { revokeKey(); });
    addActionStretch();
    m_refresh = addAction(QStringLiteral("refresh"), false, [this] { load(); });
    connect(m_userChooser, &QComboBox::activated, this, [this] {
        m_userId = m_userChooser->currentData().toLongLong();
        loadKeys({});
    });
    setUpColumns();
    retranslateUi();
}

void KeysPage::setUserFilter(qint64 userId, bool locked)
{
    m_userId = userId;
    m_locked = locked;
    m_userLabel->setVisible(!locked);
    m_userChooser->setVisible(!locked);
}

void KeysPage::retranslateUi()
{
    m_userLabel->setText(tr("Owner:"));
    m_create->setText(tr("Create key..."));
    m_bind->setText(tr("Pool..."));
    m_bind->setToolTip(tr("Bind the key to an account pool, or unbind it."));
    m_revoke->setText(tr("Revoke"));
    m_refresh->setText(tr("Refresh"));
    fillUserChooser();
    updateActions();
}

QString KeysPage::userName(qint64 id) const
{
    for (const QJsonValue &v : m_users) {
        const QJsonObject u = v.toObject();
        if (u.value(QLatin1String("id")).toInteger() == id) {
            const QString name = u.value(QLatin1String("name")).toString();
            return name.isEmpty() ? u.value(QLatin1String("email")).toString() : name;
        }
    }
    return tr("user #%1").arg(id);
}

QString KeysPage::poolName(qint64 id) const
{
    for (const QJsonValue &v : m_pools)
        if (v.toObject().value(QLatin1String("id")).toInteger() == id)
            return v.toObject().value(QLatin1String("name")).toString();
    return tr("pool #%1").arg(id);
}

void KeysPage::setUpColumns()
{
    using Column = JsonTableModel::Column;
    auto text = [](const char *field) {
        return [field](const QJsonObject &k, int role) -> QVariant {
            return role == Qt::DisplayRole ? k.value(QLatin1String(field)).toVariant() : QVariant();
        };
    };
    auto time = [](const char *field, bool neverWhenEmpty) {
        return [field, neverWhenEmpty](const QJsonObject &k, int role) -> QVariant {
            const QJsonValue v = k.value(QLatin1String(field));
            if (role == JsonTableModel::SortRole)
                return v.toString();
            if (role != Qt::DisplayRole)
                return {};
            const QString shown = JsonTableModel::formatTime(v);
            return shown.isEmpty() && neverWhenEmpty ? tr("Never") : shown;
        };
    };
    QList<Column> columns;
    columns << Column{[] { return tr("Name"); }, text("name")};
    columns << Column{[] { return tr("Key"); }, text("keyHint")};
    columns << Column{[] { return tr("Owner"); },
                      [this](const QJsonObject &k, int role) -> QVariant {
                          return role == Qt::DisplayRole
                                     ? QVariant(
                                           userName(k.value(QLatin1String("userId")).toInteger()))
                                     : QVariant();
                      }};
    columns << Column{[] { return tr("Status"); },
                      [](const QJsonObject &k, int role) -> QVariant {
                          const QString s = k.value(QLatin1String("status")).toString();
                          if (role == Qt::ForegroundRole && s != QLatin1String("active"))
                              return QBrush(s == QLatin1String("disabled")
                                                ? QColor(Qt::gray)
                                                : QColor(0xc0, 0x39, 0x2b));
                          if (role != Qt::DisplayRole)
                              return {};
                          if (s == QLatin1String("active"))
                              return tr("Active");
                          if (s == QLatin1String("disabled"))
                              return tr("Disabled");
                          if (s == QLatin1String("revoked"))
                              return tr("Revoked");
                          if (s == QLatin1String("expired"))
                              return tr("Expired");
                          return s;
                      }};
    columns << Column{[] { return tr("Models"); },
                      [](const QJsonObject &k, int role) -> QVariant {
                          return role == Qt::DisplayRole || role == Qt::ToolTipRole
                                     ? QVariant(JsonTableModel::joinStrings(
                                           k.value(QLatin1String("models")), tr("All models")))
                                     : QVariant();
                      }};
    columns << Column{[] { return tr("Pool"); },
                      [this](const QJsonObject &k, int role) -> QVariant {
                          if (role != Qt::DisplayRole)
                              return {};
                          const qint64 pool = k.value(QLatin1String("poolId")).toInteger(0);
                          return pool > 0 ? poolName(pool) : tr("All accounts");
                      }};
    columns << Column{[] { return tr("Expires"); }, time("expiresAt", true)};
    columns << Column{[] { return tr("Last used"); }, time("lastUsedAt", true)};
    columns << Column{[] { return tr("Created"); }, time("createdAt", false)};
    model()->setColumns(columns);
}

void KeysPage::fillUserChooser()
{
    m_userChooser->clear();
    m_userChooser->addItem(tr("Everyone"), 0);
    for (const QJsonValue &v : std::as_const(m_users)) {
        const QJsonObject u = v.toObject();
        m_userChooser->addItem(userName(u.value(QLatin1String("id")).toInteger()),
                               u.value(QLatin1String("id")).toInteger());
    }
    m_userChooser->setCurrentIndex(qMax(0, m_userChooser->findData(m_userId)));
}

void KeysPage::load()
{
    auto pending = std::make_shared<int>(3);
    auto step = [this, pending] {
        if (--*pending == 0) {
            model()->retranslate();
            finishLoad();
        }
    };
    // Users and pools name the owners and bindings; members may not list them (403), which
    // only leaves the ids shown.
    api()->get(QStringLiteral("/api/users"), {}, this, [this, step](const ApiResult &r) {
        if (r.ok())
            m_users = r.object().value(QLatin1String("items")).toArray();
        fillUserChooser();
        step();
    });
    api()->get(QStringLiteral("/api/pools"), {}, this, [this, step](const ApiResult &r) {
        if (r.ok())
            m_pools = r.object().value(QLatin1String("items")).toArray();
        step();
    });
    loadKeys(step);
}

void KeysPage::loadKeys(const std::function<void()> &done)
{
    QUrlQuery query;
    if (m_userId > 0)
        query.addQueryItem(QStringLiteral("userId"), QString::number(m_userId));
    // Only the newest answer counts: an older one (another user's keys) may arrive later.
    const int generation = ++m_keysGeneration;
    api()->get(QStringLiteral("/api/keys"), query, this,
               loading([this, done, generation](const ApiResult &r) {
                   if (r.ok() && generation == m_keysGeneration) {
                       const qint64 selected = currentId();
                       model()->setItems(r.object().value(QLatin1String("items")).toArray());
                       selectId(selected);
                   }
                   if (done)
                       done();
               }));
}

void KeysPage::updateActions()
{
    const QJsonObject key = currentItem();
    const QString s = key.value(QLatin1String("status")).toString();
    const bool revoked = s == QLatin1String("revoked");
    const bool disabled = key.value(QLatin1String("disabled")).toBool();
    m_toggle->setText(disabled ? tr("Enable") : tr("Disable"));
    if (revoked) {
        m_toggle->setEnabled(false);
        m_bind->setEnabled(false);
        m_revoke->setEnabled(false);
    }
}

void KeysPage::createKey()
{
    KeyDialog dialog(api(), m_users, m_pools, m_userId, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QJsonObject created = dialog.answer();
    const QString key = created.take(QStringLiteral("key")).toString();
    model()->upsert(created); // the list never holds the key itself
    selectId(created.value(QLatin1String("id")).toInteger());
    emit keysChanged();
    KeyRevealDialog reveal(created.value(QLatin1String("name")).toString(), key, this);
    reveal.exec();
}

void KeysPage::toggleDisabled()
{
    const QJsonObject key = currentItem();
    if (key.isEmpty())
        return;
    const bool disable = !key.value(QLatin1String("disabled")).toBool();
    api()->patch(QStringLiteral("/api/keys/%1").arg(key.value(QLatin1String("id")).toInteger()),
                 QJsonObject{{QStringLiteral("disabled"), disable}}, this,
                 guarded(disable ? tr("Could not disable the key") : tr("Could not enable the key"),
                         [this](const ApiResult &r) {
                             model()->upsert(r.object());
                             emit keysChanged();
                         }));
}

void KeysPage::bindPool()
{
    const QJsonObject key = currentItem();
    if (key.isEmpty())
        return;
    QStringList choices{tr("No pool (every enabled account)")};
    QList<qint64> ids{0};
    for (const QJsonValue &v : std::as_const(m_pools)) {
        choices << v.toObject().value(QLatin1String("name")).toString();
        ids << v.toObject().value(QLatin1String("id")).toInteger();
    }
    const int current = qMax(0, int(ids.indexOf(key.value(QLatin1String("poolId")).toInteger(0))));
    bool ok = false;
    const QString chosen = QInputDialog::getItem(
        this, tr("Account pool"),
        tr("Requests with the key \"%1\" use:").arg(key.value(QLatin1String("name")).toString()),
        choices, current, false, &ok);
    if (!ok)
        return;
    const qint64 poolId = ids.value(choices.indexOf(chosen));
    api()->patch(QStringLiteral("/api/keys/%1").arg(key.value(QLatin1String("id")).toInteger()),
                 QJsonObject{{QStringLiteral("poolId"),
                              poolId > 0 ? QJsonValue(poolId) : QJsonValue(QJsonValue::Null)}},
                 this, guarded(tr("Could not change the key's pool"), [this](const ApiResult &r) {
                     model()->upsert(r.object());
                     emit keysChanged();
                 }));
}

void KeysPage::revokeKey()
{
    const QJsonObject key = currentItem();
    if (key.isEmpty())
        return;
    if (!confirm(tr("Revoke the key \"%1\"? Programs using it stop working at once; this cannot "
                    "be undone.")
                     .arg(key.value(QLatin1String("name")).toString())))
        return;
    const qint64 id = key.value(QLatin1String("id")).toInteger();
    api()->remove(QStringLiteral("/api/keys/%1").arg(id), this,
                  guarded(tr("Could not revoke the key"), [this](const ApiResult &) {
                      emit keysChanged();
                      loadKeys({});
                  }));
}
