// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/KeyRevealWidget.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

KeyRevealWidget::KeyRevealWidget(QWidget *parent)
    : QWidget(parent), m_warning(new QLabel(this)), m_keyEdit(new QLineEdit(this)),
      m_copyButton(new QPushButton(this))
{
    m_warning->setWordWrap(true);
    m_warning->setTextFormat(Qt::PlainText);
    auto *icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(32, 32));
    icon->setAlignment(Qt::AlignTop);

    m_keyEdit->setReadOnly(true);
    m_keyEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_keyEdit->setObjectName(QStringLiteral("keyEdit"));
    m_copyButton->setObjectName(QStringLiteral("copyButton"));
    connect(m_copyButton, &QPushButton::clicked, this, &KeyRevealWidget::copy);

    auto *warningRow = new QHBoxLayout;
    warningRow->addWidget(icon);
    warningRow->addWidget(m_warning, 1);
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_keyEdit, 1);
    keyRow->addWidget(m_copyButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(warningRow);
    layout->addLayout(keyRow);
    retranslate();
}

void KeyRevealWidget::setKey(const QString &key)
{
    m_keyEdit->setText(key);
    m_keyEdit->setMinimumWidth(m_keyEdit->fontMetrics().horizontalAdvance(key) + 16);
    m_copied = false;
    retranslate();
}

QString KeyRevealWidget::key() const
{
    return m_keyEdit->text();
}

void KeyRevealWidget::copy()
{
    QApplication::clipboard()->setText(m_keyEdit->text());
    m_keyEdit->selectAll();
    m_copied = true;
    retranslate();
    emit copied();
}

void KeyRevealWidget::retranslate()
{
    m_warning->setText(
        tr("This is the only time the key is shown. Copy it now and keep it somewhere safe: the "
           "server stores only a hash and cannot show it again. If it is lost, revoke it and "
           "create a new one."));
    m_copyButton->setText(m_copied ? tr("Copied") : tr("Copy"));
}

void KeyRevealWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}
