// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/ApiDialog.h"

#include "api/ApiClient.h"

#include <QDialogButtonBox>
#include <QMessageBox>
#include <QPushButton>

ApiDialog::ApiDialog(ApiClient *api, QWidget *parent)
    : QDialog(parent), m_api(api),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (!m_busy)
            save();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void ApiDialog::submit(Method method, const QString &path, const QJsonObject &body)
{
    setBusy(true);
    auto done = [this](const ApiResult &result) {
        setBusy(false);
        if (!result.ok()) {
            showError(result.errorMessage);
            return;
        }
        m_answer = result.object();
        accept();
    };
    if (method == Method::Post)
        m_api->post(path, body, this, done);
    else
        m_api->patch(path, body, this, done);
}

void ApiDialog::showError(const QString &message)
{
    QMessageBox::warning(this, windowTitle(),
                         message.isEmpty() ? tr("The server refused the request.") : message);
}

void ApiDialog::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    // The form stays readable but cannot change or be sent twice while the call runs. Only the
    // widgets disabled here are enabled again (some are disabled on purpose by the form).
    if (busy) {
        for (QWidget *child : findChildren<QWidget *>(QString(), Qt::FindDirectChildrenOnly)) {
            if (child != m_buttons && child->isEnabled()) {
                child->setEnabled(false);
                m_disabled.append(child);
            }
        }
    } else {
        for (const QPointer<QWidget> &child : std::as_const(m_disabled))
            if (child)
                child->setEnabled(true);
        m_disabled.clear();
    }
    if (QPushButton *save = m_buttons->button(QDialogButtonBox::Save))
        save->setEnabled(!busy);
    setCursor(busy ? Qt::BusyCursor : Qt::ArrowCursor);
}
