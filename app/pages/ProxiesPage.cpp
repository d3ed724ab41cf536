// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/ProxiesPage.h"

#include "dialogs/ProxyDialog.h"

#include <QBrush>
#include <QColor>
#include <QPushButton>
#include <QTableView>

ProxiesPage::ProxiesPage(ApiClient *api, QWidget *parent) : ListPage(api, parent)
{
    setObjectName(QStringLiteral("proxiesPage"));
    m_add = addAction(QStringLiteral("addProxy"), false, [this] { editProxy(true); });
    m_edit = addAction(QStringLiteral("editProxy"), true, [this] { editProxy(false); });
    m_delete = addAction(QStringLiteral("deleteProxy"), true, [this] { deleteProxy(); });
    m_test = addAction(QStringLiteral("testProxy"), true, [this] { testProxy(); });
    addActionStretch();
    m_refresh = addAction(QStringLiteral("refresh"), false, [this] { load(); });
    connect(view(), &QTableView::doubleClicked, this, [this] { editProxy(false); });
    setUpColumns();
    retranslateUi();
}

void ProxiesPage::retranslateUi()
{
    m_add->setText(tr("Add proxy..."));
    m_edit->setText(tr("Edit..."));
    m_delete->setText(tr("Delete"));
    m_test->setText(tr("Test"));
    m_test->setToolTip(tr("Send one request through the proxy and show the latency or the error."));
    m_refresh->setText(tr("Refresh"));
}

void ProxiesPage::setUpColumns()
{
    using Column = JsonTableModel::Column;
    QList<Column> columns;
    columns << Column{[] { return tr("Name"); },
                      [](const QJsonObject &p, int role) -> QVariant {
                          return role == Qt::DisplayRole
                                     ? p.value(QLatin1String("name")).toVariant()
                                     : QVariant();
                      }};
    columns << Column{[] { return tr("URL"); },
                      [](const QJsonObject &p, int role) -> QVariant {
                          return role == Qt::DisplayRole ? p.value(QLatin1String("url")).toVariant()
                                                         : QVariant();
                      }};
    columns << Column{
        [] { return tr("Last test"); },
        [](const QJsonObject &p, int role) -> QVariant {
            const QJsonObject t = p.value(QLatin1String("_test")).toObject();
            if (t.isEmpty())
                return role == Qt::DisplayRole ? QVariant(tr("Not tested")) : QVariant();
            const bool ok = t.value(QLatin1String("ok")).toBool();
            if (role == Qt::ForegroundRole)
                return QBrush(ok ? QColor(0x1e, 0x84, 0x49) : QColor(0xc0, 0x39, 0x2b));
            if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
                if (ok)
                    return tr("OK, %1 ms (HTTP %2)")
                        .arg(t.value(QLatin1String("latencyMs")).toInteger())
                        .arg(t.value(QLatin1String("status")).toInt());
                return tr("Failed: %1").arg(t.value(QLatin1String("error")).toString());
            }
            return {};
        }};
    columns << Column{[] { return tr("Updated"); },
                      [](const QJsonObject &p, int role) -> QVariant {
                          if (role == JsonTableModel::SortRole)
                              return p.value(QLatin1String("updatedAt")).toString();
                          return role == Qt::DisplayRole ? QVariant(JsonTableModel::formatTime(
                                                               p.value(QLatin1String("updatedAt"))))
                                                         : QVariant();
                      }};
    model()->setColumns(columns);
}

void ProxiesPage::load()
{
    api()->get(QStringLiteral("/api/proxies"), {}, this, loading([this](const ApiResult &r) {
                   if (r.ok()) {
                       const qint64 selected = currentId();
                       // Keep the last test results across a refresh.
                       QHash<qint64, QJsonValue> tests;
                       for (const QJsonObject &p : model()->items())
                           if (p.contains(QLatin1String("_test")))
                               tests.insert(p.value(QLatin1String("id")).toInteger(),
                                            p.value(QLatin1String("_test")));
                       model()->setItems(r.object().value(QLatin1String("items")).toArray());
                       for (auto it = tests.begin(); it != tests.end(); ++it)
                           model()->merge(it.key(), QStringLiteral("_test"), it.value());
                       selectId(selected);
                   }
                   finishLoad();
               }));
}

void ProxiesPage::editProxy(bool create)
{
    const QJsonObject proxy = create ? QJsonObject() : currentItem();
    if ((!create && proxy.isEmpty()) || isBusy())
        return;
    ProxyDialog dialog(api(), proxy, this);
    if (dialog.exec() != QDialog::Accepted || dialog.answer().isEmpty())
        return;
    model()->upsert(dialog.answer());
    selectId(dialog.answer().value(QLatin1String("id")).toInteger());
    emit status(
        tr("Proxy \"%1\" saved.").arg(dialog.answer().value(QLatin1String("name")).toString()));
}

void ProxiesPage::deleteProxy()
{
    const QJsonObject proxy = currentItem();
    if (proxy.isEmpty())
        return;
    const QString name = proxy.value(QLatin1String("name")).toString();
    if (!confirm(tr("Delete the proxy \"%1\"?").arg(name)))
        return;
    const qint64 id = proxy.value(QLatin1String("id")).toInteger();
    api()->remove(QStringLiteral("/api/proxies/%1").arg(id), this,
                  guarded(tr("Could not delete the proxy"), [this, id, name](const ApiResult &) {
                      model()->removeId(id);
                      emit status(tr("Proxy \"%1\" deleted.").arg(name));
                  }));
}

void ProxiesPage::testProxy()
{
    const QJsonObject proxy = currentItem();
    if (proxy.isEmpty())
        return;
    const qint64 id = proxy.value(QLatin1String("id")).toInteger();
    const QString name = proxy.value(QLatin1String("name")).toString();
    emit status(tr("Testing proxy \"%1\"...").arg(name));
    api()->post(QStringLiteral("/api/proxies/%1/test").arg(id), QJsonObject(), this,
                guarded(tr("Could not test the proxy"), [this, id, name](const ApiResult &r) {
                    const QJsonObject t = r.object();
                    model()->merge(id, QStringLiteral("_test"), t);
                    if (t.value(QLatin1String("ok")).toBool())
                        emit status(tr("Proxy \"%1\" works: %2 ms.")
                                        .arg(name)
                                        .arg(t.value(QLatin1String("latencyMs")).toInteger()));
                    else
                        emit status(tr("Proxy \"%1\" failed: %2")
                                        .arg(name, t.value(QLatin1String("error")).toString()));
                }));
}
