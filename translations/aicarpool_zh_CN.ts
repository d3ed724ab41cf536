<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AccountDialog</name>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="48"/>
        <source>Add account</source>
        <translation>添加账户</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="52"/>
        <source>Edit account &quot;%1&quot;</source>
        <translation>编辑账户“%1”</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="55"/>
        <source>Connect a Claude subscription</source>
        <translation>连接 Claude 订阅</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="70"/>
        <source>Claude subscription (OAuth)</source>
        <translation>Claude 订阅（OAuth）</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="73"/>
        <source>Anthropic (API key)</source>
        <translation>Anthropic（API 密钥）</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="74"/>
        <source>OpenAI or compatible (DeepSeek, Qwen, Kimi, GLM, ...)</source>
        <translation>OpenAI 或兼容服务（DeepSeek、通义千问、Kimi、GLM 等）</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="76"/>
        <source>Google Gemini</source>
        <translation>Google Gemini</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="84"/>
        <source>Stored - type a new key only to replace it</source>
        <translation>已保存 - 仅在需要替换时输入新密钥</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="85"/>
        <source>The provider&apos;s API key</source>
        <translation>服务商的 API 密钥</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="86"/>
        <source>Take requests</source>
        <translation>接收请求</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="91"/>
        <source>1 to 100; lower is used first.</source>
        <translation>1 到 100；数值越小越优先使用。</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="95"/>
        <source>Share of requests in weighted pools (1 to 1000).</source>
        <translation>在加权账户池中分得的请求比例（1 到 1000）。</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="98"/>
        <source>Unlimited</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="101"/>
        <source>No proxy</source>
        <translation>不使用代理</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="104"/>
        <source>Named proxy: %1</source>
        <translation>命名代理：%1</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="107"/>
        <source>Own proxy URL</source>
        <translation>自定义代理 URL</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="113"/>
        <source>One model a line; empty = every model</source>
        <translation>每行一个模型；留空表示所有模型</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="121"/>
        <source>Add mapping</source>
        <translation>添加映射</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="122"/>
        <source>Remove mapping</source>
        <translation>删除映射</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="132"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="133"/>
        <source>Provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="134"/>
        <source>Base URL</source>
        <translation>基础 URL</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="136"/>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="140"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="141"/>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="142"/>
        <source>Max concurrent requests</source>
        <translation>最大并发请求数</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="146"/>
        <source>Proxy</source>
        <translation>代理</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="147"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="155"/>
        <source>Model map</source>
        <translation>模型映射</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="159"/>
        <source>Sign in with Claude</source>
        <translation>使用 Claude 登录</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="160"/>
        <source>1. Open the sign-in page and sign in with the subscription&apos;s Claude account.
2. Copy the code the page shows and paste it below.</source>
        <translation>1. 打开登录页面，使用该订阅的 Claude 账户登录。
2. 复制页面显示的代码并粘贴到下方。</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="165"/>
        <source>Open sign-in page</source>
        <translation>打开登录页面</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="170"/>
        <source>Starting...</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="175"/>
        <source>Paste the code here</source>
        <translation>在此粘贴代码</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="179"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="295"/>
        <source>Give the account a name.</source>
        <translation>请为账户命名。</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="297"/>
        <source>Enter the provider&apos;s API key.</source>
        <translation>请输入服务商的 API 密钥。</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="299"/>
        <source>The sign-in could not be started; close this window and try again.</source>
        <translation>无法启动登录；请关闭此窗口后重试。</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="301"/>
        <source>Paste the code shown after signing in.</source>
        <translation>请粘贴登录后显示的代码。</translation>
    </message>
    <message>
        <location filename="../app/dialogs/AccountDialog.cpp" line="303"/>
        <source>Enter the proxy URL, or choose &quot;No proxy&quot;.</source>
        <translation>请输入代理 URL，或选择“不使用代理”。</translation>
    </message>
</context>
<context>
    <name>AccountHealthWidget</name>
    <message>
        <location filename="../app/widgets/AccountHealthWidget.cpp" line="35"/>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <location filename="../app/widgets/AccountHealthWidget.cpp" line="35"/>
        <source>Provider</source>
        <translation>提供商</translation>
    </message>
    <message>
        <location filename="../app/widgets/AccountHealthWidget.cpp" line="35"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../app/widgets/AccountHealthWidget.cpp" line="36"/>
        <source>In flight</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../app/widgets/AccountHealthWidget.cpp" line="36"/>
        <source>Cooling down</source>
        <translation>冷却中</translation>
    </message>
    <message>
        <location filename="../app/widgets/AccountHealthWidget.cpp" line="37"/>
        <source>Needs attention</source>
        <translation>需要处理</translation>
    </message>
    <message>
        <location filename="../app/widgets/AccountHealthWidget.cpp" line="111"/>
        <location filename="../app/widgets/AccountHealthWidget.cpp" line="131"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../app/widgets/AccountHealthWidget.cpp" line="114"/>
        <source>until %1</source>
        <translation>直到 %1</translation>
    </message>
    <message>
        <location filename="../app/widgets/AccountHealthWidget.cpp" line="121"/>
        <source>enabled</source>
        <translation>已启用</translation>
    </message>
    <message>
        <location filename="../app/widgets/AccountHealthWidget.cpp" line="121"/>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../app/widgets/AccountHealthWidget.cpp" line="123"/>
        <source>cooling down</source>
        <translation>冷却中</translation>
    </message>
    <message>
        <location filename="../app/widgets/AccountHealthWidget.cpp" line="125"/>
        <source>needs attention</source>
        <translation>需要处理</translation>
    </message>
    <message>
        <location filename="../app/widgets/AccountHealthWidget.cpp" line="131"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/widgets/AccountHealthWidget.cpp" line="143"/>
        <source>%n account(s): </source>
        <translation>
            <numerusform>%n 个账户：</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/widgets/AccountHealthWidget.cpp" line="144"/>
        <source>%1 cooling down, %2 need attention, %3 calls in flight</source>
        <translation>%1 个冷却中，%2 个需要处理，%3 个调用进行中</translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="22"/>
        <source>Anthropic</source>
        <translation>Anthropic</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="24"/>
        <source>Claude subscription</source>
        <translation>Claude 订阅</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="26"/>
        <source>OpenAI-compatible</source>
        <translation>OpenAI 兼容</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="28"/>
        <source>Gemini</source>
        <translation>Gemini</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="58"/>
        <source>Add account...</source>
        <translation>添加账户…</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="59"/>
        <source>Connect Claude subscription...</source>
        <translation>连接 Claude 订阅…</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="60"/>
        <source>Edit...</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="61"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="62"/>
        <source>Clear cooldown</source>
        <translation>解除冷却</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="63"/>
        <source>Let the account take requests again at once.</source>
        <translation>让该账户立即重新接收请求。</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="64"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="74"/>
        <source>proxy #%1</source>
        <translation>代理 #%1</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="94"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="95"/>
        <source>Provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="103"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="107"/>
        <source>Enabled</source>
        <translation>已启用</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="107"/>
        <source>Disabled</source>
        <translation>已禁用</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="113"/>
        <source>Health</source>
        <translation>健康状况</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="123"/>
        <source>Needs attention</source>
        <translation>需要处理</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="125"/>
        <source>Cooling down</source>
        <translation>冷却中</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/pages/AccountsPage.cpp" line="127"/>
        <source>%n recent failure(s)</source>
        <translation>
            <numerusform>最近失败 %n 次</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="127"/>
        <source>Healthy</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="138"/>
        <source>The provider refused the account&apos;s credentials. Check the key, or connect the subscription again.</source>
        <translation>服务商拒绝了该账户的凭据。请检查密钥，或重新连接订阅。</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="141"/>
        <source>Last error: %1</source>
        <translation>最近错误：%1</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="146"/>
        <source>Cooldown</source>
        <translation>冷却</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="159"/>
        <source>until %1</source>
        <translation>至 %1</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="160"/>
        <source>until %1 (%2)</source>
        <translation>至 %1（%2）</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="164"/>
        <source>In flight</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="172"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="173"/>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="174"/>
        <source>Max concurrent</source>
        <translation>最大并发</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="180"/>
        <source>Unlimited</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="184"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="189"/>
        <source>All models</source>
        <translation>所有模型</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/pages/AccountsPage.cpp" line="192"/>
        <source> (+%n mapped)</source>
        <translation>
            <numerusform>（另有 %n 个映射）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="195"/>
        <source>Proxy</source>
        <translation>代理</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="200"/>
        <source>Credentials</source>
        <translation>凭据</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="207"/>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="208"/>
        <source>Signed in, token until %1</source>
        <translation>已登录，令牌有效至 %1</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="211"/>
        <source>API key stored</source>
        <translation>已保存 API 密钥</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="212"/>
        <source>No API key</source>
        <translation>无 API 密钥</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="280"/>
        <source>Account &quot;%1&quot; added.</source>
        <translation>已添加账户“%1”。</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="294"/>
        <source>Account &quot;%1&quot; saved.</source>
        <translation>已保存账户“%1”。</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="303"/>
        <source>Delete the account &quot;%1&quot;? Requests will no longer use it, and it is removed from its pools.</source>
        <translation>删除账户“%1”？请求将不再使用它，它也会从所属的账户池中移除。</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="309"/>
        <source>Could not delete the account</source>
        <translation>无法删除账户</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="311"/>
        <source>Account &quot;%1&quot; deleted.</source>
        <translation>已删除账户“%1”。</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="321"/>
        <source>Could not clear the cooldown</source>
        <translation>无法解除冷却</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.cpp" line="322"/>
        <source>Cooldown cleared.</source>
        <translation>已解除冷却。</translation>
    </message>
    <message>
        <location filename="../app/pages/AccountsPage.h" line="21"/>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
