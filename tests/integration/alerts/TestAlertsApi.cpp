// placeholder
#include <QtTest>
class TestAlertsApi final : public QObject
{
    Q_OBJECT
};
QTEST_GUILESS_MAIN(TestAlertsApi)
#include "TestAlertsApi.moc"
