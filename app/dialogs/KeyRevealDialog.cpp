// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/KeyRevealDialog.h"

#include "widgets/KeyRevealWidget.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QMessageBox>
#include <QVBoxLayout>

KeyRevealDialog::KeyRevealDialog(const QString &keyName, const QString &key, QWidget *parent)
    : QDialog(parent), m_reveal(new KeyRevealWidget(this))
{
    setWindowTitle(tr("New key \"%1\"").arg(keyName));
    m_reveal->setKey(key);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_reveal);
    layout->addWidget(buttons);
}

void KeyRevealDialog::done(int result)
{
    if (!m_reveal->wasCopied() && isVisible() &&
        QMessageBox::question(this, windowTitle(),
                              tr("The key has not been copied. Once this window is closed it "
                                 "cannot be shown again. Close anyway?")) != QMessageBox::Yes)
        return;
    QDialog::done(result);
}
