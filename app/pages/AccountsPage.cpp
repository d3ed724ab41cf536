// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/AccountsPage.h"

#include "dialogs/AccountDialog.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QTimer>

#include <memory>

namespace {
constexpr int HealthRefreshMs = 5000;

QString providerLabel(const QString &provider)
{
    if (provider == QLatin1String("anthropic"))
        return AccountsPage::tr("Anthropic");
    if (provider == QLatin1String("anthropic-oauth"))
        return AccountsPage::tr("Claude subscription");
    if (provider == QLatin1String("openai"))
        return AccountsPage::tr("OpenAI-compatible");
    if (provider == QLatin1String("gemini"))
        return AccountsPage::tr("Gemini");
    return provider;
}
} // namespace

AccountsPage::AccountsPage(ApiClient *api, QWidget *parent)
    : ListPage(api, parent), m_healthTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("accountsPage"));
    m_add = addAction(QStringLiteral("addAccount"), false, [this] { addAccount(false); });
    m_addOAuth = addAction(QStringLiteral("addOAuthAccount"), false, [this] { addAccount(true); });
    m_edit = addAction(QStringLiteral("editAccount"), true, [this] { editAccount(); });
    m_delete = addAction(QStringLiteral("deleteAccount"), true, [this] { deleteAccount(); });
    m_clearCooldown = addAction(QStringLiteral("clearCooldown"), true, [this] { clearCooldown(); });
    addActionStretch();
    m_refresh = addAction(QStringLiteral("refresh"), false, [this] { load(); });
    connect(view(), &QTableView::doubleClicked, this, [this] { editAccount(); });
    setUpColumns();
    retranslateUi();

    m_healthTimer->setInterval(HealthRefreshMs);
    connect(m_healthTimer, &QTimer::timeout, this, [this] {
        if (isVisible() && !isBusy() && isLoaded())
            loadHealth({});
    });
    m_healthTimer->start();
}

void AccountsPage::retranslateUi()
{
    m_add->setText(tr("Add account..."));
    m_addOAuth->setText(tr("Connect Claude subscription..."));
    m_edit->setText(tr("Edit..."));
    m_delete->setText(tr("Delete"));
    m_clearCooldown->setText(tr("Clear cooldown"));
    m_clearCooldown->setToolTip(tr("Let the account take requests again at once."));
    m_refresh->setText(tr("Refresh"));
}

QString AccountsPage::proxyName(const QJsonObject &a) const
{
    const qint64 proxyId = a.value(QLatin1String("proxyId")).toInteger(0);
    if (proxyId > 0) {
        for (const QJsonValue &v : m_proxies)
            if (v.toObject().value(QLatin1String("id")).toInteger() == proxyId)
                return v.toObject().value(QLatin1String("name")).toString();
        return tr("proxy #%1").arg(proxyId);
    }
    return a.value(QLatin1String("proxy")).toString();
}