</context>
<context>
    <name>ApiClient</name>
    <message>
        <location filename="../app/api/ApiClient.cpp" line="151"/>
        <source>The server&apos;s certificate is not trusted.</source>
        <translation>服务器的证书不受信任。</translation>
    </message>
    <message>
        <location filename="../app/api/ApiClient.cpp" line="153"/>
        <source>The request was cancelled.</source>
        <translation>请求已取消。</translation>
    </message>
    <message>
        <location filename="../app/api/ApiClient.cpp" line="156"/>
        <source>Cannot reach %1: %2</source>
        <translation>无法连接 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/api/ApiClient.cpp" line="167"/>
        <source>The server answered %1 %2.</source>
        <translation>服务器返回 %1 %2。</translation>
    </message>
    <message>
        <location filename="../app/api/ApiClient.cpp" line="299"/>
        <source>Your session has expired; sign in again.</source>
        <translation>会话已过期，请重新登录。</translation>
    </message>
</context>
<context>
    <name>ApiDialog</name>
    <message>
        <location filename="../app/dialogs/ApiDialog.cpp" line="42"/>
        <source>The server refused the request.</source>
        <translation>服务器拒绝了该请求。</translation>
    </message>
</context>
<context>
    <name>BudgetDialog</name>
    <message>
        <location filename="../app/dialogs/BudgetDialog.cpp" line="22"/>
        <source>Refuse calls once it is spent</source>
        <translation>花完后拒绝调用</translation>
    </message>
    <message>
        <location filename="../app/dialogs/BudgetDialog.cpp" line="23"/>
        <source>Applied to calls</source>
        <translation>对调用生效</translation>
    </message>
    <message>
        <location filename="../app/dialogs/BudgetDialog.cpp" line="27"/>
        <source>Edit budget &quot;%1&quot;</source>
        <translation>编辑预算“%1”</translation>
    </message>
    <message>
        <location filename="../app/dialogs/BudgetDialog.cpp" line="28"/>
        <source>Add budget</source>
        <translation>添加预算</translation>
    </message>
    <message>
        <location filename="../app/dialogs/BudgetDialog.cpp" line="70"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../app/dialogs/BudgetDialog.cpp" line="71"/>
        <source>Applies to</source>
        <translation>适用对象</translation>
    </message>
    <message>
        <location filename="../app/dialogs/BudgetDialog.cpp" line="72"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../app/dialogs/BudgetDialog.cpp" line="73"/>
        <source>Period</source>
        <translation>周期</translation>
    </message>
    <message>
        <location filename="../app/dialogs/BudgetDialog.cpp" line="74"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../app/dialogs/BudgetDialog.cpp" line="76"/>
        <source>Alert at (%)</source>
        <translation>告警阈值（%）</translation>
    </message>
    <message>
        <location filename="../app/dialogs/BudgetDialog.cpp" line="92"/>
        <source>Day</source>
        <translation>天</translation>
    </message>
    <message>
        <location filename="../app/dialogs/BudgetDialog.cpp" line="94"/>
        <source>Week (from Monday)</source>
        <translation>周（从周一开始）</translation>
    </message>
    <message>
        <location filename="../app/dialogs/BudgetDialog.cpp" line="96"/>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <location filename="../app/dialogs/BudgetDialog.cpp" line="136"/>
        <source>Give the budget a name.</source>
        <translation>请为预算命名。</translation>
    </message>
    <message>
        <location filename="../app/dialogs/BudgetDialog.cpp" line="140"/>
        <source>Set an amount above 0.</source>
        <translation>请设置大于 0 的金额。</translation>
    </message>
    <message>
        <location filename="../app/dialogs/BudgetDialog.cpp" line="144"/>
        <source>Alert thresholds are 1 to 10 percentages from 1 to 100, ascending, separated by commas (e.g. 80, 95, 100).</source>
        <translation>告警阈值为 1 到 10 个 1 至 100 的百分比，升序排列，用逗号分隔（例如 80, 95, 100）。</translation>
    </message>
