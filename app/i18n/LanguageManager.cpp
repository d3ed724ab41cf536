// SPDX-License-Identifier: GPL-3.0-or-later
#include "i18n/LanguageManager.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QSettings>
#include <QTranslator>

static constexpr char kSettingsKey[] = "language";

LanguageManager::LanguageManager(QObject *parent) : QObject(parent) {}

LanguageManager::~LanguageManager()
{
    removeTranslators();
}

QStringList LanguageManager::languages()
{
    return {QStringLiteral("en"), QStringLiteral("zh_CN")};
}

QString LanguageManager::nativeName(const QString &code)
{
    if (code == QLatin1String("en"))
        return QStringLiteral("English");
    if (code == QLatin1String("zh_CN"))
        return QStringLiteral("简体中文");
    return {};
}

QString LanguageManager::languageForLocale(const QLocale &locale)
{
    if (locale.language() == QLocale::Chinese)
        return QStringLiteral("zh_CN");
    return QStringLiteral("en");
}

QString LanguageManager::startupLanguage() const
{
    const QString saved = QSettings().value(QLatin1String(kSettingsKey)).toString();
    if (languages().contains(saved))
        return saved;
    return languageForLocale(QLocale::system());
}

bool LanguageManager::setLanguage(const QString &code, bool remember)
{
    if (!languages().contains(code))
        return false;
    if (code == m_language) {
        if (remember)
            QSettings().setValue(QLatin1String(kSettingsKey), code);
        return true;
    }

    auto *appTranslator = new QTranslator(this);
    if (!appTranslator->load(QStringLiteral(":/i18n/aicarpool_%1.qm").arg(code))) {
        delete appTranslator;
        return false;
    }
    // Qt's own strings (standard buttons, dialogs); optional, present when the system has them.
    auto *qtTranslator = new QTranslator(this);
    if (!qtTranslator->load(QStringLiteral("qtbase_%1").arg(code),
                            QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        delete qtTranslator;
        qtTranslator = nullptr;
    }

    removeTranslators();
    m_appTranslator = appTranslator;
    m_qtTranslator = qtTranslator;
    QCoreApplication::installTranslator(m_appTranslator);
    if (m_qtTranslator)
        QCoreApplication::installTranslator(m_qtTranslator);
    QLocale::setDefault(QLocale(code));

    m_language = code;
    if (remember)
        QSettings().setValue(QLatin1String(kSettingsKey), code);
    emit languageChanged(code);
    return true;
}

void LanguageManager::removeTranslators()
{
    if (m_appTranslator) {
        QCoreApplication::removeTranslator(m_appTranslator);
        delete m_appTranslator;
        m_appTranslator = nullptr;
    }
    if (m_qtTranslator) {
        QCoreApplication::removeTranslator(m_qtTranslator);
        delete m_qtTranslator;
        m_qtTranslator = nullptr;
    }
}
