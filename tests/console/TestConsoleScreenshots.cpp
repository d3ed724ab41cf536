// SPDX-License-Identifier: GPL-3.0-or-later
// `aicarpool-console --screenshots DIR` against a daemon filled with realistic data: exits 0 and
// leaves one non-blank PNG per page, in English and in Chinese.
//
// With AICARPOOL_SCREENSHOTS_OUT set, the English PNGs are also copied there (this is how
// docs/screenshots/ is produced).
#include "ConsoleFixture.h"
#include "TestEnv.h"

#include "pages/PageRegistry.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

namespace {

// Distinct colours in a sample of the image: a blank or single-colour capture has very few.
int distinctColours(const QImage &image)
{
    QSet<QRgb> colours;
    const int stepX = qMax(1, image.width() / 200);
    const int stepY = qMax(1, image.height() / 200);
    for (int y = 0; y < image.height(); y += stepY) {
        for (int x = 0; x < image.width(); x += stepX)
            colours.insert(image.pixel(x, y));
    }
    return int(colours.size());
}

} // namespace

class TestConsoleScreenshots : public QObject
{
    Q_OBJECT
    ConsoleFixture m_f;

    void runScreenshots(const QString &language, const QString &dir)
    {
        const QString console = TestEnv::binary(QStringLiteral("aicarpool-console"));
        QVERIFY2(!console.isEmpty(), "aicarpool-console is not built");
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("AICARPOOL_CONSOLE_EMAIL"), m_f.daemon().adminEmail());
        env.insert(QStringLiteral("AICARPOOL_CONSOLE_PASSWORD"), m_f.daemon().adminPassword());
        // A private settings directory: the run must not touch the user's saved servers.
        QTemporaryDir config;
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
        process.setProcessEnvironment(env);
        QStringList args{QStringLiteral("--server"), m_f.url(), QStringLiteral("--screenshots"),
                         dir};
        if (!language.isEmpty())
            args << QStringLiteral("--language") << language;
        process.start(console, args);
        QVERIFY(process.waitForStarted());
        QVERIFY2(process.waitForFinished(240000), "the screenshot run did not finish");
        const QByteArray output = process.readAllStandardError();
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QVERIFY2(process.exitCode() == 0, output.constData());
        const QStringList ids = PageRegistry::ids();
        QVERIFY(ids.contains(QStringLiteral("dashboard")));
        QVERIFY(ids.contains(QStringLiteral("settings")));
        for (const QString &id : ids) {
            const QString file = QDir(dir).filePath(id + QStringLiteral(".png"));
            QVERIFY2(QFile::exists(file), qPrintable(file));
            const QImage image(file);
            QVERIFY2(!image.isNull(), qPrintable(file));
            QVERIFY(image.width() >= 800 && image.height() >= 500);
            const int colours = distinctColours(image);
            QVERIFY2(colours > 8,
                     qPrintable(QStringLiteral("%1 has only %2 colours").arg(file).arg(colours)));
        }
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_f.start(&error), qPrintable(error));
        QVERIFY2(m_f.seed(300, &error), qPrintable(error));
    }

    void english()
    {
        QTemporaryDir dir;
        runScreenshots(QString(), dir.path());
        const QString out = qEnvironmentVariable("AICARPOOL_SCREENSHOTS_OUT");
        if (!out.isEmpty()) {
            QDir().mkpath(out);
            for (const QString &id : PageRegistry::ids()) {
                const QString target = QDir(out).filePath(id + QStringLiteral(".png"));
                QFile::remove(target);
                QVERIFY(
                    QFile::copy(QDir(dir.path()).filePath(id + QStringLiteral(".png")), target));
            }
        }
    }

    void chinese()
    {
        QTemporaryDir dir;
        runScreenshots(QStringLiteral("zh_CN"), dir.path());
        // AICARPOOL_SCREENSHOTS_OUT_ZH_CN: where to keep the Chinese ones (for review).
        const QString out = qEnvironmentVariable("AICARPOOL_SCREENSHOTS_OUT_ZH_CN");
        if (!out.isEmpty()) {
            QDir().mkpath(out);
            for (const QString &id : PageRegistry::ids()) {
                const QString target = QDir(out).filePath(id + QStringLiteral(".png"));
                QFile::remove(target);
                QVERIFY(
                    QFile::copy(QDir(dir.path()).filePath(id + QStringLiteral(".png")), target));
            }
        }
    }
};

QTEST_MAIN(TestConsoleScreenshots)
#include "TestConsoleScreenshots.moc"