void AccountsPage::setUpColumns()
{
    using Column = JsonTableModel::Column;
    auto text = [](const char *field) {
        return [field](const QJsonObject &a, int role) -> QVariant {
            return role == Qt::DisplayRole ? a.value(QLatin1String(field)).toVariant() : QVariant();
        };
    };
    auto number = [](const char *field) {
        return [field](const QJsonObject &a, int role) -> QVariant {
            return role == Qt::DisplayRole ? QVariant(a.value(QLatin1String(field)).toInteger())
                                           : QVariant();
        };
    };
    QList<Column> columns;
    columns << Column{[] { return tr("Name"); }, text("name")};
    columns << Column{[] { return tr("Provider"); },
                      [](const QJsonObject &a, int role) -> QVariant {
                          if (role == Qt::DisplayRole)
                              return providerLabel(a.value(QLatin1String("provider")).toString());
                          if (role == Qt::ToolTipRole)
                              return a.value(QLatin1String("baseUrl")).toString();
                          return {};
                      }};
    columns << Column{[] { return tr("Status"); },
                      [](const QJsonObject &a, int role) -> QVariant {
                          const bool enabled = a.value(QLatin1String("enabled")).toBool();
                          if (role == Qt::DisplayRole)
                              return enabled ? tr("Enabled") : tr("Disabled");
                          if (role == Qt::ForegroundRole && !enabled)
                              return QBrush(Qt::gray);
                          return {};
                      }};
    columns << Column{
        [] { return tr("Health"); },
        [](const QJsonObject &a, int role) -> QVariant {
            const QJsonObject h = a.value(QLatin1String("_health")).toObject();
            const bool attention = a.value(QLatin1String("needsAttention")).toBool() ||
                                   h.value(QLatin1String("needsAttention")).toBool();
            const bool cooling = h.value(QLatin1String("coolingDown")).toBool();
            if (role == Qt::DisplayRole) {
                if (h.isEmpty() && !attention)
                    return QString();
                if (attention)
                    return tr("Needs attention");
                if (cooling)
                    return tr("Cooling down");
                const int failures = h.value(QLatin1String("consecutiveFailures")).toInt();
                return failures > 0 ? tr("%n recent failure(s)", nullptr, failures) : tr("Healthy");
            }
            if (role == Qt::ForegroundRole) {
                if (attention)
                    return QBrush(QColor(0xc0, 0x39, 0x2b));
                if (cooling)
                    return QBrush(QColor(0xd3, 0x54, 0x00));
                return {};
            }
            if (role == Qt::ToolTipRole) {
                if (attention)
                    return tr("The provider refused the account's credentials. Check the key, "
                              "or connect the subscription again.");
                const QString last = h.value(QLatin1String("lastErrorType")).toString();
                return last.isEmpty() ? QVariant() : tr("Last error: %1").arg(last);
            }
            return {};
        }};
    columns << Column{
        [] { return tr("Cooldown"); },
        [](const QJsonObject &a, int role) -> QVariant {
            const QJsonObject h = a.value(QLatin1String("_health")).toObject();
            if (!h.value(QLatin1String("coolingDown")).toBool())
                return role == JsonTableModel::SortRole ? QVariant(qint64(0)) : QVariant();
            const qint64 until = h.value(QLatin1String("cooldownUntilMs")).toInteger();
            if (role == JsonTableModel::SortRole)
                return until;
            if (role == Qt::DisplayRole) {
                const QString time =
                    QLocale().toString(QDateTime::fromMSecsSinceEpoch(until).toLocalTime().time(),
                                       QLocale::ShortFormat);
                const QString reason = h.value(QLatin1String("cooldownReason")).toString();
                return reason.isEmpty() ? tr("until %1").arg(time)
                                        : tr("until %1 (%2)").arg(time, reason);
            }
            return {};
        }};
    columns << Column{[] { return tr("In flight"); },
                      [](const QJsonObject &a, int role) -> QVariant {
                          const QJsonObject h = a.value(QLatin1String("_health")).toObject();
                          if (role != Qt::DisplayRole || h.isEmpty())
                              return {};
                          return h.value(QLatin1String("inFlight")).toInteger();
                      },
                      true};
    columns << Column{[] { return tr("Priority"); }, number("priority"), true};
    columns << Column{[] { return tr("Weight"); }, number("weight"), true};
    columns << Column{[] { return tr("Max concurrent"); },
                      [](const QJsonObject &a, int role) -> QVariant {
                          const qint64 max = a.value(QLatin1String("maxConcurrency")).toInteger();
                          if (role == JsonTableModel::SortRole)
                              return max;
                          if (role == Qt::DisplayRole)
                              return max == 0 ? tr("Unlimited") : QString::number(max);
                          return {};
                      },
                      true};
    columns << Column{[] { return tr("Models"); },
                      [](const QJsonObject &a, int role) -> QVariant {
                          if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
                              return {};
                          QString shown = JsonTableModel::joinStrings(
                              a.value(QLatin1String("models")), tr("All models"));
                          const QJsonObject map = a.value(QLatin1String("modelMap")).toObject();
                          if (!map.isEmpty())
                              shown += tr(" (+%n mapped)", nullptr, int(map.size()));
                          return shown;
                      }};
    columns << Column{[] { return tr("Proxy"); },
                      [this](const QJsonObject &a, int role) -> QVariant {
                          return role == Qt::DisplayRole ? QVariant(proxyName(a)) : QVariant();
                      }};
    columns << Column{
        [] { return tr("Credentials"); },
        [](const QJsonObject &a, int role) -> QVariant {
            if (role != Qt::DisplayRole)
                return {};
            if (a.contains(QLatin1String("oauth"))) {
                const QJsonObject o = a.value(QLatin1String("oauth")).toObject();
                if (!o.value(QLatin1String("hasTokens")).toBool())
                    return tr("Not connected");
                return tr("Signed in, token until %1")
                    .arg(JsonTableModel::formatTime(o.value(QLatin1String("expiresAt"))));
            }
            return a.value(QLatin1String("hasApiKey")).toBool() ? tr("API key stored")
                                                                : tr("No API key");
        }};
    model()->setColumns(columns);
}

