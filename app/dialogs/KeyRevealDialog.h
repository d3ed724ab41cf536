// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class KeyRevealWidget;

// The one-time view of a new personal key (see KeyRevealWidget). Closing it before the key was
// copied asks for confirmation.
class KeyRevealDialog : public QDialog
{
    Q_OBJECT
public:
    KeyRevealDialog(const QString &keyName, const QString &key, QWidget *parent = nullptr);
    KeyRevealWidget *revealWidget() const { return m_reveal; }

    void done(int result) override;

private:
    KeyRevealWidget *m_reveal;
};