</context>
<context>
    <name>BudgetsPage</name>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="40"/>
        <source>Add budget...</source>
        <translation>添加预算…</translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="41"/>
        <source>Edit...</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="42"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="43"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="50"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="57"/>
        <source>Applies to</source>
        <translation>适用对象</translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="61"/>
        <source>%1 #%2</source>
        <translation>%1 #%2</translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="65"/>
        <source>Period</source>
        <translation>周期</translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="72"/>
        <source>Amount (USD)</source>
        <translation>金额（美元）</translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="80"/>
        <source>Spent</source>
        <translation>已花费</translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="89"/>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="91"/>
        <source>Forecast at the end of the period: %1 USD</source>
        <translation>预计周期结束时：%1 美元</translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="95"/>
        <source>When spent</source>
        <translation>花完后</translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="100"/>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="101"/>
        <source>refuse calls</source>
        <translation>拒绝调用</translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="102"/>
        <source>alert only</source>
        <translation>仅告警</translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="104"/>
        <source>Period ends</source>
        <translation>周期结束</translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="138"/>
        <source>Budget &quot;%1&quot; saved.</source>
        <translation>预算“%1”已保存。</translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="147"/>
        <source>Delete the budget &quot;%1&quot;? Spending is no longer capped or alerted by it.</source>
        <translation>删除预算“%1”？删除后将不再按它限制支出或告警。</translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="152"/>
        <source>Could not delete the budget</source>
        <translation>无法删除预算</translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.cpp" line="154"/>
        <source>Budget &quot;%1&quot; deleted.</source>
        <translation>预算“%1”已删除。</translation>
    </message>
    <message>
        <location filename="../app/pages/BudgetsPage.h" line="17"/>
        <source>Budgets</source>
        <translation>预算</translation>
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
        <translation>主体：%1
颁发者：%2
生效时间：%3
到期时间：%4
SHA-256 指纹：
%5</translation>
    </message>
    <message>
        <location filename="../app/dialogs/CertificateDialog.cpp" line="46"/>
        <source>Untrusted certificate</source>
        <translation>不受信任的证书</translation>
    </message>
    <message>
        <location filename="../app/dialogs/CertificateDialog.cpp" line="49"/>
        <source>The certificate of %1 could not be verified. Trust it only if the fingerprint below is the one of your server.</source>
        <translation>无法验证 %1 的证书。只有当下面的指纹确实属于您的服务器时才信任它。</translation>
    </message>
    <message>
        <location filename="../app/dialogs/CertificateDialog.cpp" line="64"/>
        <source>Trust this certificate</source>
        <translation>信任此证书</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../app/pages/DashboardPage.cpp" line="101"/>
        <source>Requests per minute (last hour)</source>
        <translation>每分钟请求数（最近一小时）</translation>
    </message>
    <message>
        <location filename="../app/pages/DashboardPage.cpp" line="102"/>
        <source>Requests</source>
        <translation>请求</translation>
    </message>
    <message>
        <location filename="../app/pages/DashboardPage.cpp" line="103"/>
        <source>Error rate per minute (%)</source>
        <translation>每分钟错误率（%）</translation>
    </message>
    <message>
        <location filename="../app/pages/DashboardPage.cpp" line="104"/>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../app/pages/DashboardPage.cpp" line="105"/>
        <source>Tokens and cost by day (last 30 days)</source>
        <translation>每日令牌数与费用（最近 30 天）</translation>
    </message>
    <message>
        <location filename="../app/pages/DashboardPage.cpp" line="106"/>
        <source>Tokens</source>
        <translation>令牌</translation>
    </message>
    <message>
        <location filename="../app/pages/DashboardPage.cpp" line="106"/>
        <source>Cost (USD)</source>
        <translation>费用（美元）</translation>
    </message>
    <message>
        <location filename="../app/pages/DashboardPage.cpp" line="107"/>
        <source>Cost by model (last 30 days)</source>
        <translation>按模型统计费用（最近 30 天）</translation>
    </message>
    <message>
        <location filename="../app/pages/DashboardPage.cpp" line="108"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../app/pages/DashboardPage.cpp" line="109"/>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <location filename="../app/pages/DashboardPage.cpp" line="110"/>
        <source>Live calls</source>
        <translation>实时调用</translation>
    </message>
    <message>
        <location filename="../app/pages/DashboardPage.cpp" line="171"/>
        <source>Updated %1</source>
        <translation>更新于 %1</translation>
    </message>
    <message>
        <location filename="../app/pages/DashboardPage.cpp" line="286"/>
        <location filename="../app/pages/DashboardPage.cpp" line="365"/>
        <source>&lt;b&gt;Errors, last hour&lt;/b&gt;&lt;br&gt;%1 of %2 (%3%)</source>
        <translation>&lt;b&gt;最近一小时错误&lt;/b&gt;&lt;br&gt;%2 次中 %1 次（%3%）</translation>
    </message>
    <message>
        <location filename="../app/pages/DashboardPage.cpp" line="358"/>
        <source>&lt;b&gt;Requests today&lt;/b&gt;&lt;br&gt;%1</source>
        <translation>&lt;b&gt;今日请求&lt;/b&gt;&lt;br&gt;%1</translation>
    </message>
    <message>
        <location filename="../app/pages/DashboardPage.cpp" line="360"/>
        <source>&lt;b&gt;Tokens today&lt;/b&gt;&lt;br&gt;%1</source>
        <translation>&lt;b&gt;今日令牌&lt;/b&gt;&lt;br&gt;%1</translation>
    </message>
    <message>
        <location filename="../app/pages/DashboardPage.cpp" line="361"/>
        <source>&lt;b&gt;Cost today&lt;/b&gt;&lt;br&gt;$%1</source>
        <translation>&lt;b&gt;今日费用&lt;/b&gt;&lt;br&gt;$%1</translation>
    </message>
    <message>
        <location filename="../app/pages/DashboardPage.h" line="33"/>
        <source>Dashboard</source>
        <translation>仪表盘</translation>
    </message>
