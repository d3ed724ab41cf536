// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QJsonObject>
#include <QList>
#include <QPointer>

class ApiClient;
class QDialogButtonBox;

// A form dialog that saves through the admin API: "Save" sends the request with the dialog as
// the call context (closing the dialog cancels it), the form is disabled while the call is in
// flight, a refusal is shown as a readable message and the dialog stays open with the input
// kept, and on success the answer is available from answer() and the dialog is accepted.
class ApiDialog : public QDialog
{
    Q_OBJECT
public:
    ApiDialog(ApiClient *api, QWidget *parent = nullptr);

    // The JSON answer of the successful save.
    QJsonObject answer() const { return m_answer; }

protected:
    enum class Method
    {
        Post,
        Patch
    };

    ApiClient *api() const { return m_api; }
    QDialogButtonBox *buttonBox() const { return m_buttons; }
    // Builds the request from the form; called when the user presses Save.
    virtual void save() = 0;
    void submit(Method method, const QString &path, const QJsonObject &body);
    // A readable error (validation before sending, or the API's message).
    void showError(const QString &message);
    void setBusy(bool busy);
    bool isBusy() const { return m_busy; }

private:
    ApiClient *m_api;
    QDialogButtonBox *m_buttons;
    QJsonObject m_answer;
    QList<QPointer<QWidget>> m_disabled;
    bool m_busy = false;
};
