// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

// Shows a newly created personal key the one time it exists in the clear: the key in a
// read-only field, a Copy button and a warning that it cannot be shown again.
class KeyRevealWidget : public QWidget
{
    Q_OBJECT
public:
    explicit KeyRevealWidget(QWidget *parent = nullptr);

    void setKey(const QString &key);
    QString key() const;
    bool wasCopied() const { return m_copied; }
    void retranslate();

signals:
    void copied();

protected:
    void changeEvent(QEvent *event) override;

private:
    void copy();

    QLabel *m_warning;
    QLineEdit *m_keyEdit;
    QPushButton *m_copyButton;
    bool m_copied = false;
};