</context>
<context>
    <name>KeyDialog</name>
    <message>
        <location filename="../app/dialogs/KeyDialog.cpp" line="18"/>
        <source>Expires</source>
        <translation>过期</translation>
    </message>
    <message>
        <location filename="../app/dialogs/KeyDialog.cpp" line="21"/>
        <source>Create key</source>
        <translation>创建密钥</translation>
    </message>
    <message>
        <location filename="../app/dialogs/KeyDialog.cpp" line="25"/>
        <source>Myself</source>
        <translation>我自己</translation>
    </message>
    <message>
        <location filename="../app/dialogs/KeyDialog.cpp" line="41"/>
        <source>Comma-separated; empty = every model</source>
        <translation>以逗号分隔；留空表示所有模型</translation>
    </message>
    <message>
        <location filename="../app/dialogs/KeyDialog.cpp" line="43"/>
        <source>No pool (every enabled account)</source>
        <translation>不绑定账户池（所有已启用账户）</translation>
    </message>
    <message>
        <location filename="../app/dialogs/KeyDialog.cpp" line="54"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../app/dialogs/KeyDialog.cpp" line="55"/>
        <source>Owner</source>
        <translation>所有者</translation>
    </message>
    <message>
        <location filename="../app/dialogs/KeyDialog.cpp" line="56"/>
        <source>Expiry</source>
        <translation>有效期</translation>
    </message>
    <message>
        <location filename="../app/dialogs/KeyDialog.cpp" line="57"/>
        <source>Allowed models</source>
        <translation>允许的模型</translation>
    </message>
    <message>
        <location filename="../app/dialogs/KeyDialog.cpp" line="58"/>
        <source>Account pool</source>
        <translation>账户池</translation>
    </message>
    <message>
        <location filename="../app/dialogs/KeyDialog.cpp" line="84"/>
        <source>Give the key a name, e.g. the machine or tool it is for.</source>
        <translation>请为密钥命名，例如使用它的机器或工具。</translation>
    </message>
</context>
<context>
    <name>KeyRevealDialog</name>
    <message>
        <location filename="../app/dialogs/KeyRevealDialog.cpp" line="14"/>
        <source>New key &quot;%1&quot;</source>
        <translation>新密钥“%1”</translation>
    </message>
    <message>
        <location filename="../app/dialogs/KeyRevealDialog.cpp" line="27"/>
        <source>The key has not been copied. Once this window is closed it cannot be shown again. Close anyway?</source>
        <translation>密钥尚未复制。关闭此窗口后将无法再次显示。仍要关闭吗？</translation>
    </message>
</context>
<context>
    <name>KeyRevealWidget</name>
    <message>
        <location filename="../app/widgets/KeyRevealWidget.cpp" line="69"/>
        <source>This is the only time the key is shown. Copy it now and keep it somewhere safe: the server stores only a hash and cannot show it again. If it is lost, revoke it and create a new one.</source>
        <translation>密钥仅显示这一次。请立即复制并妥善保存：服务器只保存其哈希值，无法再次显示。如果丢失，请吊销它并创建新密钥。</translation>
    </message>
    <message>
        <location filename="../app/widgets/KeyRevealWidget.cpp" line="72"/>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <location filename="../app/widgets/KeyRevealWidget.cpp" line="72"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
</context>
<context>
    <name>KeysPage</name>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="51"/>
        <source>Owner:</source>
        <translation>所有者：</translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="52"/>
        <source>Create key...</source>
        <translation>创建密钥…</translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="53"/>
        <source>Pool...</source>
        <translation>账户池…</translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="54"/>
        <source>Bind the key to an account pool, or unbind it.</source>
        <translation>将密钥绑定到账户池，或解除绑定。</translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="55"/>
        <source>Revoke</source>
        <translation>吊销</translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="56"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="70"/>
        <source>user #%1</source>
        <translation>用户 #%1</translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="78"/>
        <source>pool #%1</source>
        <translation>账户池 #%1</translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="97"/>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="101"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="102"/>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="103"/>
        <source>Owner</source>
        <translation>所有者</translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="110"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="120"/>
        <source>Active</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="122"/>
        <source>Disabled</source>
        <translation>已禁用</translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="124"/>
        <source>Revoked</source>
        <translation>已吊销</translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="126"/>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="129"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="133"/>
        <source>All models</source>
        <translation>所有模型</translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="136"/>
        <source>Pool</source>
        <translation>账户池</translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="141"/>
        <source>All accounts</source>
        <translation>所有账户</translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="143"/>
        <source>Expires</source>
        <translation>过期</translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="144"/>
        <source>Last used</source>
        <translation>最近使用</translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="145"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="152"/>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="211"/>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="211"/>
        <source>Disable</source>
        <translation>禁用</translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="241"/>
        <source>Could not disable the key</source>
        <translation>无法禁用密钥</translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="241"/>
        <source>Could not enable the key</source>
        <translation>无法启用密钥</translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="253"/>
        <source>No pool (every enabled account)</source>
        <translation>不绑定账户池（所有已启用账户）</translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="262"/>
        <source>Account pool</source>
        <translation>账户池</translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="263"/>
        <source>Requests with the key &quot;%1&quot; use:</source>
        <translation>使用密钥“%1”的请求将使用：</translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="271"/>
        <source>Could not change the key&apos;s pool</source>
        <translation>无法更改密钥的账户池</translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="282"/>
        <source>Revoke the key &quot;%1&quot;? Programs using it stop working at once; this cannot be undone.</source>
        <translation>吊销密钥“%1”？使用它的程序将立即停止工作；此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.cpp" line="288"/>
        <source>Could not revoke the key</source>
        <translation>无法吊销密钥</translation>
    </message>
    <message>
        <location filename="../app/pages/KeysPage.h" line="21"/>
        <source>Keys</source>
        <translation>密钥</translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message>
        <location filename="../app/pages/ListPage.cpp" line="140"/>
        <source>Could not load: %1</source>
        <translation>无法加载：%1</translation>
    </message>