void AccountsPage::load()
{
    auto pending = std::make_shared<int>(2);
    auto step = [this, pending] {
        if (--*pending == 0)
            finishLoad();
    };
    api()->get(QStringLiteral("/api/proxies"), {}, this, loading([this, step](const ApiResult &r) {
                   if (r.ok())
                       m_proxies = r.object().value(QLatin1String("items")).toArray();
                   step();
               }));
    api()->get(QStringLiteral("/api/accounts"), {}, this, loading([this, step](const ApiResult &r) {
                   if (!r.ok()) {
                       step();
                       return;
                   }
                   const qint64 selected = currentId();
                   model()->setItems(r.object().value(QLatin1String("items")).toArray());
                   selectId(selected);
                   loadHealth(step);
               }));
}

void AccountsPage::loadHealth(const std::function<void()> &done)
{
    const QList<QJsonObject> items = model()->items();
    if (items.isEmpty()) {
        if (done)
            done();
        return;
    }
    auto pending = std::make_shared<int>(int(items.size()));
    for (const QJsonObject &a : items) {
        const qint64 id = a.value(QLatin1String("id")).toInteger();
        // Health is extra information: a failure leaves the column empty, no message box.
        api()->get(QStringLiteral("/api/accounts/%1/health").arg(id), {}, this,
                   [this, id, pending, done](const ApiResult &r) {
                       if (r.ok())
                           model()->merge(id, QStringLiteral("_health"), r.object());
                       if (--*pending == 0 && done)
                           done();
                   });
    }
}

void AccountsPage::updateActions()
{
    const QJsonObject h = currentItem().value(QLatin1String("_health")).toObject();
    m_clearCooldown->setEnabled(m_clearCooldown->isEnabled() &&
                                h.value(QLatin1String("coolingDown")).toBool());
}

void AccountsPage::addAccount(bool oauth)
{
    AccountDialog dialog(api(), oauth ? AccountDialog::Mode::OAuth : AccountDialog::Mode::Create,
                         QJsonObject(), m_proxies, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    model()->upsert(dialog.answer());
    const qint64 id = dialog.answer().value(QLatin1String("id")).toInteger();
    selectId(id);
    emit status(
        tr("Account \"%1\" added.").arg(dialog.answer().value(QLatin1String("name")).toString()));
    loadHealth({});
}

void AccountsPage::editAccount()
{
    const QJsonObject account = currentItem();
    if (account.isEmpty() || isBusy())
        return;
    AccountDialog dialog(api(), AccountDialog::Mode::Edit, account, m_proxies, this);
    if (dialog.exec() != QDialog::Accepted || dialog.answer().isEmpty())
        return;
    model()->upsert(dialog.answer());
    emit status(
        tr("Account \"%1\" saved.").arg(dialog.answer().value(QLatin1String("name")).toString()));
}

void AccountsPage::deleteAccount()
{
    const QJsonObject account = currentItem();
    if (account.isEmpty())
        return;
    const QString name = account.value(QLatin1String("name")).toString();
    if (!confirm(tr("Delete the account \"%1\"? Requests will no longer use it, and it is removed "
                    "from its pools.")
                     .arg(name)))
        return;
    const qint64 id = account.value(QLatin1String("id")).toInteger();
    api()->remove(QStringLiteral("/api/accounts/%1").arg(id), this,
                  guarded(tr("Could not delete the account"), [this, id, name](const ApiResult &) {
                      model()->removeId(id);
                      emit status(tr("Account \"%1\" deleted.").arg(name));
                  }));
}

void AccountsPage::clearCooldown()
{
    const qint64 id = currentId();
    if (id < 0)
        return;
    api()->remove(QStringLiteral("/api/accounts/%1/cooldown").arg(id), this,
                  guarded(tr("Could not clear the cooldown"), [this](const ApiResult &) {
                      emit status(tr("Cooldown cleared."));
                      loadHealth({});
                  }));
}
