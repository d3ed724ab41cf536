<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AccountDialog</name>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="48"/>
        <source>Add account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="52"/>
        <source>Edit account &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="55"/>
        <source>Connect a Claude subscription</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="70"/>
        <source>Claude subscription (OAuth)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="73"/>
        <source>Anthropic (API key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="74"/>
        <source>OpenAI or compatible (DeepSeek, Qwen, Kimi, GLM, ...)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="76"/>
        <source>Google Gemini</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="84"/>
        <source>Stored - type a new key only to replace it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="85"/>
        <source>The provider&apos;s API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="86"/>
        <source>Take requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="91"/>
        <source>1 to 100; lower is used first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="95"/>
        <source>Share of requests in weighted pools (1 to 1000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="98"/>
        <source>Unlimited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="101"/>
        <source>No proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="104"/>
        <source>Named proxy: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="107"/>
        <source>Own proxy URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="113"/>
        <source>One model a line; empty = every model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="121"/>
        <source>Add mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="122"/>
        <source>Remove mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="132"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="133"/>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="134"/>
        <source>Base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="136"/>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="140"/>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="141"/>
        <source>Weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="142"/>
        <source>Max concurrent requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="146"/>
        <source>Proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="147"/>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="155"/>
        <source>Model map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="159"/>
        <source>Sign in with Claude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="160"/>
        <source>1. Open the sign-in page and sign in with the subscription&apos;s Claude account.
2. Copy the code the page shows and paste it below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="165"/>
        <source>Open sign-in page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="170"/>
        <source>Starting...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="175"/>
        <source>Paste the code here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="179"/>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="295"/>
        <source>Give the account a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="297"/>
        <source>Enter the provider&apos;s API key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="299"/>
        <source>The sign-in could not be started; close this window and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="301"/>
        <source>Paste the code shown after signing in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="303"/>
        <source>Enter the proxy URL, or choose &quot;No proxy&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountHealthWidget</name>
    <message>
        <location filename="../app/widgets/AccountHealthWidget.cpp" line="35"/>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/widgets/AccountHealthWidget.cpp" line="35"/>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/widgets/AccountHealthWidget.cpp" line="35"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/widgets/AccountHealthWidget.cpp" line="36"/>
        <source>In flight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/widgets/AccountHealthWidget.cpp" line="36"/>
        <source>Cooling down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/widgets/AccountHealthWidget.cpp" line="37"/>
        <source>Needs attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/widgets/AccountHealthWidget.cpp" line="111"/>
        <location filename="../app/widgets/AccountHealthWidget.cpp" line="131"/>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/widgets/AccountHealthWidget.cpp" line="114"/>
        <source>until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/widgets/AccountHealthWidget.cpp" line="121"/>
        <source>enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/widgets/AccountHealthWidget.cpp" line="121"/>
        <source>disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/widgets/AccountHealthWidget.cpp" line="123"/>
        <source>cooling down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/widgets/AccountHealthWidget.cpp" line="125"/>
        <source>needs attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/widgets/AccountHealthWidget.cpp" line="131"/>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/widgets/AccountHealthWidget.cpp" line="143"/>
        <source>%n account(s): </source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/widgets/AccountHealthWidget.cpp" line="144"/>
        <source>%1 cooling down, %2 need attention, %3 calls in flight</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="22"/>
        <source>Anthropic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="24"/>
        <source>Claude subscription</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="26"/>
        <source>OpenAI-compatible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="28"/>
        <source>Gemini</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="58"/>
        <source>Add account...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="59"/>
        <source>Connect Claude subscription...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="60"/>
        <source>Edit...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="61"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="62"/>
        <source>Clear cooldown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="63"/>
        <source>Let the account take requests again at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="64"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="74"/>
        <source>proxy #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="94"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="95"/>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="103"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="107"/>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="107"/>
        <source>Disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="113"/>
        <source>Health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="123"/>
        <source>Needs attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="125"/>
        <source>Cooling down</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/pages/AccountsPage.cpp" line="127"/>
        <source>%n recent failure(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="127"/>
        <source>Healthy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="138"/>
        <source>The provider refused the account&apos;s credentials. Check the key, or connect the subscription again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="141"/>
        <source>Last error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="146"/>
        <source>Cooldown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="159"/>
        <source>until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="160"/>
        <source>until %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="164"/>
        <source>In flight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="172"/>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="173"/>
        <source>Weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="174"/>
        <source>Max concurrent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="180"/>
        <source>Unlimited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="184"/>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="189"/>
        <source>All models</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/pages/AccountsPage.cpp" line="192"/>
        <source> (+%n mapped)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="195"/>
        <source>Proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="200"/>
        <source>Credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="207"/>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="208"/>
        <source>Signed in, token until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="211"/>
        <source>API key stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="212"/>
        <source>No API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="280"/>
        <source>Account &quot;%1&quot; added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="294"/>
        <source>Account &quot;%1&quot; saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="303"/>
        <source>Delete the account &quot;%1&quot;? Requests will no longer use it, and it is removed from its pools.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="309"/>
        <source>Could not delete the account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="311"/>
        <source>Account &quot;%1&quot; deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="321"/>
        <source>Could not clear the cooldown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="322"/>
        <source>Cooldown cleared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.h" line="21"/>
        <source>Accounts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApiClient</name>
    <message>
        <location filename="../app/api/ApiClient.cpp" line="151"/>
        <source>The server&apos;s certificate is not trusted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/api/ApiClient.cpp" line="153"/>
        <source>The request was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/api/ApiClient.cpp" line="156"/>
        <source>Cannot reach %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/api/ApiClient.cpp" line="167"/>
        <source>The server answered %1 %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/api/ApiClient.cpp" line="299"/>
        <source>Your session has expired; sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApiDialog</name>
    <message>
        <location filename="../app/dialogs/ApiDialog.cpp" line="42"/>
        <source>The server refused the request.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BudgetDialog</name>
    <message>
        <location filename="../app/dialogs/BudgetDialog.cpp" line="22"/>
        <source>Refuse calls once it is spent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/BudgetDialog.cpp" line="23"/>
        <source>Applied to calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/BudgetDialog.cpp" line="27"/>
        <source>Edit budget &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/BudgetDialog.cpp" line="28"/>
        <source>Add budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/BudgetDialog.cpp" line="70"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/BudgetDialog.cpp" line="71"/>
        <source>Applies to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/BudgetDialog.cpp" line="72"/>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/BudgetDialog.cpp" line="73"/>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/BudgetDialog.cpp" line="74"/>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/BudgetDialog.cpp" line="76"/>
        <source>Alert at (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/BudgetDialog.cpp" line="92"/>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/BudgetDialog.cpp" line="94"/>
        <source>Week (from Monday)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/BudgetDialog.cpp" line="96"/>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/BudgetDialog.cpp" line="136"/>
        <source>Give the budget a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/BudgetDialog.cpp" line="140"/>
        <source>Set an amount above 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/BudgetDialog.cpp" line="144"/>
        <source>Alert thresholds are 1 to 10 percentages from 1 to 100, ascending, separated by commas (e.g. 80, 95, 100).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BudgetsPage</name>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="40"/>
        <source>Add budget...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="41"/>
        <source>Edit...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="42"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="43"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="50"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="57"/>
        <source>Applies to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="61"/>
        <source>%1 #%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="65"/>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="72"/>
        <source>Amount (USD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="80"/>
        <source>Spent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="89"/>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="91"/>
        <source>Forecast at the end of the period: %1 USD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="95"/>
        <source>When spent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="100"/>
        <source>disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="101"/>
        <source>refuse calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="102"/>
        <source>alert only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="104"/>
        <source>Period ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="138"/>
        <source>Budget &quot;%1&quot; saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="147"/>
        <source>Delete the budget &quot;%1&quot;? Spending is no longer capped or alerted by it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="152"/>
        <source>Could not delete the budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="154"/>
        <source>Budget &quot;%1&quot; deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.h" line="17"/>
        <source>Budgets</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CertificateDialog</name>
    <message>
        <location filename="../app/dialogs/CertificateDialog.cpp" line="35"/>
        <source>Subject: %1
Issuer: %2
Valid from: %3
Valid until: %4
SHA-256 fingerprint:
%5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/CertificateDialog.cpp" line="46"/>
        <source>Untrusted certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/CertificateDialog.cpp" line="49"/>
        <source>The certificate of %1 could not be verified. Trust it only if the fingerprint below is the one of your server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/CertificateDialog.cpp" line="64"/>
        <source>Trust this certificate</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../app/pages/DashboardPage.cpp" line="101"/>
        <source>Requests per minute (last hour)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/DashboardPage.cpp" line="102"/>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/DashboardPage.cpp" line="103"/>
        <source>Error rate per minute (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/DashboardPage.cpp" line="104"/>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/DashboardPage.cpp" line="105"/>
        <source>Tokens and cost by day (last 30 days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/DashboardPage.cpp" line="106"/>
        <source>Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/DashboardPage.cpp" line="106"/>
        <source>Cost (USD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/DashboardPage.cpp" line="107"/>
        <source>Cost by model (last 30 days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/DashboardPage.cpp" line="108"/>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/DashboardPage.cpp" line="109"/>
        <source>Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/DashboardPage.cpp" line="110"/>
        <source>Live calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/DashboardPage.cpp" line="171"/>
        <source>Updated %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/DashboardPage.cpp" line="286"/>
        <location filename="../app/pages/DashboardPage.cpp" line="365"/>
        <source>&lt;b&gt;Errors, last hour&lt;/b&gt;&lt;br&gt;%1 of %2 (%3%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/DashboardPage.cpp" line="358"/>
        <source>&lt;b&gt;Requests today&lt;/b&gt;&lt;br&gt;%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/DashboardPage.cpp" line="360"/>
        <source>&lt;b&gt;Tokens today&lt;/b&gt;&lt;br&gt;%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/DashboardPage.cpp" line="361"/>
        <source>&lt;b&gt;Cost today&lt;/b&gt;&lt;br&gt;$%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/DashboardPage.h" line="33"/>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeyDialog</name>
    <message>
        <location filename="../app/dialogs/KeyDialog.cpp" line="18"/>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/KeyDialog.cpp" line="21"/>
        <source>Create key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/KeyDialog.cpp" line="25"/>
        <source>Myself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/KeyDialog.cpp" line="41"/>
        <source>Comma-separated; empty = every model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/KeyDialog.cpp" line="43"/>
        <source>No pool (every enabled account)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/KeyDialog.cpp" line="54"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/KeyDialog.cpp" line="55"/>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/KeyDialog.cpp" line="56"/>
        <source>Expiry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/KeyDialog.cpp" line="57"/>
        <source>Allowed models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/KeyDialog.cpp" line="58"/>
        <source>Account pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/KeyDialog.cpp" line="84"/>
        <source>Give the key a name, e.g. the machine or tool it is for.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeyRevealDialog</name>
    <message>
        <location filename="../app/dialogs/KeyRevealDialog.cpp" line="14"/>
        <source>New key &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/KeyRevealDialog.cpp" line="27"/>
        <source>The key has not been copied. Once this window is closed it cannot be shown again. Close anyway?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeyRevealWidget</name>
    <message>
        <location filename="../app/widgets/KeyRevealWidget.cpp" line="69"/>
        <source>This is the only time the key is shown. Copy it now and keep it somewhere safe: the server stores only a hash and cannot show it again. If it is lost, revoke it and create a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/widgets/KeyRevealWidget.cpp" line="72"/>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/widgets/KeyRevealWidget.cpp" line="72"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeysPage</name>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="51"/>
        <source>Owner:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="52"/>
        <source>Create key...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="53"/>
        <source>Pool...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="54"/>
        <source>Bind the key to an account pool, or unbind it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="55"/>
        <source>Revoke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="56"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="70"/>
        <source>user #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="78"/>
        <source>pool #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="97"/>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="101"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="102"/>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="103"/>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="110"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="120"/>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="122"/>
        <source>Disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="124"/>
        <source>Revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="126"/>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="129"/>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="133"/>
        <source>All models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="136"/>
        <source>Pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="141"/>
        <source>All accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="143"/>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="144"/>
        <source>Last used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="145"/>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="152"/>
        <source>Everyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="211"/>
        <source>Enable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="211"/>
        <source>Disable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="241"/>
        <source>Could not disable the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="241"/>
        <source>Could not enable the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="253"/>
        <source>No pool (every enabled account)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="262"/>
        <source>Account pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="263"/>
        <source>Requests with the key &quot;%1&quot; use:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="271"/>
        <source>Could not change the key&apos;s pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="282"/>
        <source>Revoke the key &quot;%1&quot;? Programs using it stop working at once; this cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="288"/>
        <source>Could not revoke the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.h" line="21"/>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message>
        <location filename="../app/pages/ListPage.cpp" line="140"/>
        <source>Could not load: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LiveTailWidget</name>
    <message>
        <location filename="../app/widgets/LiveTailWidget.cpp" line="31"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/widgets/LiveTailWidget.cpp" line="31"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/widgets/LiveTailWidget.cpp" line="31"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/widgets/LiveTailWidget.cpp" line="31"/>
        <source>Input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/widgets/LiveTailWidget.cpp" line="32"/>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/widgets/LiveTailWidget.cpp" line="32"/>
        <source>Cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/widgets/LiveTailWidget.cpp" line="32"/>
        <source>Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/widgets/LiveTailWidget.cpp" line="33"/>
        <source>Live: new calls appear as they complete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/widgets/LiveTailWidget.cpp" line="34"/>
        <source>Live feed not connected; showing the latest calls.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/widgets/LiveTailWidget.cpp" line="61"/>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="102"/>
        <source>aicarpool console</source>
        <translation>aicarpool console</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="103"/>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="104"/>
        <source>Sign &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="105"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="122"/>
        <source>%1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="123"/>
        <source>Not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="179"/>
        <source>Your session has expired. Sign in again to continue; the page keeps what you entered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="215"/>
        <source>You signed out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="vanished">&amp;Language</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="106"/>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="107"/>
        <source>&amp;About aicarpool console</source>
        <translation>&amp;About aicarpool console</translation>
    </message>
    <message>
        <source>Administer an aicarpool daemon: users, keys, upstream accounts, quotas and usage.</source>
        <translation type="vanished">Administer an aicarpool daemon: users, keys, upstream accounts, quotas and usage.</translation>
    </message>
    <message>
        <source>Sign in to a daemon</source>
        <translation type="vanished">Sign in to a daemon</translation>
    </message>
    <message>
        <source>Daemon &amp;URL:</source>
        <translation type="vanished">Daemon &amp;URL:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation type="vanished">&amp;Email:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="vanished">&amp;Password:</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="vanished">Sign in</translation>
    </message>
    <message>
        <source>Signing in is not available in this version yet: the form is not connected to a daemon.</source>
        <translation type="vanished">Signing in is not available in this version yet: the form is not connected to a daemon.</translation>
    </message>
    <message>
        <source>Not connected. Signing in to a daemon is not available yet.</source>
        <translation type="vanished">Not connected. Signing in to a daemon is not available yet.</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="128"/>
        <source>About aicarpool console</source>
        <translation>About aicarpool console</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="129"/>
        <source>&lt;p&gt;&lt;b&gt;aicarpool console&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Administration for a self-hosted carpool of AI-provider accounts.&lt;/p&gt;&lt;p&gt;License: GPL-3.0-or-later&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;aicarpool console&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Administration for a self-hosted carpool of AI-provider accounts.&lt;/p&gt;&lt;p&gt;License: GPL-3.0-or-later&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>ModelMapModel</name>
    <message>
        <location filename="../app/models/ModelMapModel.cpp" line="39"/>
        <source>Row %1 of the model map has no client model name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/models/ModelMapModel.cpp" line="41"/>
        <source>Row %1 of the model map (&quot;%2&quot;) has no upstream model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/models/ModelMapModel.cpp" line="45"/>
        <source>The model map names &quot;%1&quot; twice; keep one row for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/models/ModelMapModel.cpp" line="107"/>
        <source>Model the client asks for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/models/ModelMapModel.cpp" line="107"/>
        <source>Model sent upstream</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PoolDialog</name>
    <message>
        <location filename="../app/dialogs/PoolDialog.cpp" line="17"/>
        <source>Edit pool &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/PoolDialog.cpp" line="18"/>
        <source>Add pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/PoolDialog.cpp" line="46"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/PoolDialog.cpp" line="47"/>
        <source>Strategy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/PoolDialog.cpp" line="48"/>
        <source>Member accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/PoolDialog.cpp" line="65"/>
        <source>Priority (lower first, load spread within a tier)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/PoolDialog.cpp" line="67"/>
        <source>Weighted (by each account&apos;s weight)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/PoolDialog.cpp" line="69"/>
        <source>Round robin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/PoolDialog.cpp" line="71"/>
        <source>Least busy (fewest requests in flight)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/PoolDialog.cpp" line="73"/>
        <source>Lowest latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/PoolDialog.cpp" line="75"/>
        <source>Lowest cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/PoolDialog.cpp" line="93"/>
        <source>Give the pool a name.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PoolsPage</name>
    <message>
        <location filename="../app/pages/PoolsPage.cpp" line="26"/>
        <source>Add pool...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/PoolsPage.cpp" line="27"/>
        <source>Edit...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/PoolsPage.cpp" line="28"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/PoolsPage.cpp" line="29"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/PoolsPage.cpp" line="37"/>
        <source>account #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/PoolsPage.cpp" line="44"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/PoolsPage.cpp" line="50"/>
        <source>Strategy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/PoolsPage.cpp" line="57"/>
        <source>Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/PoolsPage.cpp" line="65"/>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/PoolsPage.cpp" line="72"/>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/PoolsPage.cpp" line="74"/>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/PoolsPage.cpp" line="120"/>
        <source>Pool &quot;%1&quot; saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/PoolsPage.cpp" line="129"/>
        <source>Delete the pool &quot;%1&quot;? Its accounts are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/PoolsPage.cpp" line="133"/>
        <source>Could not delete the pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/PoolsPage.cpp" line="135"/>
        <source>Pool &quot;%1&quot; deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/PoolsPage.h" line="18"/>
        <source>Pools</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProxiesPage</name>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="27"/>
        <source>Add proxy...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="28"/>
        <source>Edit...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="29"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="30"/>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="31"/>
        <source>Send one request through the proxy and show the latency or the error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="32"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="39"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="45"/>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="51"/>
        <source>Last test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="55"/>
        <source>Not tested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="61"/>
        <source>OK, %1 ms (HTTP %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="64"/>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="68"/>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="110"/>
        <source>Proxy &quot;%1&quot; saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="119"/>
        <source>Delete the proxy &quot;%1&quot;?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="123"/>
        <source>Could not delete the proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="125"/>
        <source>Proxy &quot;%1&quot; deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="136"/>
        <source>Testing proxy &quot;%1&quot;...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="138"/>
        <source>Could not test the proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="142"/>
        <source>Proxy &quot;%1&quot; works: %2 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="146"/>
        <source>Proxy &quot;%1&quot; failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.h" line="17"/>
        <source>Proxies</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProxyDialog</name>
    <message>
        <location filename="../app/dialogs/ProxyDialog.cpp" line="15"/>
        <source>Edit proxy &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/ProxyDialog.cpp" line="16"/>
        <source>Add proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/ProxyDialog.cpp" line="23"/>
        <source>http://, https://, socks5:// or socks5h:// with host and port, optionally user:password@. The password is stored encrypted and never shown again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/ProxyDialog.cpp" line="29"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/ProxyDialog.cpp" line="30"/>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/ProxyDialog.cpp" line="53"/>
        <source>Enter a name and the proxy URL.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuotaDialog</name>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="53"/>
        <source>Applied to calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="56"/>
        <source>Edit quota #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="57"/>
        <source>Add quota</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="72"/>
        <source>every model; or a name, or a prefix such as claude-opus*</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="78"/>
        <source>Applies to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="79"/>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="80"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="81"/>
        <source>Requests per minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="82"/>
        <source>Tokens per minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="83"/>
        <source>Calls at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="84"/>
        <source>Tokens per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="85"/>
        <source>Tokens per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="86"/>
        <source>Cost per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="87"/>
        <source>Cost per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="104"/>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="106"/>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="108"/>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="110"/>
        <source>Department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="112"/>
        <source>Enterprise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="123"/>
        <source>%1 requests/min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="125"/>
        <source>%1 tokens/min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="127"/>
        <source>%1 at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="129"/>
        <source>%1 tokens/day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="131"/>
        <source>%1 tokens/month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="133"/>
        <source>%1 USD/day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="135"/>
        <source>%1 USD/month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="136"/>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="164"/>
        <source>Set at least one limit above 0.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuotasPage</name>
    <message>
        <location filename="../app/pages/QuotasPage.cpp" line="25"/>
        <source>Add quota...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/QuotasPage.cpp" line="26"/>
        <source>Edit...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/QuotasPage.cpp" line="27"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/QuotasPage.cpp" line="28"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/QuotasPage.cpp" line="36"/>
        <source>Applies to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/QuotasPage.cpp" line="40"/>
        <source>%1 #%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/QuotasPage.cpp" line="44"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/QuotasPage.cpp" line="49"/>
        <source>(every model)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/QuotasPage.cpp" line="51"/>
        <source>Limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/QuotasPage.cpp" line="57"/>
        <source>Applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/QuotasPage.cpp" line="61"/>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/QuotasPage.cpp" line="62"/>
        <source>no (disabled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/QuotasPage.cpp" line="64"/>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/QuotasPage.cpp" line="97"/>
        <source>Quota #%1 saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/QuotasPage.cpp" line="106"/>
        <source>Delete quota #%1 (%2)? Calls are no longer limited by it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/QuotasPage.cpp" line="111"/>
        <source>Could not delete the quota</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/QuotasPage.cpp" line="113"/>
        <source>Quota #%1 deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/QuotasPage.h" line="17"/>
        <source>Quotas</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../app/pages/SettingsPage.cpp" line="73"/>
        <source>Trusted certificates forgotten.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/SettingsPage.cpp" line="89"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/SettingsPage.cpp" line="90"/>
        <source>Interface language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/SettingsPage.cpp" line="91"/>
        <source>Saved servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/SettingsPage.cpp" line="92"/>
        <source>Remove server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/SettingsPage.cpp" line="93"/>
        <source>Stored credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/SettingsPage.cpp" line="95"/>
        <source>With &quot;Remember me&quot; the session of a server is kept in the system keychain, never in a settings file. Clearing removes every stored session: the next start asks for the password again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/SettingsPage.cpp" line="98"/>
        <source>Clear stored credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/SettingsPage.cpp" line="99"/>
        <source>Forget trusted certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/SettingsPage.cpp" line="110"/>
        <source>session remembered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/SettingsPage.cpp" line="128"/>
        <source>Removed %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/SettingsPage.cpp" line="141"/>
        <source>Stored credentials cleared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/SettingsPage.cpp" line="142"/>
        <source>Some credentials could not be removed from the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/SettingsPage.h" line="24"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../app/dialogs/SignInDialog.cpp" line="95"/>
        <source>Sign in to aicarpool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/SignInDialog.cpp" line="96"/>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/SignInDialog.cpp" line="98"/>
        <source>&amp;Email:</source>
        <translation type="unfinished">&amp;Email:</translation>
    </message>
    <message>
        <location filename="../app/dialogs/SignInDialog.cpp" line="100"/>
        <source>&amp;Password:</source>
        <translation type="unfinished">&amp;Password:</translation>
    </message>
    <message>
        <location filename="../app/dialogs/SignInDialog.cpp" line="102"/>
        <source>&amp;Remember me (the session is kept in the system keychain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/SignInDialog.cpp" line="103"/>
        <source>Sign &amp;in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/SignInDialog.cpp" line="104"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/SignInDialog.cpp" line="105"/>
        <source>admin@example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/SignInDialog.cpp" line="106"/>
        <source>https://carpool.example.com:8080</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/SignInDialog.cpp" line="180"/>
        <source>Enter the server as http://host:port or https://host:port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/SignInDialog.cpp" line="184"/>
        <source>Enter your email and password.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsageCsvExporter</name>
    <message>
        <location filename="../app/models/UsageCsvExporter.cpp" line="24"/>
        <location filename="../app/models/UsageCsvExporter.cpp" line="81"/>
        <location filename="../app/models/UsageCsvExporter.cpp" line="97"/>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsageModel</name>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="161"/>
        <source>Sent upstream as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="163"/>
        <source>Request %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/models/UsageModel.cpp" line="165"/>
        <source>%n upstream attempts</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="186"/>
        <source>%1 (stream)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="200"/>
        <location filename="../app/models/UsageModel.cpp" line="202"/>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="204"/>
        <source>client closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="216"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="218"/>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="220"/>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="222"/>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="224"/>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="226"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="228"/>
        <source>Endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="230"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="232"/>
        <source>Input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="234"/>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="236"/>
        <source>Cache write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="238"/>
        <source>Cache read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="240"/>
        <source>Cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="242"/>
        <source>Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="244"/>
        <source>First byte</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="246"/>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsagePage</name>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="75"/>
        <source>Could not load the usage: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="235"/>
        <source>All time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="235"/>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="235"/>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="235"/>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="236"/>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="236"/>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="240"/>
        <source>Time:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="241"/>
        <source>Key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="242"/>
        <source>User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="243"/>
        <source>Account:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="244"/>
        <source>Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="245"/>
        <source>Any model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="246"/>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="247"/>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="248"/>
        <location filename="../app/pages/UsagePage.cpp" line="627"/>
        <source>Cancel export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="248"/>
        <location filename="../app/pages/UsagePage.cpp" line="609"/>
        <source>Export CSV...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="249"/>
        <source>Cost by day (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="250"/>
        <source>Cost by model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="322"/>
        <source>Any key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="323"/>
        <source>Any user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="324"/>
        <source>Any account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="411"/>
        <source>The start of the time range must be before its end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="444"/>
        <source>Could not load the totals: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="480"/>
        <source>&lt;b&gt;%1&lt;/b&gt; requests, &lt;b&gt;%2&lt;/b&gt; errors &amp;nbsp; Tokens: &lt;b&gt;%3&lt;/b&gt; in, &lt;b&gt;%4&lt;/b&gt; out, &lt;b&gt;%5&lt;/b&gt; cache write, &lt;b&gt;%6&lt;/b&gt; cache read &amp;nbsp; Cost: &lt;b&gt;%7&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="501"/>
        <location filename="../app/pages/UsagePage.cpp" line="545"/>
        <source>Cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="542"/>
        <source>other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="572"/>
        <source>Loading...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="576"/>
        <source>Showing %1 of %2 calls; more load as you scroll.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/pages/UsagePage.cpp" line="579"/>
        <source>%n call(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="586"/>
        <source>Export usage as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="589"/>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/pages/UsagePage.cpp" line="611"/>
        <source>Exported %n call(s) to %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="615"/>
        <location filename="../app/pages/UsagePage.cpp" line="622"/>
        <source>Export CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="616"/>
        <source>The export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.h" line="35"/>
        <source>Usage</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <location filename="../app/dialogs/UserDialog.cpp" line="14"/>
        <source>Add user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/UserDialog.cpp" line="21"/>
        <source>At least 10 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/UserDialog.cpp" line="22"/>
        <source>Member (own keys and usage)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/UserDialog.cpp" line="23"/>
        <source>Administrator (everything)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/UserDialog.cpp" line="25"/>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/UserDialog.cpp" line="26"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/UserDialog.cpp" line="27"/>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/UserDialog.cpp" line="28"/>
        <source>Repeat password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/UserDialog.cpp" line="29"/>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/UserDialog.cpp" line="49"/>
        <source>Enter the user&apos;s email address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/UserDialog.cpp" line="51"/>
        <source>The password needs at least 10 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/dialogs/UserDialog.cpp" line="53"/>
        <source>The two passwords differ; type the same password twice.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="55"/>
        <source>Add user...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="56"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="57"/>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="58"/>
        <source>Usage by model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="61"/>
        <source>Select a user to see their keys and usage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="62"/>
        <source>Keys and usage of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="76"/>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="77"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="78"/>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="83"/>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="84"/>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="86"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="90"/>
        <source>Disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="91"/>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="93"/>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="113"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="114"/>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="115"/>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="116"/>
        <source>Input tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="117"/>
        <source>Output tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="119"/>
        <source>Cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="171"/>
        <source>Could not load the usage: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="178"/>
        <source>%1 requests, %2 errors, cost $%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="192"/>
        <source>User %1 added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.h" line="20"/>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
