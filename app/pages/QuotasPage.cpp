// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/QuotasPage.h"

#include "dialogs/QuotaDialog.h"

#include <QJsonArray>
#include <QPushButton>
#include <QTableView>

QuotasPage::QuotasPage(ApiClient *api, QWidget *parent) : ListPage(api, parent)
{
    setObjectName(QStringLiteral("quotasPage"));
    m_add = addAction(QStringLiteral("addQuota"), false, [this] { editQuota(true); });
    m_edit = addAction(QStringLiteral("editQuota"), true, [this] { editQuota(false); });
    m_delete = addAction(QStringLiteral("deleteQuota"), true, [this] { deleteQuota(); });
    addActionStretch();
    m_refresh = addAction(QStringLiteral("refresh"), false, [this] { load(); });
    connect(view(), &QTableView::doubleClicked, this, [this] { editQuota(false); });
    setUpColumns();
    retranslateUi();
}

void QuotasPage::retranslateUi()
{
    m_add->setText(tr("Add quota..."));
    m_edit->setText(tr("Edit..."));
    m_delete->setText(tr("Delete"));
    m_refresh->setText(tr("Refresh"));
}

void QuotasPage::setUpColumns()
{
    using Column = JsonTableModel::Column;
    QList<Column> columns;
    columns << Column{
        [] { return tr("Applies to"); },
        [](const QJsonObject &q, int role) -> QVariant {
            if (role != Qt::DisplayRole)
                return {};
            return tr("%1 #%2")
                .arg(QuotaDialog::scopeLabel(q.value(QLatin1String("scope")).toString()))
                .arg(q.value(QLatin1String("scopeId")).toInteger());
        }};
    columns << Column{[] { return tr("Model"); },
                      [](const QJsonObject &q, int role) -> QVariant {
                          if (role != Qt::DisplayRole)
                              return {};
                          const QString model = q.value(QLatin1String("model")).toString();
                          return model.isEmpty() ? tr("(every model)") : model;
                      }};
    columns << Column{[] { return tr("Limits"); },
                      [](const QJsonObject &q, int role) -> QVariant {
                          return role == Qt::DisplayRole || role == Qt::ToolTipRole
                                     ? QVariant(QuotaDialog::limitsSummary(q))
                                     : QVariant();
                      }};
    columns << Column{[] { return tr("Applied"); },
                      [](const QJsonObject &q, int role) -> QVariant {
                          if (role != Qt::DisplayRole)
                              return {};
                          return q.value(QLatin1String("enabled")).toBool() ? tr("yes")
                                                                            : tr("no (disabled)");
                      }};
    columns << Column{[] { return tr("Updated"); },
                      [](const QJsonObject &q, int role) -> QVariant {
                          if (role == JsonTableModel::SortRole)
                              return q.value(QLatin1String("updatedAt")).toString();
                          return role == Qt::DisplayRole ? QVariant(JsonTableModel::formatTime(
                                                               q.value(QLatin1String("updatedAt"))))
                                                         : QVariant();
                      }};
    model()->setColumns(columns);
}

void QuotasPage::load()
{
    api()->get(QStringLiteral("/api/quotas"), {}, this, loading([this](const ApiResult &r) {
                   if (r.ok()) {
                       const qint64 selected = currentId();
                       model()->setItems(r.object().value(QLatin1String("items")).toArray());
                       selectId(selected);
                   }
                   finishLoad();
               }));
}

void QuotasPage::editQuota(bool create)
{
    const QJsonObject quota = create ? QJsonObject() : currentItem();
    if ((!create && quota.isEmpty()) || isBusy())
        return;
    QuotaDialog dialog(api(), quota, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    model()->upsert(dialog.answer());
    selectId(dialog.answer().value(QLatin1String("id")).toInteger());
    emit status(tr("Quota #%1 saved.").arg(dialog.answer().value(QLatin1String("id")).toInteger()));
}

void QuotasPage::deleteQuota()
{
    const QJsonObject quota = currentItem();
    if (quota.isEmpty())
        return;
    const qint64 id = quota.value(QLatin1String("id")).toInteger();
    if (!confirm(tr("Delete quota #%1 (%2)? Calls are no longer limited by it.")
                     .arg(id)
                     .arg(QuotaDialog::limitsSummary(quota))))
        return;
    api()->remove(QStringLiteral("/api/quotas/%1").arg(id), this,
                  guarded(tr("Could not delete the quota"), [this, id](const ApiResult &) {
                      model()->removeId(id);
                      emit status(tr("Quota #%1 deleted.").arg(id));
                  }));
}