</context>
<context>
    <name>LiveTailWidget</name>
    <message>
        <location filename="../app/widgets/LiveTailWidget.cpp" line="31"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../app/widgets/LiveTailWidget.cpp" line="31"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../app/widgets/LiveTailWidget.cpp" line="31"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../app/widgets/LiveTailWidget.cpp" line="31"/>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../app/widgets/LiveTailWidget.cpp" line="32"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../app/widgets/LiveTailWidget.cpp" line="32"/>
        <source>Cost</source>
        <translation>费用</translation>
    </message>
    <message>
        <location filename="../app/widgets/LiveTailWidget.cpp" line="32"/>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <location filename="../app/widgets/LiveTailWidget.cpp" line="33"/>
        <source>Live: new calls appear as they complete.</source>
        <translation>实时：新调用完成后立即显示。</translation>
    </message>
    <message>
        <location filename="../app/widgets/LiveTailWidget.cpp" line="34"/>
        <source>Live feed not connected; showing the latest calls.</source>
        <translation>实时推送未连接；显示最近的调用。</translation>
    </message>
    <message>
        <location filename="../app/widgets/LiveTailWidget.cpp" line="61"/>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="102"/>
        <source>aicarpool console</source>
        <translation>aicarpool 控制台</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="103"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="104"/>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="105"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="122"/>
        <source>%1 on %2</source>
        <translation>%1 @ %2</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="123"/>
        <source>Not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="179"/>
        <source>Your session has expired. Sign in again to continue; the page keeps what you entered.</source>
        <translation>会话已过期。请重新登录以继续；页面会保留您输入的内容。</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="215"/>
        <source>You signed out.</source>
        <translation>您已退出登录。</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="vanished">语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="106"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="107"/>
        <source>&amp;About aicarpool console</source>
        <translation>关于 aicarpool 控制台(&amp;A)</translation>
    </message>
    <message>
        <source>Administer an aicarpool daemon: users, keys, upstream accounts, quotas and usage.</source>
        <translation type="vanished">管理 aicarpool 守护进程：用户、密钥、上游账号、配额与用量。</translation>
    </message>
    <message>
        <source>Sign in to a daemon</source>
        <translation type="vanished">登录到守护进程</translation>
    </message>
    <message>
        <source>Daemon &amp;URL:</source>
        <translation type="vanished">守护进程地址(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation type="vanished">邮箱(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="vanished">密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="vanished">登录</translation>
    </message>
    <message>
        <source>Signing in is not available in this version yet: the form is not connected to a daemon.</source>
        <translation type="vanished">此版本尚不支持登录：该表单尚未连接到守护进程。</translation>
    </message>
    <message>
        <source>Not connected. Signing in to a daemon is not available yet.</source>
        <translation type="vanished">未连接。尚不支持登录到守护进程。</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="128"/>
        <source>About aicarpool console</source>
        <translation>关于 aicarpool 控制台</translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="129"/>
        <source>&lt;p&gt;&lt;b&gt;aicarpool console&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Administration for a self-hosted carpool of AI-provider accounts.&lt;/p&gt;&lt;p&gt;License: GPL-3.0-or-later&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;aicarpool 控制台&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;自托管 AI 服务商账户拼车的管理工具。&lt;/p&gt;&lt;p&gt;许可证：GPL-3.0-or-later&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>ModelMapModel</name>
    <message>
        <location filename="../app/models/ModelMapModel.cpp" line="39"/>
        <source>Row %1 of the model map has no client model name.</source>
        <translation>模型映射第 %1 行缺少客户端模型名称。</translation>
    </message>
    <message>
        <location filename="../app/models/ModelMapModel.cpp" line="41"/>
        <source>Row %1 of the model map (&quot;%2&quot;) has no upstream model.</source>
        <translation>模型映射第 %1 行（“%2”）缺少上游模型。</translation>
    </message>
    <message>
        <location filename="../app/models/ModelMapModel.cpp" line="45"/>
        <source>The model map names &quot;%1&quot; twice; keep one row for it.</source>
        <translation>模型映射中“%1”出现了两次；请只保留一行。</translation>
    </message>
    <message>
        <location filename="../app/models/ModelMapModel.cpp" line="107"/>
        <source>Model the client asks for</source>
        <translation>客户端请求的模型</translation>
    </message>
    <message>
        <location filename="../app/models/ModelMapModel.cpp" line="107"/>
        <source>Model sent upstream</source>
        <translation>发送到上游的模型</translation>
    </message>
</context>
<context>
    <name>PoolDialog</name>
    <message>
        <location filename="../app/dialogs/PoolDialog.cpp" line="17"/>
        <source>Edit pool &quot;%1&quot;</source>
        <translation>编辑账户池“%1”</translation>
    </message>
    <message>
        <location filename="../app/dialogs/PoolDialog.cpp" line="18"/>
        <source>Add pool</source>
        <translation>添加账户池</translation>
    </message>
    <message>
        <location filename="../app/dialogs/PoolDialog.cpp" line="46"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../app/dialogs/PoolDialog.cpp" line="47"/>
        <source>Strategy</source>
        <translation>策略</translation>
    </message>
    <message>
        <location filename="../app/dialogs/PoolDialog.cpp" line="48"/>
        <source>Member accounts</source>
        <translation>成员账户</translation>
    </message>
    <message>
        <location filename="../app/dialogs/PoolDialog.cpp" line="65"/>
        <source>Priority (lower first, load spread within a tier)</source>
        <translation>优先级（数值小者优先，同级内分摊负载）</translation>
    </message>
    <message>
        <location filename="../app/dialogs/PoolDialog.cpp" line="67"/>
        <source>Weighted (by each account&apos;s weight)</source>
        <translation>加权（按各账户的权重）</translation>
    </message>
    <message>
        <location filename="../app/dialogs/PoolDialog.cpp" line="69"/>
        <source>Round robin</source>
        <translation>轮询</translation>
    </message>
    <message>
        <location filename="../app/dialogs/PoolDialog.cpp" line="71"/>
        <source>Least busy (fewest requests in flight)</source>
        <translation>最空闲（进行中的请求最少）</translation>
    </message>
    <message>
        <location filename="../app/dialogs/PoolDialog.cpp" line="73"/>
        <source>Lowest latency</source>
        <translation>最低延迟</translation>
    </message>
    <message>
        <location filename="../app/dialogs/PoolDialog.cpp" line="75"/>
        <source>Lowest cost</source>
        <translation>最低成本</translation>
    </message>
    <message>
        <location filename="../app/dialogs/PoolDialog.cpp" line="93"/>
        <source>Give the pool a name.</source>
        <translation>请为账户池命名。</translation>
    </message>
</context>
<context>
    <name>PoolsPage</name>
    <message>
        <location filename="../app/pages/PoolsPage.cpp" line="26"/>
        <source>Add pool...</source>
        <translation>添加账户池…</translation>
    </message>
    <message>
        <location filename="../app/pages/PoolsPage.cpp" line="27"/>
        <source>Edit...</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../app/pages/PoolsPage.cpp" line="28"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../app/pages/PoolsPage.cpp" line="29"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../app/pages/PoolsPage.cpp" line="37"/>
        <source>account #%1</source>
        <translation>账户 #%1</translation>
    </message>
    <message>
        <location filename="../app/pages/PoolsPage.cpp" line="44"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../app/pages/PoolsPage.cpp" line="50"/>
        <source>Strategy</source>
        <translation>策略</translation>
    </message>
    <message>
        <location filename="../app/pages/PoolsPage.cpp" line="57"/>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <location filename="../app/pages/PoolsPage.cpp" line="65"/>
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <location filename="../app/pages/PoolsPage.cpp" line="72"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../app/pages/PoolsPage.cpp" line="74"/>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <location filename="../app/pages/PoolsPage.cpp" line="120"/>
        <source>Pool &quot;%1&quot; saved.</source>
        <translation>已保存账户池“%1”。</translation>
    </message>
    <message>
        <location filename="../app/pages/PoolsPage.cpp" line="129"/>
        <source>Delete the pool &quot;%1&quot;? Its accounts are kept.</source>
        <translation>删除账户池“%1”？其中的账户会保留。</translation>
    </message>
    <message>
        <location filename="../app/pages/PoolsPage.cpp" line="133"/>
        <source>Could not delete the pool</source>
        <translation>无法删除账户池</translation>
    </message>
    <message>
        <location filename="../app/pages/PoolsPage.cpp" line="135"/>
        <source>Pool &quot;%1&quot; deleted.</source>
        <translation>已删除账户池“%1”。</translation>
    </message>
    <message>
        <location filename="../app/pages/PoolsPage.h" line="18"/>
        <source>Pools</source>
        <translation>账户池</translation>
    </message>
</context>
<context>
    <name>ProxiesPage</name>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="27"/>
        <source>Add proxy...</source>
        <translation>添加代理…</translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="28"/>
        <source>Edit...</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="29"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="30"/>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="31"/>
        <source>Send one request through the proxy and show the latency or the error.</source>
        <translation>通过该代理发送一个请求，并显示延迟或错误。</translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="32"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="39"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="45"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="51"/>
        <source>Last test</source>
        <translation>最近测试</translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="55"/>
        <source>Not tested</source>
        <translation>未测试</translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="61"/>
        <source>OK, %1 ms (HTTP %2)</source>
        <translation>正常，%1 毫秒（HTTP %2）</translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="64"/>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="68"/>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="110"/>
        <source>Proxy &quot;%1&quot; saved.</source>
        <translation>已保存代理“%1”。</translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="119"/>
        <source>Delete the proxy &quot;%1&quot;?</source>
        <translation>删除代理“%1”？</translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="123"/>
        <source>Could not delete the proxy</source>
        <translation>无法删除代理</translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="125"/>
        <source>Proxy &quot;%1&quot; deleted.</source>
        <translation>已删除代理“%1”。</translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="136"/>
        <source>Testing proxy &quot;%1&quot;...</source>
        <translation>正在测试代理“%1”…</translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="138"/>
        <source>Could not test the proxy</source>
        <translation>无法测试代理</translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="142"/>
        <source>Proxy &quot;%1&quot; works: %2 ms.</source>
        <translation>代理“%1”可用：%2 毫秒。</translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.cpp" line="146"/>
        <source>Proxy &quot;%1&quot; failed: %2</source>
        <translation>代理“%1”失败：%2</translation>
    </message>
    <message>
        <location filename="../app/pages/ProxiesPage.h" line="17"/>
        <source>Proxies</source>
        <translation>代理</translation>
    </message>
</context>
<context>
    <name>ProxyDialog</name>
    <message>
        <location filename="../app/dialogs/ProxyDialog.cpp" line="15"/>
        <source>Edit proxy &quot;%1&quot;</source>
        <translation>编辑代理“%1”</translation>
    </message>
    <message>
        <location filename="../app/dialogs/ProxyDialog.cpp" line="16"/>
        <source>Add proxy</source>
        <translation>添加代理</translation>
    </message>
    <message>
        <location filename="../app/dialogs/ProxyDialog.cpp" line="23"/>
        <source>http://, https://, socks5:// or socks5h:// with host and port, optionally user:password@. The password is stored encrypted and never shown again.</source>
        <translation>http://、https://、socks5:// 或 socks5h://，带主机和端口，可选 user:password@。密码加密保存，不会再次显示。</translation>
    </message>
    <message>
        <location filename="../app/dialogs/ProxyDialog.cpp" line="29"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../app/dialogs/ProxyDialog.cpp" line="30"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location filename="../app/dialogs/ProxyDialog.cpp" line="53"/>
        <source>Enter a name and the proxy URL.</source>
        <translation>请输入名称和代理 URL。</translation>
    </message>
</context>
<context>
    <name>QuotaDialog</name>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="53"/>
        <source>Applied to calls</source>
        <translation>对调用生效</translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="56"/>
        <source>Edit quota #%1</source>
        <translation>编辑配额 #%1</translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="57"/>
        <source>Add quota</source>
        <translation>添加配额</translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="72"/>
        <source>every model; or a name, or a prefix such as claude-opus*</source>
        <translation>所有模型；或模型名，或前缀如 claude-opus*</translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="78"/>
        <source>Applies to</source>
        <translation>适用对象</translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="79"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="80"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="81"/>
        <source>Requests per minute</source>
        <translation>每分钟请求数</translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="82"/>
        <source>Tokens per minute</source>
        <translation>每分钟 Token 数</translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="83"/>
        <source>Calls at once</source>
        <translation>同时调用数</translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="84"/>
        <source>Tokens per day</source>
        <translation>每日 Token 数</translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="85"/>
        <source>Tokens per month</source>
        <translation>每月 Token 数</translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="86"/>
        <source>Cost per day</source>
        <translation>每日费用</translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="87"/>
        <source>Cost per month</source>
        <translation>每月费用</translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="104"/>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="106"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="108"/>
        <source>Group</source>
        <translation>群组</translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="110"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="112"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="123"/>
        <source>%1 requests/min</source>
        <translation>%1 次请求/分钟</translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="125"/>
        <source>%1 tokens/min</source>
        <translation>%1 Token/分钟</translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="127"/>
        <source>%1 at once</source>
        <translation>同时 %1 个</translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="129"/>
        <source>%1 tokens/day</source>
        <translation>%1 Token/天</translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="131"/>
        <source>%1 tokens/month</source>
        <translation>%1 Token/月</translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="133"/>
        <source>%1 USD/day</source>
        <translation>%1 美元/天</translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="135"/>
        <source>%1 USD/month</source>
        <translation>%1 美元/月</translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="136"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../app/dialogs/QuotaDialog.cpp" line="164"/>
        <source>Set at least one limit above 0.</source>
        <translation>请至少设置一项大于 0 的限制。</translation>
    </message>
</context>
<context>
    <name>QuotasPage</name>
    <message>
        <location filename="../app/pages/QuotasPage.cpp" line="25"/>
        <source>Add quota...</source>
        <translation>添加配额…</translation>
    </message>
    <message>
        <location filename="../app/pages/QuotasPage.cpp" line="26"/>
        <source>Edit...</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../app/pages/QuotasPage.cpp" line="27"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../app/pages/QuotasPage.cpp" line="28"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../app/pages/QuotasPage.cpp" line="36"/>
        <source>Applies to</source>
        <translation>适用对象</translation>
    </message>
    <message>
        <location filename="../app/pages/QuotasPage.cpp" line="40"/>
        <source>%1 #%2</source>
        <translation>%1 #%2</translation>
    </message>
    <message>
        <location filename="../app/pages/QuotasPage.cpp" line="44"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../app/pages/QuotasPage.cpp" line="49"/>
        <source>(every model)</source>
        <translation>（所有模型）</translation>
    </message>
    <message>
        <location filename="../app/pages/QuotasPage.cpp" line="51"/>
        <source>Limits</source>
        <translation>限制</translation>
    </message>
    <message>
        <location filename="../app/pages/QuotasPage.cpp" line="57"/>
        <source>Applied</source>
        <translation>生效</translation>
    </message>
    <message>
        <location filename="../app/pages/QuotasPage.cpp" line="61"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../app/pages/QuotasPage.cpp" line="62"/>
        <source>no (disabled)</source>
        <translation>否（已停用）</translation>
    </message>
    <message>
        <location filename="../app/pages/QuotasPage.cpp" line="64"/>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <location filename="../app/pages/QuotasPage.cpp" line="97"/>
        <source>Quota #%1 saved.</source>
        <translation>配额 #%1 已保存。</translation>
    </message>
    <message>
        <location filename="../app/pages/QuotasPage.cpp" line="106"/>
        <source>Delete quota #%1 (%2)? Calls are no longer limited by it.</source>
        <translation>删除配额 #%1（%2）？删除后调用将不再受它限制。</translation>
    </message>
    <message>
        <location filename="../app/pages/QuotasPage.cpp" line="111"/>
        <source>Could not delete the quota</source>
        <translation>无法删除配额</translation>
    </message>
    <message>
        <location filename="../app/pages/QuotasPage.cpp" line="113"/>
        <source>Quota #%1 deleted.</source>
        <translation>配额 #%1 已删除。</translation>
    </message>
    <message>
        <location filename="../app/pages/QuotasPage.h" line="17"/>
        <source>Quotas</source>
        <translation>配额</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../app/pages/SettingsPage.cpp" line="73"/>
        <source>Trusted certificates forgotten.</source>
        <translation>已清除受信任的证书。</translation>
    </message>
    <message>
        <location filename="../app/pages/SettingsPage.cpp" line="89"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../app/pages/SettingsPage.cpp" line="90"/>
        <source>Interface language:</source>
        <translation>界面语言：</translation>
    </message>
    <message>
        <location filename="../app/pages/SettingsPage.cpp" line="91"/>
        <source>Saved servers</source>
        <translation>已保存的服务器</translation>
    </message>
    <message>
        <location filename="../app/pages/SettingsPage.cpp" line="92"/>
        <source>Remove server</source>
        <translation>移除服务器</translation>
    </message>
    <message>
        <location filename="../app/pages/SettingsPage.cpp" line="93"/>
        <source>Stored credentials</source>
        <translation>已保存的凭据</translation>
    </message>
    <message>
        <location filename="../app/pages/SettingsPage.cpp" line="95"/>
        <source>With &quot;Remember me&quot; the session of a server is kept in the system keychain, never in a settings file. Clearing removes every stored session: the next start asks for the password again.</source>
        <translation>勾选“记住我”后，服务器的会话保存在系统钥匙串中，绝不写入设置文件。清除会删除所有已保存的会话：下次启动时需要重新输入密码。</translation>
    </message>
    <message>
        <location filename="../app/pages/SettingsPage.cpp" line="98"/>
        <source>Clear stored credentials</source>
        <translation>清除已保存的凭据</translation>
    </message>
    <message>
        <location filename="../app/pages/SettingsPage.cpp" line="99"/>
        <source>Forget trusted certificates</source>
        <translation>清除受信任的证书</translation>
    </message>
    <message>
        <location filename="../app/pages/SettingsPage.cpp" line="110"/>
        <source>session remembered</source>
        <translation>已记住会话</translation>
    </message>
    <message>
        <location filename="../app/pages/SettingsPage.cpp" line="128"/>
        <source>Removed %1.</source>
        <translation>已移除 %1。</translation>
    </message>
    <message>
        <location filename="../app/pages/SettingsPage.cpp" line="141"/>
        <source>Stored credentials cleared.</source>
        <translation>已清除保存的凭据。</translation>
    </message>
    <message>
        <location filename="../app/pages/SettingsPage.cpp" line="142"/>
        <source>Some credentials could not be removed from the keychain.</source>
        <translation>部分凭据无法从钥匙串中删除。</translation>
    </message>
    <message>
        <location filename="../app/pages/SettingsPage.h" line="24"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../app/dialogs/SignInDialog.cpp" line="95"/>
        <source>Sign in to aicarpool</source>
        <translation>登录 aicarpool</translation>
    </message>
    <message>
        <location filename="../app/dialogs/SignInDialog.cpp" line="96"/>
        <source>&amp;Server:</source>
        <translation>服务器(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../app/dialogs/SignInDialog.cpp" line="98"/>
        <source>&amp;Email:</source>
        <translation>邮箱(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../app/dialogs/SignInDialog.cpp" line="100"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../app/dialogs/SignInDialog.cpp" line="102"/>
        <source>&amp;Remember me (the session is kept in the system keychain)</source>
        <translation>记住我（会话保存在系统钥匙串中）(&amp;R)</translation>
    </message>
    <message>
        <location filename="../app/dialogs/SignInDialog.cpp" line="103"/>
        <source>Sign &amp;in</source>
        <translation>登录(&amp;I)</translation>
    </message>
    <message>
        <location filename="../app/dialogs/SignInDialog.cpp" line="104"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../app/dialogs/SignInDialog.cpp" line="105"/>
        <source>admin@example.com</source>
        <translation>admin@example.com</translation>
    </message>
    <message>
        <location filename="../app/dialogs/SignInDialog.cpp" line="106"/>
        <source>https://carpool.example.com:8080</source>
        <translation>https://carpool.example.com:8080</translation>
    </message>
    <message>
        <location filename="../app/dialogs/SignInDialog.cpp" line="180"/>
        <source>Enter the server as http://host:port or https://host:port.</source>
        <translation>请以 http://主机:端口 或 https://主机:端口 的形式输入服务器。</translation>
    </message>
    <message>
        <location filename="../app/dialogs/SignInDialog.cpp" line="184"/>
        <source>Enter your email and password.</source>
        <translation>请输入邮箱和密码。</translation>
    </message>
</context>
<context>
    <name>UsageCsvExporter</name>
    <message>
        <location filename="../app/models/UsageCsvExporter.cpp" line="24"/>
        <location filename="../app/models/UsageCsvExporter.cpp" line="81"/>
        <location filename="../app/models/UsageCsvExporter.cpp" line="97"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>UsageModel</name>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="161"/>
        <source>Sent upstream as %1</source>
        <translation>以 %1 发送到上游</translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="163"/>
        <source>Request %1</source>
        <translation>请求 %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/models/UsageModel.cpp" line="165"/>
        <source>%n upstream attempts</source>
        <translation>
            <numerusform>上游尝试 %n 次</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="186"/>
        <source>%1 (stream)</source>
        <translation>%1（流式）</translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="200"/>
        <location filename="../app/models/UsageModel.cpp" line="202"/>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="204"/>
        <source>client closed</source>
        <translation>客户端已断开</translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="216"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="218"/>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="220"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="222"/>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="224"/>
        <source>Provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="226"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="228"/>
        <source>Endpoint</source>
        <translation>端点</translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="230"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="232"/>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="234"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="236"/>
        <source>Cache write</source>
        <translation>缓存写入</translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="238"/>
        <source>Cache read</source>
        <translation>缓存读取</translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="240"/>
        <source>Cost</source>
        <translation>费用</translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="242"/>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="244"/>
        <source>First byte</source>
        <translation>首字节</translation>
    </message>
    <message>
        <location filename="../app/models/UsageModel.cpp" line="246"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>UsagePage</name>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="75"/>
        <source>Could not load the usage: %1</source>
        <translation>无法加载用量：%1</translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="235"/>
        <source>All time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="235"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="235"/>
        <source>Last 24 hours</source>
        <translation>最近 24 小时</translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="235"/>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="236"/>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="236"/>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="240"/>
        <source>Time:</source>
        <translation>时间：</translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="241"/>
        <source>Key:</source>
        <translation>密钥：</translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="242"/>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="243"/>
        <source>Account:</source>
        <translation>账户：</translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="244"/>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="245"/>
        <source>Any model</source>
        <translation>任意模型</translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="246"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="247"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="248"/>
        <location filename="../app/pages/UsagePage.cpp" line="627"/>
        <source>Cancel export</source>
        <translation>取消导出</translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="248"/>
        <location filename="../app/pages/UsagePage.cpp" line="609"/>
        <source>Export CSV...</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="249"/>
        <source>Cost by day (UTC)</source>
        <translation>每日费用（UTC）</translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="250"/>
        <source>Cost by model</source>
        <translation>各模型费用</translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="322"/>
        <source>Any key</source>
        <translation>任意密钥</translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="323"/>
        <source>Any user</source>
        <translation>任意用户</translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="324"/>
        <source>Any account</source>
        <translation>任意账户</translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="411"/>
        <source>The start of the time range must be before its end.</source>
        <translation>时间范围的开始必须早于结束。</translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="444"/>
        <source>Could not load the totals: %1</source>
        <translation>无法加载汇总：%1</translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="480"/>
        <source>&lt;b&gt;%1&lt;/b&gt; requests, &lt;b&gt;%2&lt;/b&gt; errors &amp;nbsp; Tokens: &lt;b&gt;%3&lt;/b&gt; in, &lt;b&gt;%4&lt;/b&gt; out, &lt;b&gt;%5&lt;/b&gt; cache write, &lt;b&gt;%6&lt;/b&gt; cache read &amp;nbsp; Cost: &lt;b&gt;%7&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 次请求，&lt;b&gt;%2&lt;/b&gt; 次错误 &amp;nbsp; Token：输入 &lt;b&gt;%3&lt;/b&gt;，输出 &lt;b&gt;%4&lt;/b&gt;，缓存写入 &lt;b&gt;%5&lt;/b&gt;，缓存读取 &lt;b&gt;%6&lt;/b&gt; &amp;nbsp; 费用：&lt;b&gt;%7&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="501"/>
        <location filename="../app/pages/UsagePage.cpp" line="545"/>
        <source>Cost</source>
        <translation>费用</translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="542"/>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="572"/>
        <source>Loading...</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="576"/>
        <source>Showing %1 of %2 calls; more load as you scroll.</source>
        <translation>显示 %2 次调用中的 %1 次；滚动时加载更多。</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/pages/UsagePage.cpp" line="579"/>
        <source>%n call(s).</source>
        <translation>
            <numerusform>%n 次调用。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="586"/>
        <source>Export usage as CSV</source>
        <translation>将用量导出为 CSV</translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="589"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/pages/UsagePage.cpp" line="611"/>
        <source>Exported %n call(s) to %1.</source>
        <translation>
            <numerusform>已将 %n 次调用导出到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="615"/>
        <location filename="../app/pages/UsagePage.cpp" line="622"/>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.cpp" line="616"/>
        <source>The export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <location filename="../app/pages/UsagePage.h" line="35"/>
        <source>Usage</source>
        <translation>用量</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <location filename="../app/dialogs/UserDialog.cpp" line="14"/>
        <source>Add user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <location filename="../app/dialogs/UserDialog.cpp" line="21"/>
        <source>At least 10 characters</source>
        <translation>至少 10 个字符</translation>
    </message>
    <message>
        <location filename="../app/dialogs/UserDialog.cpp" line="22"/>
        <source>Member (own keys and usage)</source>
        <translation>成员（自己的密钥和用量）</translation>
    </message>
    <message>
        <location filename="../app/dialogs/UserDialog.cpp" line="23"/>
        <source>Administrator (everything)</source>
        <translation>管理员（全部权限）</translation>
    </message>
    <message>
        <location filename="../app/dialogs/UserDialog.cpp" line="25"/>
        <source>Email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <location filename="../app/dialogs/UserDialog.cpp" line="26"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../app/dialogs/UserDialog.cpp" line="27"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../app/dialogs/UserDialog.cpp" line="28"/>
        <source>Repeat password</source>
        <translation>重复密码</translation>
    </message>
    <message>
        <location filename="../app/dialogs/UserDialog.cpp" line="29"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../app/dialogs/UserDialog.cpp" line="49"/>
        <source>Enter the user&apos;s email address.</source>
        <translation>请输入用户的电子邮件地址。</translation>
    </message>
    <message>
        <location filename="../app/dialogs/UserDialog.cpp" line="51"/>
        <source>The password needs at least 10 characters.</source>
        <translation>密码至少需要 10 个字符。</translation>
    </message>
    <message>
        <location filename="../app/dialogs/UserDialog.cpp" line="53"/>
        <source>The two passwords differ; type the same password twice.</source>
        <translation>两次输入的密码不同；请输入相同的密码。</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="55"/>
        <source>Add user...</source>
        <translation>添加用户…</translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="56"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="57"/>
        <source>Keys</source>
        <translation>密钥</translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="58"/>
        <source>Usage by model</source>
        <translation>按模型统计用量</translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="61"/>
        <source>Select a user to see their keys and usage.</source>
        <translation>选择一个用户以查看其密钥和用量。</translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="62"/>
        <source>Keys and usage of %1</source>
        <translation>%1 的密钥和用量</translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="76"/>
        <source>Email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="77"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="78"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="83"/>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="84"/>
        <source>Member</source>
        <translation>成员</translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="86"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="90"/>
        <source>Disabled</source>
        <translation>已禁用</translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="91"/>
        <source>Active</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="93"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="113"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="114"/>
        <source>Requests</source>
        <translation>请求数</translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="115"/>
        <source>Errors</source>
        <translation>错误数</translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="116"/>
        <source>Input tokens</source>
        <translation>输入 Token</translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="117"/>
        <source>Output tokens</source>
        <translation>输出 Token</translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="119"/>
        <source>Cost</source>
        <translation>费用</translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="171"/>
        <source>Could not load the usage: %1</source>
        <translation>无法加载用量：%1</translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="178"/>
        <source>%1 requests, %2 errors, cost $%3</source>
        <translation>%1 次请求，%2 次错误，费用 $%3</translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.cpp" line="192"/>
        <source>User %1 added.</source>
        <translation>已添加用户 %1。</translation>
    </message>
    <message>
        <location filename="../app/pages/UsersPage.h" line="20"/>
        <source>Users</source>
        <translation>用户</translation>
    </message>
</context>
</TS>
