<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About %1</source>
        <translation>关于 %1</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <source>An offline editor for OGSM strategy plans: Objective, Goals, Strategies and Measures, cascaded from the company to departments, teams and people.</source>
        <translation>一款离线的 OGSM 战略计划编辑器：目的（Objective）、目标（Goals）、策略（Strategies）和衡量（Measures），从公司逐级分解到部门、团队和个人。</translation>
    </message>
    <message>
        <source>Copyright © 2026 OGSM Desktop authors. Free software under the MIT licence.</source>
        <translation>版权所有 © 2026 OGSM Desktop 作者。本软件为自由软件，采用 MIT 许可证。</translation>
    </message>
    <message>
        <source>&amp;Licence…</source>
        <translation>许可证(&amp;L)…</translation>
    </message>
    <message>
        <source>Chinese text is shown in the bundled font WenQuanYi Micro Hei (文泉驿微米黑), Apache License 2.0 or GNU GPL v3 with the font embedding exception.</source>
        <translation>中文文本使用随附的文泉驿微米黑（WenQuanYi Micro Hei）字体显示，该字体采用 Apache License 2.0 或附带字体嵌入例外条款的 GNU GPL v3 许可。</translation>
    </message>
    <message>
        <source>&amp;Font licence…</source>
        <translation>字体许可证(&amp;F)…</translation>
    </message>
    <message>
        <source>Qt %1 · PySide6 %2 · Python %3</source>
        <translation>Qt %1 · PySide6 %2 · Python %3</translation>
    </message>
    <message>
        <source>Licence of %1</source>
        <translation>%1 的许可证</translation>
    </message>
    <message>
        <source>Licence of the font WenQuanYi Micro Hei</source>
        <translation>文泉驿微米黑（WenQuanYi Micro Hei）字体的许可证</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Add objective</source>
        <translation>添加目的(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Add goal</source>
        <translation>添加目标(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Add strategy</source>
        <translation>添加策略(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Add measure</source>
        <translation>添加衡量(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Add action</source>
        <translation>添加行动(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Add child</source>
        <translation>添加下级(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;New plan…</source>
        <translation>新建计划(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>C&amp;heck plan file…</source>
        <translation>检查计划文件(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Import from Excel…</source>
        <translation>从 Excel 导入(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export to Excel…</source>
        <translation>导出到 Excel(&amp;E)…</translation>
    </message>
    <message>
        <source>Export &amp;unit to Excel…</source>
        <translation>导出部门到 Excel(&amp;U)…</translation>
    </message>
    <message>
        <source>Export depar&amp;tment plan…</source>
        <translation>导出部门计划(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Merge department plan…</source>
        <translation>合并部门计划(&amp;M)…</translation>
    </message>
    <message>
        <source>Re&amp;fresh from company plan…</source>
        <translation>从公司计划更新(&amp;F)…</translation>
    </message>
    <message>
        <source>Print pre&amp;view…</source>
        <translation>打印预览(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Export P&amp;DF…</source>
        <translation>导出 PDF(&amp;D)…</translation>
    </message>
    <message>
        <source>Export ca&amp;scade map…</source>
        <translation>导出分解图(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>剪切(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <source>Select &amp;all</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <source>Re&amp;name</source>
        <translation>重命名(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <source>Filter a&amp;gain</source>
        <translation>重新筛选(&amp;G)</translation>
    </message>
    <message>
        <source>Pr&amp;eferences…</source>
        <translation>首选项(&amp;E)…</translation>
    </message>
    <message>
        <source>Add &amp;child</source>
        <translation>添加下级(&amp;C)</translation>
    </message>
    <message>
        <source>Add &amp;sibling</source>
        <translation>添加同级(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>下移(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Indent</source>
        <translation>降级(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Outdent</source>
        <translation>升级(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Cascade to…</source>
        <translation>分解到(&amp;C)…</translation>
    </message>
    <message>
        <source>Re&amp;view of the period…</source>
        <translation>期间回顾(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Save version</source>
        <translation>保存版本(&amp;S)</translation>
    </message>
    <message>
        <source>Save version &amp;as…</source>
        <translation>保存版本为(&amp;A)…</translation>
    </message>
    <message>
        <source>One-page OGSM in its own &amp;window</source>
        <translation>在独立窗口中显示一页纸 OGSM(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;About OGSM Desktop…</source>
        <translation>关于 OGSM Desktop(&amp;A)…</translation>
    </message>
    <message>
        <source>About &amp;Qt…</source>
        <translation>关于 Qt(&amp;Q)…</translation>
    </message>
    <message>
        <source>&amp;Compare…</source>
        <translation>比较(&amp;C)…</translation>
    </message>
    <message>
        <source>Plan se&amp;ttings…</source>
        <translation>计划设置(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>Expand &amp;all</source>
        <translation>全部展开(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Collapse all</source>
        <translation>全部折叠(&amp;C)</translation>
    </message>
    <message>
        <source>Expand to level %1</source>
        <translation>展开到第 %1 级</translation>
    </message>
</context>
<context>
    <name>AlertsModel</name>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Org unit</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>起始期间</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>AlertsPanel</name>
    <message>
        <source>All org units</source>
        <translation>所有部门</translation>
    </message>
    <message>
        <source>All owners</source>
        <translation>所有负责人</translation>
    </message>
    <message>
        <source>The alert rules could not be checked (%1); the log has the details: %2</source>
        <translation>无法检查预警规则（%1）；详细信息见日志：%2</translation>
    </message>
    <message>
        <source>Checking the alert rules…</source>
        <translation>正在检查预警规则…</translation>
    </message>
    <message>
        <source>%1 alert(s)</source>
        <translation>%1 条预警</translation>
    </message>
    <message>
        <source>The alerts listed are as of %1.</source>
        <translation>下列预警截至 %1。</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>No plan there</source>
        <translation>该位置没有计划</translation>
    </message>
    <message>
        <source>There is no plan file at
%1

%2 is open instead.</source>
        <translation>以下位置没有计划文件：
%1

已改为打开 %2。</translation>
    </message>
</context>
<context>
    <name>ApplicationController</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>The language changes when OGSM Desktop starts again. Restart now?</source>
        <translation>语言将在 OGSM Desktop 重新启动后更改。是否立即重新启动？</translation>
    </message>
    <message>
        <source>The new language applies from the next start</source>
        <translation>新语言将在下次启动时生效</translation>
    </message>
    <message>
        <source>Cannot start again</source>
        <translation>无法重新启动</translation>
    </message>
    <message>
        <source>OGSM Desktop could not start itself again (%1). Start it as usual: the new language is saved.</source>
        <translation>OGSM Desktop 无法自行重新启动（%1）。请按通常方式启动：新语言已保存。</translation>
    </message>
</context>
<context>
    <name>AsOfBar</name>
    <message>
        <source>Statuses, alerts and numbers are judged as of this date; set an earlier one to look back</source>
        <translation>状态、预警和数值均截至此日期进行判断；设置更早的日期可回看以往情况</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Working out the statuses…</source>
        <translation>正在评定状态…</translation>
    </message>
    <message>
        <source>Working out the progress…</source>
        <translation>正在计算进度…</translation>
    </message>
    <message>
        <source>The progress of each goal and measure, from every value of its year so far, is being worked out: it shows where the Progress column says “…”</source>
        <translation>正在根据本年迄今的每个数值计算各目标与衡量的进度：“进度”列显示“…”处，完成后即显示</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>截至</translation>
    </message>
    <message>
        <source>The statuses shown are those as of %1 until the ones as of the date chosen are worked out</source>
        <translation>所选日期的状态评定完成前，显示的是截至 %1 的状态</translation>
    </message>
</context>
<context>
    <name>CascadeDialog</name>
    <message>
        <source>Cascade to…</source>
        <translation>分解到…</translation>
    </message>
    <message>
        <source>“%1” becomes the objective of a lower org unit; its measures become goals there and its actions strategies.</source>
        <translation>“%1”将成为下级部门的目的；其衡量在该部门成为目标，其行动成为策略。</translation>
    </message>
    <message>
        <source>Org unit</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
</context>
<context>
    <name>CascadeMap</name>
    <message>
        <source>Cascade map — %1 %2</source>
        <translation>分解图 — %1 %2</translation>
    </message>
    <message>
        <source>(continued)</source>
        <translation>（续）</translation>
    </message>
    <message>
        <source>units below: %1</source>
        <translation>下级部门：%1</translation>
    </message>
    <message>
        <source>judged in the company&apos;s plan</source>
        <translation>在公司计划中评判</translation>
    </message>
    <message>
        <source>Writing the cascade map was cancelled: no file was written</source>
        <translation>已取消写入分解图：未写入任何文件</translation>
    </message>
</context>
<context>
    <name>CascadeMapView</name>
    <message>
        <source>Up</source>
        <translation>上一级</translation>
    </message>
    <message>
        <source>The map of the unit above</source>
        <translation>上一级部门的分解图</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>The previous page of this unit</source>
        <translation>本部门的上一页</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>The next page of this unit</source>
        <translation>本部门的下一页</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Show the map smaller</source>
        <translation>把分解图显示得小一些</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Show the map larger</source>
        <translation>把分解图显示得大一些</translation>
    </message>
    <message>
        <source>Fit page</source>
        <translation>整页</translation>
    </message>
    <message>
        <source>Show the whole page in the pane</source>
        <translation>在窗格中显示整页</translation>
    </message>
    <message>
        <source>Select a node to see the cascade map around its unit.</source>
        <translation>选择一个节点，查看其所在部门的分解图。</translation>
    </message>
</context>
<context>
    <name>ClipboardController</name>
    <message>
        <source>Copied %1 “%2”</source>
        <translation>已复制 %1“%2”</translation>
    </message>
    <message>
        <source>Copied %1 “%2” and the %3 node(s) below it</source>
        <translation>已复制 %1“%2”及其下的 %3 个节点</translation>
    </message>
    <message>
        <source>Cut %1 “%2”: select where it goes and paste (Esc cancels)</source>
        <translation>已剪切 %1“%2”：请选择目标位置后粘贴（按 Esc 取消）</translation>
    </message>
    <message>
        <source>Cut cancelled</source>
        <translation>已取消剪切</translation>
    </message>
    <message>
        <source>The clipboard holds no OGSM nodes to paste</source>
        <translation>剪贴板中没有可粘贴的 OGSM 节点</translation>
    </message>
    <message>
        <source>The copied %1 “%2” cannot be pasted into %3: in an OGSM plan it goes under: %4.

Select one of those and paste again.</source>
        <translation>无法将复制的%1“%2”粘贴到%3：在 OGSM 计划中，它只能放在以下位置：%4。

请选择其中之一，然后再次粘贴。</translation>
    </message>
    <message>
        <source>Paste a copy of %1</source>
        <translation>粘贴 %1 的副本</translation>
    </message>
    <message>
        <source>%1 was deleted after it was cut: pasted a copy of it as %2</source>
        <translation>%1 在剪切后已被删除：已将其副本粘贴为 %2</translation>
    </message>
    <message>
        <source>%1 was cut before this plan was opened again, and stays where it was: pasted a copy of it as %2</source>
        <translation>%1 是在重新打开此计划之前剪切的，仍留在原处：已将其副本粘贴为 %2</translation>
    </message>
    <message>
        <source>%1 was cut in another plan, which keeps it: pasted a copy of it as %2</source>
        <translation>%1 是在另一个计划中剪切的，该计划仍保留它：已将其副本粘贴为 %2</translation>
    </message>
    <message>
        <source>Pasted a copy of %1 as %2</source>
        <translation>已将 %1 的副本粘贴为 %2</translation>
    </message>
    <message>
        <source>Pasted a copy of %1 as %2, with %3 node(s) below it</source>
        <translation>已将 %1 的副本粘贴为 %2，连同其下的 %3 个节点</translation>
    </message>
    <message>
        <source> — without its numbers: actuals and period targets stay with %1</source>
        <translation>——不含其数字：实际值和各期目标仍留在 %1</translation>
    </message>
    <message>
        <source>The cut %1 “%2” cannot be pasted into %3: it is inside what was cut.

Select a place outside it and paste again.</source>
        <translation>无法将剪切的%1“%2”粘贴到%3：该位置位于剪切的内容之内。

请选择其外的位置，然后再次粘贴。</translation>
    </message>
    <message>
        <source>The cut %1 “%2” cannot be pasted into %3: in an OGSM plan it goes under: %4.

Select one of those and paste again.</source>
        <translation>无法将剪切的%1“%2”粘贴到%3：在 OGSM 计划中，它只能放在以下位置：%4。

请选择其中之一，然后再次粘贴。</translation>
    </message>
    <message>
        <source>Cut and paste %1</source>
        <translation>剪切并粘贴 %1</translation>
    </message>
    <message>
        <source>the top of the plan</source>
        <translation>计划的最顶层</translation>
    </message>
    <message>
        <source>Moved %1 “%2” to %3</source>
        <translation>已将 %1“%2”移动到%3</translation>
    </message>
    <message>
        <source>Pasting %1 nodes</source>
        <translation>正在粘贴 %1 个节点</translation>
    </message>
    <message>
        <source>Cannot paste here</source>
        <translation>无法粘贴到此处</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Compare versions</source>
        <translation>比较版本</translation>
    </message>
    <message>
        <source>A (old)</source>
        <translation>A（旧）</translation>
    </message>
    <message>
        <source>B (new)</source>
        <translation>B（新）</translation>
    </message>
    <message>
        <source>%1 %2: %3</source>
        <translation>%1 %2：%3</translation>
    </message>
    <message>
        <source>Why: %1</source>
        <translation>原因：%1</translation>
    </message>
</context>
<context>
    <name>ConflictsPanel</name>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Changed in the plan</source>
        <translation>计划中的改动</translation>
    </message>
    <message>
        <source>When exported</source>
        <translation>导出时</translation>
    </message>
    <message>
        <source>Plan now</source>
        <translation>计划当前值</translation>
    </message>
    <message>
        <source>Workbook</source>
        <translation>工作簿</translation>
    </message>
    <message>
        <source>Choice</source>
        <translation>选择</translation>
    </message>
    <message>
        <source>Keep plan for all</source>
        <translation>全部保留计划值</translation>
    </message>
    <message>
        <source>Take workbook for all</source>
        <translation>全部采用工作簿值</translation>
    </message>
    <message>
        <source>These values were changed in the plan after the workbook was exported from it. Importing the workbook as it is would undo those changes: choose for each which value the plan keeps.</source>
        <translation>这些数值在工作簿导出后已在计划中修改。原样导入工作簿会撤销这些修改：请为每个数值选择计划保留哪一个。</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <source>Keep plan</source>
        <translation>保留计划值</translation>
    </message>
    <message>
        <source>Take workbook</source>
        <translation>采用工作簿值</translation>
    </message>
    <message>
        <source>%1 conflict(s) left to choose</source>
        <translation>还有 %1 个冲突待选择</translation>
    </message>
    <message>
        <source>Every conflict has its choice.</source>
        <translation>每个冲突都已选择。</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>Progress per org unit below</source>
        <translation>下级各部门进度</translation>
    </message>
    <message>
        <source>No lower level yet</source>
        <translation>暂无下级</translation>
    </message>
    <message>
        <source>%1 (first %2)</source>
        <translation>%1（前 %2 个）</translation>
    </message>
    <message>
        <source>Goals and measures by status</source>
        <translation>目标与衡量的状态分布</translation>
    </message>
    <message>
        <source>Select a goal or measure</source>
        <translation>请选择一个目标或衡量</translation>
    </message>
    <message>
        <source>as of</source>
        <translation>截至</translation>
    </message>
    <message>
        <source>No numbers yet</source>
        <translation>暂无数据</translation>
    </message>
    <message>
        <source>Progress of the goals of %1</source>
        <translation>%1 各目标的进度</translation>
    </message>
    <message>
        <source>Progress of the measures of %1</source>
        <translation>%1 各衡量指标的进度</translation>
    </message>
    <message>
        <source>%1 (the %2 lowest)</source>
        <translation>%1（最低的 %2 个）</translation>
    </message>
    <message>
        <source>%1 (%2 without a number)</source>
        <translation>%1（%2 个无数值）</translation>
    </message>
    <message>
        <source>Save chart…</source>
        <translation>保存图表…</translation>
    </message>
    <message>
        <source>Save chart</source>
        <translation>保存图表</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图片 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Saved the chart to %1</source>
        <translation>图表已保存到 %1</translation>
    </message>
</context>
<context>
    <name>DateEdit</name>
    <message>
        <source>“%1” is not a date here: the date stays as it was</source>
        <translation>“%1”在此处不是有效日期：日期保持不变</translation>
    </message>
</context>
<context>
    <name>DepartmentsController</name>
    <message>
        <source>Department plan of %1 from “%2”; the company&apos;s part above is shown for context and locked.</source>
        <translation>这是“%2”中 %1 的部门计划；上方公司的部分仅供参考，已锁定。</translation>
    </message>
    <message>
        <source>Work on the department&apos;s part here; the company&apos;s planner merges this file back with File → Merge department plan…</source>
        <translation>请在此编辑本部门的部分；公司计划负责人会通过“文件 → 合并部门计划…”将此文件合并回去。</translation>
    </message>
    <message>
        <source>Export department plan</source>
        <translation>导出部门计划</translation>
    </message>
    <message>
        <source>OGSM plans (*.ogsm);;All files (*)</source>
        <translation>OGSM 计划 (*.ogsm);;所有文件 (*)</translation>
    </message>
    <message>
        <source>%1 is the plan open in this window: choose another name for the department plan.</source>
        <translation>%1 是本窗口中打开的计划：请为部门计划另选文件名。</translation>
    </message>
    <message>
        <source>Wrote the department plan of %1 to %2: %3 node(s) to work on, the company&apos;s %4 above them for context (locked)</source>
        <translation>已将 %1 的部门计划写入 %2：可编辑节点 %3 个，上方公司节点 %4 个仅供参考（已锁定）</translation>
    </message>
    <message>
        <source>the plan&apos;s identity, for its department files</source>
        <translation>计划标识（用于其部门计划文件）</translation>
    </message>
    <message>
        <source>%1 cancelled: nothing was changed</source>
        <translation>%1已取消：未做任何更改</translation>
    </message>
    <message>
        <source>Merge department plan</source>
        <translation>合并部门计划</translation>
    </message>
    <message>
        <source>The department %1 of this file no longer exists in this plan: it was deleted here.

Bring it back as a new unit? Choose the strategy it is to serve (Cancel leaves the plan as it is):</source>
        <translation>此文件的部门 %1 在本计划中已不存在：它在这里被删除了。

要把它作为新的部门恢复吗？请选择它要服务的策略（取消则计划保持不变）：</translation>
    </message>
    <message>
        <source>Reading %1</source>
        <translation>正在读取 %1</translation>
    </message>
    <message>
        <source>%1 — conflicts: the company&apos;s side kept in %2, the department&apos;s in %3</source>
        <translation>%1——冲突：%2 个保留公司版本，%3 个采用部门版本</translation>
    </message>
    <message>
        <source>Refresh from company plan</source>
        <translation>从公司计划更新</translation>
    </message>
    <message>
        <source>%1 has nothing new for %2 since this file was cut, merged back or last refreshed: nothing was changed.</source>
        <translation>自本文件导出、合并回公司或上次更新以来，%1 没有 %2 的新内容：未做任何更改。</translation>
    </message>
    <message>
        <source>Refresh from %1</source>
        <translation>从 %1 更新</translation>
    </message>
    <message>
        <source>Refreshed from %1: %2</source>
        <translation>已从 %1 更新：%2</translation>
    </message>
    <message>
        <source>%1 (%2) brings nothing new since it was last merged: nothing was changed.</source>
        <translation>%1（%2）自上次合并以来没有新内容：未做任何更改。</translation>
    </message>
    <message>
        <source>Merge %1</source>
        <translation>合并 %1</translation>
    </message>
    <message>
        <source>Merged %1 (%2): %3</source>
        <translation>已合并 %1（%2）：%3</translation>
    </message>
</context>
<context>
    <name>DetailEditor</name>
    <message>
        <source>The company&apos;s part of the plan, shown for context: read-only in this department file.</source>
        <translation>公司计划中的部分，仅供参考：在此部门计划文件中只读。</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Org unit</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Status (set)</source>
        <translation>状态（手动设定）</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>基线</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Frequency</source>
        <translation>频率</translation>
    </message>
    <message>
        <source>At risk beyond</source>
        <translation>黄灯临界值</translation>
    </message>
    <message>
        <source>Off track beyond</source>
        <translation>红灯临界值</translation>
    </message>
    <message>
        <source>Roll-up weight</source>
        <translation>汇总权重</translation>
    </message>
    <message>
        <source>Alert after N periods below target</source>
        <translation>连续 N 期低于目标值后预警</translation>
    </message>
    <message>
        <source>Alerts switched off</source>
        <translation>关闭的预警规则</translation>
    </message>
    <message>
        <source>Quarter and year are the</source>
        <translation>季度和年度取</translation>
    </message>
    <message>
        <source>Period targets are</source>
        <translation>各期目标值为</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>the plan&apos;s default (2)</source>
        <translation>计划默认值（2）</translation>
    </message>
    <message>
        <source>The status set by hand. An objective&apos;s or a strategy&apos;s status is rolled up from the goals and measures below once they have numbers (shown above, and in the tree); the one set here counts while none has.</source>
        <translation>手动设定的状态。目的或策略的状态在其下级目标和衡量有数值后由它们汇总得出（显示在上方和树中）；在都没有数值之前，以此处设定的状态为准。</translation>
    </message>
    <message>
        <source>Serves</source>
        <translation>支撑</translation>
    </message>
    <message>
        <source>More</source>
        <translation>更多</translation>
    </message>
    <message>
        <source>Show or hide the fields used less often</source>
        <translation>显示或隐藏不常用的字段</translation>
    </message>
    <message>
        <source>(nothing selected)</source>
        <translation>（未选择）</translation>
    </message>
    <message>
        <source>%1 — rolled up from the goals and measures below (as of %2)</source>
        <translation>%1 — 由下级的目标与衡量汇总得出（截至 %2）</translation>
    </message>
    <message>
        <source>%1 — no actual yet (as of %2)</source>
        <translation>%1 — 尚无实际值（截至 %2）</translation>
    </message>
    <message>
        <source>no target</source>
        <translation>无目标值</translation>
    </message>
    <message>
        <source>%1 — %2: %3 against %4 (as of %5)</source>
        <translation>%1 — %2：实际值 %3，目标值 %4（截至 %5）</translation>
    </message>
    <message>
        <source>Working out the status as of %1…</source>
        <translation>正在评定截至 %1 的状态…</translation>
    </message>
    <message>
        <source>%1 must be a number, not “%2”</source>
        <translation>%1必须是数字，不能是“%2”</translation>
    </message>
    <message>
        <source>Edit %1 of %2</source>
        <translation>编辑 %2 的%1</translation>
    </message>
    <message>
        <source>Change the unit</source>
        <translation>更改单位</translation>
    </message>
    <message>
        <source>The numbers of %1 — its target, baseline and thresholds, and %2 period value(s) — are in %3. They stay as they are, read in %4 from now on: nothing is converted. Change the unit?</source>
        <translation>%1 的数字（其目标、基线和阈值，以及 %2 个各期数值）以 %3 计。它们保持不变，今后按 %4 读取：不做换算。仍要更改单位吗？</translation>
    </message>
    <message>
        <source>no unit</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>DiffTree</name>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>A (old)</source>
        <translation>A（旧）</translation>
    </message>
    <message>
        <source>B (new)</source>
        <translation>B（新）</translation>
    </message>
    <message>
        <source>Impact</source>
        <translation>影响</translation>
    </message>
    <message>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>moved</source>
        <translation>移动</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>actuals</source>
        <translation>实际值</translation>
    </message>
    <message>
        <source>setting</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>parent</source>
        <translation>上级</translation>
    </message>
    <message>
        <source>plan setting</source>
        <translation>计划设置</translation>
    </message>
    <message numerus="yes">
        <source>%n value(s)</source>
        <translation>
            <numerusform>%n 个值</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 added, %2 removed, %3 moved, %4 changed, %5 actual value(s), %6 plan setting(s)</source>
        <translation>新增 %1 项，删除 %2 项，移动 %3 项，变更 %4 项，实际值 %5 个，计划设置 %6 项</translation>
    </message>
    <message>
        <source> — showing the first %1; `ogsm-desktop diff` lists all</source>
        <translation> — 仅显示前 %1 项；`ogsm-desktop diff` 可列出全部</translation>
    </message>
    <message>
        <source>No differences.</source>
        <translation>没有差异。</translation>
    </message>
</context>
<context>
    <name>EditingController</name>
    <message>
        <source>child</source>
        <translation>下级</translation>
    </message>
    <message>
        <source>sibling</source>
        <translation>同级</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>New %1</source>
        <translation>新%1</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>添加%1</translation>
    </message>
    <message>
        <source>Delete %1 “%2”?</source>
        <translation>删除%1“%2”？</translation>
    </message>
    <message>
        <source>The node below it goes with it: %1</source>
        <translation>其下的 1 个节点也将一并删除：%1</translation>
    </message>
    <message>
        <source>These %1 nodes below it go with it: %2</source>
        <translation>其下的 %1 个节点也将一并删除：%2</translation>
    </message>
    <message>
        <source>The number recorded for them is deleted too.</source>
        <translation>它们已记录的 1 个数值也会被删除。</translation>
    </message>
    <message>
        <source>The %1 numbers recorded for them are deleted too.</source>
        <translation>它们已记录的 %1 个数值也会被删除。</translation>
    </message>
    <message>
        <source>The number recorded for it is deleted too.</source>
        <translation>它已记录的 1 个数值也会被删除。</translation>
    </message>
    <message>
        <source>The %1 numbers recorded for it are deleted too.</source>
        <translation>它已记录的 %1 个数值也会被删除。</translation>
    </message>
    <message>
        <source>You can undo this.</source>
        <translation>此操作可以撤销。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>删除 %1</translation>
    </message>
    <message>
        <source>Move %1 up</source>
        <translation>上移 %1</translation>
    </message>
    <message>
        <source>Move %1 down</source>
        <translation>下移 %1</translation>
    </message>
    <message>
        <source>%1 is the first under its parent already</source>
        <translation>%1 已是同级中的第一个</translation>
    </message>
    <message>
        <source>%1 is the last under its parent already</source>
        <translation>%1 已是同级中的最后一个</translation>
    </message>
    <message>
        <source>%1 has no sibling above it to move under</source>
        <translation>%1 上方没有可移入的同级节点</translation>
    </message>
    <message>
        <source>Indent %1</source>
        <translation>降级 %1</translation>
    </message>
    <message>
        <source>%1 is at the top of the plan already</source>
        <translation>%1 已位于计划的最顶层</translation>
    </message>
    <message>
        <source>Outdent %1</source>
        <translation>升级 %1</translation>
    </message>
    <message>
        <source>Cascade %1</source>
        <translation>分解 %1</translation>
    </message>
    <message>
        <source>Rename %1</source>
        <translation>重命名 %1</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <source>Something went wrong that the program did not expect:
%1

Your plan is safe: every change is written to the plan file as it is made. The details are in the log:
%2</source>
        <translation>程序遇到了意外错误：
%1

您的计划是安全的：每项变更在做出时都已写入计划文件。详细信息见日志：
%2</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
</context>
<context>
    <name>ExcelController</name>
    <message>
        <source>Import from Excel</source>
        <translation>从 Excel 导入</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xlsm *.xlsb *.xls *.ods *.csv *.txt);;Excel workbooks (*.xlsx *.xlsm *.xlsb *.xls);;OpenDocument spreadsheets (*.ods);;CSV text (*.csv *.txt);;All files (*)</source>
        <translation>电子表格 (*.xlsx *.xlsm *.xlsb *.xls *.ods *.csv *.txt);;Excel 工作簿 (*.xlsx *.xlsm *.xlsb *.xls);;OpenDocument 电子表格 (*.ods);;CSV 文本 (*.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading %1</source>
        <translation>正在读取 %1</translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation>正在导入 %1</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message>
        <source>Nothing imported from %1: the plan keeps its own values.</source>
        <translation>未从 %1 导入任何内容：计划保留了自己的值。</translation>
    </message>
    <message>
        <source>Imported %1: %2 new and %3 changed value(s), %4 new and %5 changed measure(s).</source>
        <translation>已导入 %1：数值新增 %2 个、变更 %3 个，衡量新增 %4 个、变更 %5 个。</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <source>Export unit to Excel</source>
        <translation>导出部门到 Excel</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exporting to %1</source>
        <translation>正在导出到 %1</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <source>%1 already exists. Replace it?</source>
        <translation>%1 已存在。要替换吗？</translation>
    </message>
</context>
<context>
    <name>FilesController</name>
    <message>
        <source>OGSM plans (*.ogsm);;All files (*)</source>
        <translation>OGSM 计划 (*.ogsm);;所有文件 (*)</translation>
    </message>
    <message>
        <source>%1 is the plan open in this window.</source>
        <translation>%1 就是本窗口中打开的计划。</translation>
    </message>
    <message>
        <source>Cannot open plan</source>
        <translation>无法打开计划</translation>
    </message>
    <message>
        <source>%1 has more than one name (hard links), and a plan is kept safe under one name only: it is open for reading. Save As… makes a copy you can edit.</source>
        <translation>%1 有多个名称（硬链接），而计划只有在单一名称下才能安全保存：已以只读方式打开。使用“另存为…”可创建可编辑的副本。</translation>
    </message>
    <message>
        <source>%1 cannot be written where it is (a read-only file, folder or disk): it is open for reading. Save As… makes a copy you can edit.</source>
        <translation>%1 无法在当前位置写入（文件、文件夹或磁盘为只读）：已以只读方式打开。使用“另存为…”可创建可编辑的副本。</translation>
    </message>
    <message>
        <source>%1 was converted to this version&apos;s format; the plan as it was is kept beside it as %2.</source>
        <translation>%1 已转换为本版本的文件格式；转换前的计划另存在同一文件夹中，名为 %2。</translation>
    </message>
    <message>
        <source>Open plan</source>
        <translation>打开计划</translation>
    </message>
    <message>
        <source>New plan</source>
        <translation>新建计划</translation>
    </message>
    <message>
        <source>Cannot create plan</source>
        <translation>无法创建计划</translation>
    </message>
    <message>
        <source>Save plan as</source>
        <translation>计划另存为</translation>
    </message>
    <message>
        <source>Cannot save plan</source>
        <translation>无法保存计划</translation>
    </message>
    <message>
        <source>Checking %1</source>
        <translation>正在检查 %1</translation>
    </message>
    <message>
        <source>The check was cancelled</source>
        <translation>检查已取消</translation>
    </message>
    <message>
        <source>Check plan file</source>
        <translation>检查计划文件</translation>
    </message>
</context>
<context>
    <name>FillTargetsDialog</name>
    <message>
        <source>Fill targets of %1</source>
        <translation>填充 %1 的目标值</translation>
    </message>
    <message>
        <source>Split the year&apos;s target equally</source>
        <translation>将全年目标值平均分配到各期</translation>
    </message>
    <message>
        <source>Ramp from the baseline up to the target</source>
        <translation>从基线逐步过渡到目标值</translation>
    </message>
    <message>
        <source>The same target every period</source>
        <translation>每期目标值相同</translation>
    </message>
    <message>
        <source>Copy last year&apos;s targets</source>
        <translation>复制去年的目标值</translation>
    </message>
    <message>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>Cumulative measures get running totals; every period of the plan year (%1) is written.</source>
        <translation>累计型衡量填入逐期累计值；计划年度（%1）的每个期间都会写入。</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Find code, title or description…</source>
        <translation>查找编号、标题或说明…</translation>
    </message>
    <message>
        <source>All owners</source>
        <translation>所有负责人</translation>
    </message>
    <message>
        <source>All org units</source>
        <translation>所有部门</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Old</source>
        <translation>旧值</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新值</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Only the selected node</source>
        <translation>仅所选节点</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import from Excel — %1</source>
        <translation>从 Excel 导入 — %1</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Left out</source>
        <translation>已略过</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>旧值</translation>
    </message>
    <message>
        <source>After</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>How %1 is read:</source>
        <translation>%1 的读取方式：</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Filter by code, title or period</source>
        <translation>按编号、标题或期间筛选</translation>
    </message>
    <message>
        <source>Reading %1</source>
        <translation>正在读取 %1</translation>
    </message>
    <message>
        <source>Columns are letters: key columns such as A or A,B; for a long sheet, one period column and one value column (or neither, when the periods run across the header)</source>
        <translation>列用字母表示：键列如 A 或 A,B；长表需指定一个期间列和一个数值列（期间在表头横向排列时，两者都不填）</translation>
    </message>
    <message>
        <source>All (%1)</source>
        <translation>全部（%1）</translation>
    </message>
    <message>
        <source>New (%1)</source>
        <translation>新增（%1）</translation>
    </message>
    <message>
        <source>Changed (%1)</source>
        <translation>变更（%1）</translation>
    </message>
    <message>
        <source>Values that change (%1)</source>
        <translation>将变更的值（%1）</translation>
    </message>
    <message>
        <source>The plan already holds every value read from this file: nothing would change.</source>
        <translation>从此文件读出的每个值计划中都已包含：不会产生任何变更。</translation>
    </message>
    <message>
        <source>Problems (%1)</source>
        <translation>问题（%1）</translation>
    </message>
    <message>
        <source>Left out (%1)</source>
        <translation>已略过（%1）</translation>
    </message>
    <message>
        <source>Conflicts (%1)</source>
        <translation>冲突（%1）</translation>
    </message>
    <message>
        <source>%1 problem(s): fix the file (or the choices above) and try again. Nothing will be written while there are problems.</source>
        <translation>%1 个问题：请修正文件（或上方的选择）后重试。存在问题时不会写入任何内容。</translation>
    </message>
    <message>
        <source>%1 new and %2 changed value(s), %3 unchanged; %4 new and %5 changed measure(s).</source>
        <translation>新增 %1 个值、变更 %2 个值，%3 个不变；新增 %4 个衡量、变更 %5 个衡量。</translation>
    </message>
    <message>
        <source>%1 conflict(s): changed in the plan since the workbook was exported; choose on the Conflicts tab which value the plan keeps.</source>
        <translation>%1 个冲突：自工作簿导出以来计划中已修改；请在“冲突”页选择计划保留哪个数值。</translation>
    </message>
    <message>
        <source>%1 conflict(s), each with its choice: the values above are what Import writes.</source>
        <translation>%1 个冲突均已选择：上面列出的值就是导入将写入的内容。</translation>
    </message>
    <message>
        <source>Measures that change (%1)</source>
        <translation>将变更的目标与衡量（%1）</translation>
    </message>
    <message>
        <source>1 value left empty in the workbook keeps the plan&apos;s value: an import clears no value.</source>
        <translation>工作簿中留空的 1 个值保留计划中的值：导入不会清除任何值。</translation>
    </message>
    <message>
        <source>%1 values left empty in the workbook keep the plan&apos;s value: an import clears no value.</source>
        <translation>工作簿中留空的 %1 个值保留计划中的值：导入不会清除任何值。</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1%2</translation>
    </message>
    <message>
        <source>Choose keep plan or take workbook for every conflict first</source>
        <translation>请先为每个冲突选择“保留计划值”或“采用工作簿值”</translation>
    </message>
</context>
<context>
    <name>Jobs</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>objective</source>
        <translation>目的</translation>
    </message>
    <message>
        <source>goal</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>strategy</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>measure</source>
        <translation>衡量</translation>
    </message>
    <message>
        <source>action</source>
        <translation>行动</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>on track</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>at risk</source>
        <translation>有风险</translation>
    </message>
    <message>
        <source>off track</source>
        <translation>偏离</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>no target</source>
        <translation>无目标值</translation>
    </message>
    <message>
        <source>higher is better</source>
        <translation>越高越好</translation>
    </message>
    <message>
        <source>lower is better</source>
        <translation>越低越好</translation>
    </message>
    <message>
        <source>weekly</source>
        <translation>每周</translation>
    </message>
    <message>
        <source>monthly</source>
        <translation>每月</translation>
    </message>
    <message>
        <source>quarterly</source>
        <translation>每季度</translation>
    </message>
    <message>
        <source>sum of the periods</source>
        <translation>各期合计</translation>
    </message>
    <message>
        <source>average of the periods</source>
        <translation>各期平均</translation>
    </message>
    <message>
        <source>last value</source>
        <translation>最新值</translation>
    </message>
    <message>
        <source>each period&apos;s own</source>
        <translation>各期单独</translation>
    </message>
    <message>
        <source>cumulative (year to date)</source>
        <translation>累计（年初至今）</translation>
    </message>
    <message>
        <source>below target</source>
        <translation>低于目标值</translation>
    </message>
    <message>
        <source>no recent actual</source>
        <translation>缺少近期实际值</translation>
    </message>
    <message>
        <source>forecast misses goal</source>
        <translation>预测无法达标</translation>
    </message>
    <message>
        <source>red threshold crossed</source>
        <translation>超过红线</translation>
    </message>
    <message>
        <source>goal missed by its due date</source>
        <translation>到期未达标</translation>
    </message>
    <message>
        <source>action overdue</source>
        <translation>行动逾期</translation>
    </message>
    <message>
        <source>code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>actual</source>
        <translation>实际值</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>parent code</source>
        <translation>上级编号</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>org unit</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>baseline</source>
        <translation>基线</translation>
    </message>
    <message>
        <source>due date</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>frequency</source>
        <translation>频率</translation>
    </message>
    <message>
        <source>amber</source>
        <translation>黄灯</translation>
    </message>
    <message>
        <source>red</source>
        <translation>红灯</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>moved</source>
        <translation>移动</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>below: %1 (%2)</source>
        <translation>下级：%1 个（%2）</translation>
    </message>
    <message>
        <source>rolls up into %1</source>
        <translation>汇总到 %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>One-page OGSM</source>
        <translation>一页纸 OGSM</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>仪表板</translation>
    </message>
    <message>
        <source>Cascade map</source>
        <translation>分解图</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>预警</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Reason for the next changes (kept in the history)</source>
        <translation>后续变更的原因（保存在历史中）</translation>
    </message>
    <message>
        <source>Every change you make is journaled with this reason, until you clear it or open another plan.</source>
        <translation>在您清除此原因或打开其他计划之前，您所做的每项变更都会连同此原因记入变更记录。</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>撤销 %1(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>重做 %1(&amp;R)</translation>
    </message>
    <message>
        <source>typing</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Undone: %1</source>
        <translation>已撤销：%1</translation>
    </message>
    <message>
        <source>Redone: %1</source>
        <translation>已重做：%1</translation>
    </message>
    <message>
        <source>What was typed is kept as a new change: there is nothing left to redo.</source>
        <translation>所输入的内容已作为一项新变更保存：没有可重做的内容了。</translation>
    </message>
    <message>
        <source>Opening %1: converting it to this version&apos;s format (the plan as it was is kept beside it), then working out the statuses…</source>
        <translation>正在打开 %1：转换为本版本的文件格式（转换前的计划另存在同一文件夹中），然后计算各项状态…</translation>
    </message>
    <message>
        <source>Opening %1: checking the file and working out the statuses…</source>
        <translation>正在打开 %1：检查文件并计算各项状态…</translation>
    </message>
    <message>
        <source>%1 nodes</source>
        <translation>%1 个节点</translation>
    </message>
    <message>
        <source>1 node</source>
        <translation>1 个节点</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>What was typed could not be written (the reason was just said). Close the window and leave it out?</source>
        <translation>刚才输入的内容无法写入（原因见上一条提示）。仍要关闭窗口并放弃这些内容吗？</translation>
    </message>
    <message>
        <source>The plan file cannot be written</source>
        <translation>无法写入计划文件</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>未执行</translation>
    </message>
    <message>
        <source>Journaled with the reason “%1”</source>
        <translation>已记入变更记录，原因为“%1”</translation>
    </message>
    <message>
        <source> (read-only)</source>
        <translation>（只读）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Plan</source>
        <translation>计划(&amp;P)</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Ve&amp;rsions</source>
        <translation>版本(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>No node matches the find and the filters</source>
        <translation>没有节点符合查找条件与筛选条件</translation>
    </message>
</context>
<context>
    <name>MappingBox</name>
    <message>
        <source>Map a sheet without plan codes (rows → plan measures)</source>
        <translation>映射没有计划编号的工作表（行 → 计划中的衡量）</translation>
    </message>
    <message>
        <source>The columns whose values make a row&apos;s key, as letters: A or A,B</source>
        <translation>其值组成行键的列，用字母表示：A 或 A,B</translation>
    </message>
    <message>
        <source>Find keys</source>
        <translation>查找键</translation>
    </message>
    <message>
        <source>across</source>
        <translation>横向</translation>
    </message>
    <message>
        <source>Leave empty when the periods run across the header; for a long sheet (one row per key and period), the letter of the period column</source>
        <translation>期间在表头横向排列时留空；长表（每个键每个期间一行）填写期间列的字母</translation>
    </message>
    <message>
        <source>For a long sheet: the letter of the column of numbers</source>
        <translation>用于长表：数值所在列的字母</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Key columns</source>
        <translation>键列</translation>
    </message>
    <message>
        <source>Period column</source>
        <translation>期间列</translation>
    </message>
    <message>
        <source>Value column</source>
        <translation>数值列</translation>
    </message>
    <message>
        <source>Key in the sheet</source>
        <translation>工作表中的键</translation>
    </message>
    <message>
        <source>Plan measure</source>
        <translation>计划中的衡量</translation>
    </message>
    <message>
        <source>Goes to</source>
        <translation>写入</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Columns are letters: key columns such as A or A,B; for a long sheet, one period column and one value column (or neither, when the periods run across the header)</source>
        <translation>列用字母表示：键列如 A 或 A,B；长表需指定一个期间列和一个数值列（期间在表头横向排列时，两者都不填）</translation>
    </message>
    <message>
        <source>(skip)</source>
        <translation>（跳过）</translation>
    </message>
    <message>
        <source>actual</source>
        <translation>实际值</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标值</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge department plan — %1</source>
        <translation>合并部门计划 — %1</translation>
    </message>
    <message>
        <source>%1: the department plan of %2 from “%3”. What the department changed since it got this file (or since its last merge):</source>
        <translation>%1：“%3”中 %2 的部门计划。部门自拿到此文件（或自上次合并）以来的变更：</translation>
    </message>
    <message>
        <source>%1 added, %2 removed, %3 edited, %4 moved, %5 number(s), %6 conflict(s)</source>
        <translation>新增 %1 项，删除 %2 项，修改 %3 项，移动 %4 项，数值 %5 个，冲突 %6 个</translation>
    </message>
    <message>
        <source>merge %1 (%2)</source>
        <translation>合并 %1（%2）</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Company now</source>
        <translation>公司当前值</translation>
    </message>
    <message>
        <source>Refresh from the company plan — %1</source>
        <translation>从公司计划更新 — %1</translation>
    </message>
    <message>
        <source>%1: the company plan “%3”. What the company changed in the part of %2 and in the part above it since this file was cut, merged back or last refreshed:</source>
        <translation>%1：公司计划“%3”。自本文件导出、合并回公司或上次更新以来，公司在 %2 的部分及其上方部分所做的更改：</translation>
    </message>
    <message>
        <source>%1 now serves %2 in the company plan: the part above is brought up to date.</source>
        <translation>%1 在公司计划中现在支撑 %2：上方部分随之更新。</translation>
    </message>
    <message>
        <source>refresh from %1</source>
        <translation>从 %1 更新</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Department now</source>
        <translation>部门当前值</translation>
    </message>
    <message>
        <source>After the refresh</source>
        <translation>更新后</translation>
    </message>
    <message>
        <source>After the merge</source>
        <translation>合并后</translation>
    </message>
    <message>
        <source>Changed on both sides</source>
        <translation>双方都有变更</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Choice</source>
        <translation>选择</translation>
    </message>
    <message>
        <source>Keep department for all</source>
        <translation>全部保留部门版本</translation>
    </message>
    <message>
        <source>Keep company for all</source>
        <translation>全部保留公司版本</translation>
    </message>
    <message>
        <source>Take company for all</source>
        <translation>全部采用公司版本</translation>
    </message>
    <message>
        <source>Take department for all</source>
        <translation>全部采用部门版本</translation>
    </message>
    <message>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>moved</source>
        <translation>移动</translation>
    </message>
    <message>
        <source>numbers</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>new %1 under %2</source>
        <translation>%2 下新增的%1</translation>
    </message>
    <message>
        <source>new %1 under %2: its code follows %2&apos;s, so %3 becomes %4</source>
        <translation>%2 下新增的%1：编号随上级 %2 而定，因此 %3 改为 %4</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>new %1 under %2: %3 is taken here, so it becomes %4</source>
        <translation>%2 下新增的%1：%3 在此已被占用，因此编号改为 %4</translation>
    </message>
    <message>
        <source>new %1 under %2: %3 was another node&apos;s here before (a code is never given twice), so it becomes %4</source>
        <translation>%2 下新增的%1：%3 此前属于此处另一节点（编号不会重复使用），因此改为 %4</translation>
    </message>
    <message>
        <source>moved under %1 in the company: it leaves this file, with what is below it</source>
        <translation>在公司计划中已移到 %1 下：连同其下级离开本文件</translation>
    </message>
    <message>
        <source>moved out of the department&apos;s part in the company: it leaves this file</source>
        <translation>在公司计划中已移出本部门的部分：离开本文件</translation>
    </message>
    <message>
        <source>deleted, with what is below it</source>
        <translation>删除（连同其下级）</translation>
    </message>
    <message>
        <source>%1 is taken here by another node: it stays %2</source>
        <translation>%1 在此已被其他节点占用：仍为 %2</translation>
    </message>
    <message>
        <source>under</source>
        <translation>上级</translation>
    </message>
    <message>
        <source>Plan settings</source>
        <translation>计划设置</translation>
    </message>
    <message>
        <source>%1 value(s)</source>
        <translation>%1 个数值</translation>
    </message>
    <message>
        <source>Showing the first %1 of %2 changes; all of them are merged.</source>
        <translation>仅显示 %2 项变更中的前 %1 项；全部都会合并。</translation>
    </message>
    <message>
        <source>number of %1</source>
        <translation>%1 的数值</translation>
    </message>
    <message>
        <source>deleted in the department, edited in the company</source>
        <translation>部门中已删除，公司中有修改</translation>
    </message>
    <message>
        <source>edited in the department, deleted in the company (or moved out of the department&apos;s part)</source>
        <translation>部门中有修改，公司中已删除（或已移出部门的部分）</translation>
    </message>
    <message>
        <source>deleted here, edited in the department</source>
        <translation>公司计划中已删除，部门中有修改</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>edited here, deleted in the department</source>
        <translation>公司计划中有修改，部门中已删除</translation>
    </message>
    <message>
        <source>edited: stays</source>
        <translation>有修改：保留</translation>
    </message>
    <message>
        <source>moved here out of the department&apos;s part, edited there</source>
        <translation>公司计划中已移出部门范围，部门中有修改</translation>
    </message>
    <message>
        <source>moved on both sides</source>
        <translation>双方都移动了</translation>
    </message>
    <message>
        <source>under %1</source>
        <translation>位于 %1 下</translation>
    </message>
    <message>
        <source>Conflicts (%1): changed in the company and in this department file — choose which side each keeps</source>
        <translation>冲突（%1）：公司和本部门文件都做了修改——请为每项选择保留哪一方</translation>
    </message>
    <message>
        <source>Conflicts (%1): changed here and in the department — choose which side each keeps</source>
        <translation>冲突（%1）：公司计划与部门都做了修改——请为每项选择保留哪一方</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <source>Keep department</source>
        <translation>保留部门版本</translation>
    </message>
    <message>
        <source>place</source>
        <translation>同级中的位置</translation>
    </message>
    <message>
        <source>%1 (moved in)</source>
        <translation>%1（移入）</translation>
    </message>
    <message>
        <source>edited: comes back</source>
        <translation>有修改：恢复</translation>
    </message>
    <message>
        <source>edited: comes back, with %1</source>
        <translation>有修改：恢复，连同 %1</translation>
    </message>
    <message>
        <source>Take company</source>
        <translation>采用公司版本</translation>
    </message>
    <message>
        <source>Keep company</source>
        <translation>保留公司版本</translation>
    </message>
    <message>
        <source>Take department</source>
        <translation>采用部门版本</translation>
    </message>
    <message>
        <source>%1 conflict(s) left to choose</source>
        <translation>还有 %1 个冲突待选择</translation>
    </message>
    <message>
        <source>Every conflict has its choice.</source>
        <translation>所有冲突均已选择。</translation>
    </message>
    <message>
        <source>Choose keep department or take company for every conflict first</source>
        <translation>请先为每个冲突选择“保留部门版本”或“采用公司版本”</translation>
    </message>
    <message>
        <source>Choose keep company or take department for every conflict first</source>
        <translation>请先为每个冲突选择“保留公司版本”或“采用部门版本”</translation>
    </message>
</context>
<context>
    <name>NumbersModel</name>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>实际值</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Comment / countermeasure</source>
        <translation>备注 / 对策</translation>
    </message>
    <message>
        <source>Last changed</source>
        <translation>最后修改</translation>
    </message>
    <message>
        <source>not due</source>
        <translation>未到期</translation>
    </message>
    <message>
        <source>No target of its own: the measure&apos;s target applies</source>
        <translation>本期没有单独的目标值：采用该衡量的目标值</translation>
    </message>
    <message>
        <source>Outside the plan year</source>
        <translation>不在计划年度内</translation>
    </message>
</context>
<context>
    <name>NumbersPanel</name>
    <message>
        <source>Enter a number</source>
        <translation>输入数值</translation>
    </message>
    <message>
        <source>Fill targets…</source>
        <translation>填充目标值…</translation>
    </message>
    <message>
        <source>Select a goal or a measure to see and enter its numbers.</source>
        <translation>选择一个目标或衡量，以查看和录入其数值。</translation>
    </message>
    <message>
        <source>%1 %2 — %3; quarter and year: %4; targets: %5; plan year %6; as of %7</source>
        <translation>%1 %2 — 单位：%3；季度和年度：%4；目标值：%5；计划年度 %6；截至 %7</translation>
    </message>
    <message>
        <source>no unit</source>
        <translation>无</translation>
    </message>
    <message>
        <source>The plan is open read-only: nothing was changed.</source>
        <translation>计划以只读方式打开：未做任何变更。</translation>
    </message>
    <message>
        <source>Clear numbers</source>
        <translation>清除数值</translation>
    </message>
    <message>
        <source>The pasted block does not fit: paste numbers into the Target and Actual columns (and text into Comment), within the plan year&apos;s periods. Nothing was changed.</source>
        <translation>粘贴的内容不匹配：请将数字粘贴到“目标值”和“实际值”列（文本粘贴到“备注”列），且位于计划年度的期间之内。未做任何变更。</translation>
    </message>
    <message>
        <source>Paste numbers</source>
        <translation>粘贴数值</translation>
    </message>
    <message numerus="yes">
        <source>%n number(s) cleared by empty cells of the block pasted</source>
        <translation>
            <numerusform>粘贴块中的空单元格清除了 %n 个数字</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The Status column is worked out from the numbers: %n pasted status(es) left out</source>
        <translation>
            <numerusform>状态列由数字计算得出：粘贴的 %n 个状态未写入</numerusform>
        </translation>
    </message>
    <message>
        <source>Fill targets</source>
        <translation>填充目标值</translation>
    </message>
</context>
<context>
    <name>OnePageView</name>
    <message>
        <source>Select a node to see the one-page OGSM of its objective.</source>
        <translation>选择一个节点，以查看其所属目的的一页纸 OGSM。</translation>
    </message>
</context>
<context>
    <name>OpeningController</name>
    <message>
        <source>Cannot open plan</source>
        <translation>无法打开计划</translation>
    </message>
</context>
<context>
    <name>OptionalDateEdit</name>
    <message>
        <source>no date</source>
        <translation>无日期</translation>
    </message>
    <message>
        <source>Clear the date</source>
        <translation>清除日期</translation>
    </message>
</context>
<context>
    <name>PlanCommand</name>
    <message>
        <source>undo: %1</source>
        <translation>撤销：%1</translation>
    </message>
    <message>
        <source>redo: %1</source>
        <translation>重做：%1</translation>
    </message>
</context>
<context>
    <name>PlanLabels</name>
    <message>
        <source>Objective</source>
        <translation>目的</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Strategies</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>Measures &amp; actions</source>
        <translation>衡量与行动</translation>
    </message>
    <message>
        <source>owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>due</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>latest</source>
        <translation>最新</translation>
    </message>
    <message>
        <source>cascaded to</source>
        <translation>已分解到</translation>
    </message>
    <message>
        <source>serves</source>
        <translation>支撑</translation>
    </message>
    <message>
        <source>changed above: check</source>
        <translation>上级已变更：请核对</translation>
    </message>
    <message>
        <source>in the company&apos;s plan</source>
        <translation>见公司计划</translation>
    </message>
    <message>
        <source>from the company&apos;s plan, locked in this file: its goals, its other strategies and its status are there</source>
        <translation>来自公司的计划，在本文件中锁定：它的目标、其他策略和状态见公司的计划</translation>
    </message>
    <message>
        <source>actual</source>
        <translation>实际值</translation>
    </message>
    <message>
        <source>trend to the due date</source>
        <translation>至截止日期的趋势</translation>
    </message>
    <message>
        <source>at risk</source>
        <translation>有风险</translation>
    </message>
    <message>
        <source>off track</source>
        <translation>偏离</translation>
    </message>
    <message>
        <source>no actuals yet</source>
        <translation>尚无实际值</translation>
    </message>
    <message>
        <source>No actuals yet</source>
        <translation>尚无实际值</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>PlanModel</name>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Org unit</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>%1 · %2: %3</source>
        <translation>%1 · %2：%3</translation>
    </message>
    <message>
        <source>Locked: the company&apos;s part of the plan, shown here for context. It is changed and judged in the company&apos;s plan, not in this department file.</source>
        <translation>已锁定：公司计划中的部分，仅供参考。其修改与状态评判均在公司计划中进行，而不是在此部门计划文件中。</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <source>Alert: %1 since %2: %3</source>
        <translation>预警：%1（自 %2 起）：%3</translation>
    </message>
    <message>
        <source>Alert below: something below this is slipping (see the Alerts panel).</source>
        <translation>下级预警：下级有预警事项（见“预警”面板）。</translation>
    </message>
    <message>
        <source>Method: %1</source>
        <translation>方法提示：%1</translation>
    </message>
</context>
<context>
    <name>PlanSettingsController</name>
    <message>
        <source>Change the plan settings</source>
        <translation>更改计划设置</translation>
    </message>
</context>
<context>
    <name>PlanSettingsDialog</name>
    <message>
        <source>Plan settings</source>
        <translation>计划设置</translation>
    </message>
    <message>
        <source>Plan year</source>
        <translation>计划年度</translation>
    </message>
    <message>
        <source>First month</source>
        <translation>起始月份</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>结束月份</translation>
    </message>
    <message>
        <source>Not set yet: the calendar year of the as-of date is used.</source>
        <translation>尚未设置：使用截至日期所在的日历年。</translation>
    </message>
    <message>
        <source>Status of goals and measures</source>
        <translation>目标与衡量的状态</translation>
    </message>
    <message>
        <source>At risk below (% of the period&apos;s target)</source>
        <translation>低于此值为有风险（当期目标值的 %）</translation>
    </message>
    <message>
        <source>Off track below (% of the period&apos;s target)</source>
        <translation>低于此值为偏离（当期目标值的 %）</translation>
    </message>
    <message>
        <source>The latest period with a value</source>
        <translation>有数值的最近一期</translation>
    </message>
    <message>
        <source>The quarter to date</source>
        <translation>本季度至今</translation>
    </message>
    <message>
        <source>The tree shows</source>
        <translation>树中状态依据</translation>
    </message>
    <message>
        <source> day(s)</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Alert rules in use (a measure can switch more off for itself)</source>
        <translation>启用的预警规则（单个衡量可为自身再关闭其他规则）</translation>
    </message>
    <message>
        <source>Plan name</source>
        <translation>计划名称</translation>
    </message>
    <message>
        <source>Alert after N periods below target</source>
        <translation>连续 N 期低于目标值后预警</translation>
    </message>
    <message>
        <source>An actual is missing this long after its period ends</source>
        <translation>期间结束后超过此天数仍无实际值，即视为缺失</translation>
    </message>
    <message>
        <source> %</source>
        <extracomment>after a percentage in a number box: &quot; %&quot; in English, &quot;%&quot; (no space) in Chinese</extracomment>
        <translation>%</translation>
    </message>
    <message>
        <source>Lower-is-better measures mirror the percentages (at risk above %1 %, off track above %2 %); a measure with its own amber and red values uses those.</source>
        <translation>越低越好的衡量按对称的百分比判断（高于 %1% 为有风险，高于 %2% 为偏离）；设置了自身黄灯和红灯值的衡量按其自身的值判断。</translation>
    </message>
    <message numerus="yes">
        <source>Alerts follow the plan year: %n goal(s) and measure(s) with periods of %1 still without an actual will no longer be raised. Review that year first if it is not closed.</source>
        <translation>
            <numerusform>预警按计划年度计算：%1 中仍有期间未填实际值的 %n 项目标和衡量指标将不再预警。如该年度尚未结束，请先进行回顾。</numerusform>
        </translation>
    </message>
    <message>
        <source>Off track must start below at risk.</source>
        <translation>偏离的界限必须低于有风险的界限。</translation>
    </message>
    <message>
        <source>The plan year must end after it starts, within three years.</source>
        <translation>计划年度的结束月份不得早于起始月份，且总长不得超过三年。</translation>
    </message>
</context>
<context>
    <name>PopOutWindow</name>
    <message>
        <source>Back into the main window</source>
        <translation>放回主窗口</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source>The language of the window, the messages, the Excel headers and the reports. It changes when OGSM Desktop starts again.</source>
        <translation>窗口、消息、Excel 表头和报告所用的语言。更改将在 OGSM Desktop 重新启动后生效。</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>QPageSetupWidget</name>
    <message>
        <source>Page &amp;order:</source>
        <translation>页面顺序(&amp;O)：</translation>
    </message>
    <message>
        <source>Pages &amp;per sheet:</source>
        <translation>每张页数(&amp;P)：</translation>
    </message>
</context>
<context>
    <name>QPrintSettingsOutput</name>
    <message>
        <source>Page &amp;Set:</source>
        <translation>页面组(&amp;S)：</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>Cascade overview</source>
        <translation>分解总览</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>预警</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>回顾</translation>
    </message>
    <message>
        <source>Board pack</source>
        <translation>董事会材料包</translation>
    </message>
    <message>
        <source>Department pack</source>
        <translation>部门材料包</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>组织单元</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>截至</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Changes since</source>
        <translation>变更起点版本</translation>
    </message>
    <message>
        <source>no version saved yet</source>
        <translation>尚未保存版本</translation>
    </message>
    <message>
        <source>Printed on</source>
        <translation>打印日期</translation>
    </message>
    <message>
        <source>Achieved</source>
        <translation>已达成</translation>
    </message>
    <message>
        <source>Not achieved</source>
        <translation>未达成</translation>
    </message>
    <message>
        <source>Without a number</source>
        <translation>无数值</translation>
    </message>
    <message>
        <source>Without a target</source>
        <translation>无目标值</translation>
    </message>
    <message>
        <source>No period is reviewed in this pack.</source>
        <translation>本材料包不含期间回顾。</translation>
    </message>
    <message>
        <source>Counted: the goals and measures of %1 and of the units right below it. Those of the teams and people further down are in their departments&apos; packs.</source>
        <translation>计数范围：%1 及其直属下级单位的目标和衡量。更下层团队和个人的目标和衡量，见各部门的部门材料包。</translation>
    </message>
    <message>
        <source>Counted: the goals and measures of %1 and of every unit below it.</source>
        <translation>计数范围：%1 及其以下所有单位的目标和衡量。</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Org unit</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Old → new</source>
        <translation>旧值 → 新值</translation>
    </message>
    <message>
        <source>%1 — %2, %3</source>
        <extracomment>a change&apos;s reason (bold), who made it and the day: &quot;why — who, day&quot;</extracomment>
        <translation>%1——%2，%3</translation>
    </message>
    <message>
        <source>… and %1 more change(s) in this unit</source>
        <translation>……本部门另有 %1 项变更</translation>
    </message>
    <message>
        <source>page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <source>printed on %1</source>
        <translation>打印于 %1</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>衡量</translation>
    </message>
    <message>
        <source>Cover</source>
        <translation>封面</translation>
    </message>
    <message>
        <source>Cascade map</source>
        <translation>分解图</translation>
    </message>
    <message>
        <source>Counted: the goals and measures of %1, the unit this file holds, and of every unit below it. %2 is from the company&apos;s plan, locked in this file: its own goals and its other units are there.</source>
        <translation>计数范围：%1（本文件所含的单位）及其所有下级单位的目标和衡量。%2 来自公司的计划，在本文件中锁定：它自己的目标和其他单位见公司的计划。</translation>
    </message>
    <message>
        <source>Counted: the goals and measures of %1 alone, the unit this file holds. %2 is from the company&apos;s plan, locked in this file: its own goals and its other units are there.</source>
        <translation>计数范围：仅 %1（本文件所含的单位）的目标和衡量。%2 来自公司的计划，在本文件中锁定：它自己的目标和其他单位见公司的计划。</translation>
    </message>
    <message>
        <source>Counted: no goal or measure. %2 and the units right below it are from the company&apos;s plan, locked in this file; those of %1, the unit this file holds, are in its department pack.</source>
        <translation>计数范围：无目标或衡量。%2 及其直属下级单位来自公司的计划，在本文件中锁定；%1（本文件所含的单位）的目标和衡量见它的部门材料包。</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>起始期间</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Changes since %1</source>
        <translation>自版本“%1”以来的变更</translation>
    </message>
    <message>
        <source>No changes.</source>
        <translation>没有变更。</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>report cancelled</source>
        <translation>报告已取消</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>version: %1</source>
        <translation>版本：%1</translation>
    </message>
    <message>
        <source>as of %1</source>
        <translation>截至 %1</translation>
    </message>
    <message>
        <source>(continued)</source>
        <translation>（续）</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>Choose the parts below</source>
        <translation>自行选择以下内容</translation>
    </message>
    <message>
        <source>Board pack: cover, company one-page, cascade map, review, alerts, changes</source>
        <translation>董事会材料包：封面、公司一页纸、分解图、回顾、预警、变更</translation>
    </message>
    <message>
        <source>Department pack: the same for %1 and everything below it</source>
        <translation>部门材料包：%1 及其全部下级的同类材料</translation>
    </message>
    <message>
        <source>The whole plan</source>
        <translation>整个计划</translation>
    </message>
    <message>
        <source>The selected objective and every unit below it</source>
        <translation>所选目的及其下所有部门</translation>
    </message>
    <message>
        <source>Only the selected objective&apos;s one-page OGSM</source>
        <translation>仅所选目的的一页纸 OGSM</translation>
    </message>
    <message>
        <source>One-page OGSM per org unit</source>
        <translation>各部门的一页纸 OGSM</translation>
    </message>
    <message>
        <source>Cascade overview</source>
        <translation>分解总览</translation>
    </message>
    <message>
        <source>Measure charts</source>
        <translation>衡量图表</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>预警</translation>
    </message>
    <message>
        <source>Cascade map</source>
        <translation>分解图</translation>
    </message>
    <message>
        <source>current plan</source>
        <translation>当前计划</translation>
    </message>
    <message>
        <source>(leave out)</source>
        <translation>（不包含）</translation>
    </message>
    <message>
        <source>a month, a quarter or a year: 2026-10, 2026Q3, 2026</source>
        <translation>月、季度或年：2026-10、2026Q3、2026</translation>
    </message>
    <message>
        <source>A4 landscape (297 × 210 mm)</source>
        <translation>A4 横向（297 × 210 毫米）</translation>
    </message>
    <message>
        <source>US Letter landscape (11 × 8.5 in)</source>
        <translation>美国信纸横向（11 × 8.5 英寸）</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Include</source>
        <translation>包含</translation>
    </message>
    <message>
        <source>Changes since version</source>
        <translation>自该版本以来的变更</translation>
    </message>
    <message>
        <source>Review of the period</source>
        <translation>期间回顾</translation>
    </message>
    <message>
        <source>Print version</source>
        <translation>要打印的版本</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <source>One-page OGSM of the company</source>
        <translation>公司的一页纸 OGSM</translation>
    </message>
</context>
<context>
    <name>ReportsController</name>
    <message>
        <source>Preparing the report</source>
        <translation>正在准备报告</translation>
    </message>
    <message>
        <source>The report was cancelled: nothing was written</source>
        <translation>报告已取消：未写入任何内容</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>导出 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Writing %1</source>
        <translation>正在写入 %1</translation>
    </message>
    <message>
        <source>Wrote %1 (%2 pages)</source>
        <translation>已写入 %1（共 %2 页）</translation>
    </message>
    <message>
        <source>%1 - board pack.pdf</source>
        <translation>%1 - 董事会材料包.pdf</translation>
    </message>
    <message>
        <source>%1 - %2 department pack.pdf</source>
        <translation>%1 - %2 部门材料包.pdf</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Export cascade map</source>
        <translation>导出分解图</translation>
    </message>
    <message>
        <source>%1 - cascade map.pdf</source>
        <translation>%1 - 分解图.pdf</translation>
    </message>
    <message>
        <source>PDF — the whole map, page by page (*.pdf);;PNG image — the page shown (*.png);;SVG drawing — the page shown (*.svg)</source>
        <translation>PDF — 整个分解图，逐页 (*.pdf);;PNG 图片 — 当前显示的页 (*.png);;SVG 矢量图 — 当前显示的页 (*.svg)</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>已写入 %1</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore version</source>
        <translation>恢复版本</translation>
    </message>
    <message>
        <source>Why go back to this version? (required)</source>
        <translation>为什么要回到此版本？（必填）</translation>
    </message>
    <message>
        <source>Also restore the numbers: actual values recorded since the version are removed or set back</source>
        <translation>同时恢复数值：删除或回退该版本之后录入的实际值</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>What the restore changes in the current plan:</source>
        <translation>恢复将对当前计划做出的变更：</translation>
    </message>
    <message>
        <source>The plan has no versions yet.</source>
        <translation>该计划还没有版本。</translation>
    </message>
    <message numerus="yes">
        <source>The plan comes back as it was: its nodes, definitions, settings and the targets of the periods the version knew. %n actual value(s) recorded since stay as they are.</source>
        <translation>
            <numerusform>计划将恢复原样：节点、定义、设置以及该版本中已有期间的目标值。此后录入的 %n 个实际值保持不变。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <source>the whole plan</source>
        <translation>整个计划</translation>
    </message>
    <message>
        <source>Review of %1</source>
        <translation>%1 回顾</translation>
    </message>
    <message>
        <source>as of %1</source>
        <translation>截至 %1</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Org unit</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Achieved</source>
        <translation>已达成</translation>
    </message>
    <message>
        <source>Not achieved</source>
        <translation>未达成</translation>
    </message>
    <message>
        <source>Without a number</source>
        <translation>无数值</translation>
    </message>
    <message>
        <source>Without a target</source>
        <translation>无目标值</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>实际值</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>较上期变化</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Achieved</source>
        <comment>a column of yes or no</comment>
        <translation>是否达成</translation>
    </message>
    <message>
        <source>Countermeasure</source>
        <translation>对策</translation>
    </message>
    <message>
        <source>Achieved: whether the period&apos;s figure reached its target. Status: the same figure judged by its amber and red limits (its own, else the plan&apos;s) — a figure that misses its target but stays within the amber limit is on track.</source>
        <translation>是否达成：本期数值是否达到目标值。状态：同一数值按其黄灯与红灯临界值（自身的，否则为计划的）判断——未达到目标值但仍在黄灯临界值之内的，为正常。</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>Review</source>
        <translation>回顾</translation>
    </message>
    <message>
        <source>The whole plan</source>
        <translation>整个计划</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>实际值</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>较上期变化</translation>
    </message>
    <message>
        <source>Achieved</source>
        <comment>a column of yes or no</comment>
        <translation>是否达成</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Countermeasure</source>
        <translation>对策</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Org unit</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Judged as of %1 (the window&apos;s as-of date).</source>
        <translation>截至 %1 进行判断（即窗口中的截至日期）。</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <source>Working out the review…</source>
        <translation>正在计算回顾…</translation>
    </message>
    <message>
        <source>%1: %2 achieved, %3 not achieved, %4 without a number, %5 without a target</source>
        <translation>%1：已达成 %2 项，未达成 %3 项，无数值 %4 项，无目标值 %5 项</translation>
    </message>
    <message>
        <source>%1: %2 has no goals or measures to review yet</source>
        <translation>%1：%2 还没有可回顾的目标或衡量指标</translation>
    </message>
    <message>
        <source>the plan</source>
        <translation>整个计划</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Countermeasure for %1</source>
        <translation>%1 的对策</translation>
    </message>
</context>
<context>
    <name>RulesField</name>
    <message>
        <source>none (every rule applies)</source>
        <translation>无（所有规则均适用）</translation>
    </message>
    <message>
        <source>Alert rules switched off for this node; the others follow the plan&apos;s settings</source>
        <translation>为此节点关闭的预警规则；其余规则按计划设置执行</translation>
    </message>
</context>
<context>
    <name>SaveVersionDialog</name>
    <message>
        <source>Save version</source>
        <translation>保存版本</translation>
    </message>
    <message>
        <source>Why is this state worth keeping? (required)</source>
        <translation>为什么值得保留当前状态？（必填）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>This will be the plan&apos;s first version.</source>
        <translation>这将是该计划的第一个版本。</translation>
    </message>
    <message>
        <source>Changes since version “%1”: %2</source>
        <translation>自版本“%1”以来的变更：%2</translation>
    </message>
</context>
<context>
    <name>SavedLabel</name>
    <message>
        <source>Every change is written to the plan file as it is made: nothing waits to be saved. The * in the title marks changes since the last version; Save version (Ctrl+S) names them, to compare or restore them later.</source>
        <translation>每项变更一经做出即写入计划文件，没有等待保存的内容。标题中的 * 表示自上一个版本以来有变更；“保存版本”（Ctrl+S）为这些变更命名，以便日后比较或恢复。</translation>
    </message>
    <message>
        <source>Read-only: nothing is written to the file</source>
        <translation>只读：不会写入文件</translation>
    </message>
    <message>
        <source>Saved in the file · no version yet</source>
        <translation>已保存到文件 · 尚无版本</translation>
    </message>
    <message>
        <source>Saved in the file · version “%1”</source>
        <translation>已保存到文件 · 版本“%1”</translation>
    </message>
    <message>
        <source>Saved in the file · changes since version “%1”</source>
        <translation>已保存到文件 · 自版本“%1”以来有变更</translation>
    </message>
</context>
<context>
    <name>ServesField</name>
    <message>
        <source>Seen</source>
        <translation>已核对</translation>
    </message>
    <message>
        <source>Take in the change above: this goal has been checked against it</source>
        <translation>接受上级的变更：此目标已按该变更核对</translation>
    </message>
    <message>
        <source>(no link)</source>
        <translation>（无关联）</translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation>（已删除）</translation>
    </message>
    <message>
        <source>Unlink %1 from the measure above</source>
        <translation>取消 %1 与上级衡量的关联</translation>
    </message>
    <message>
        <source>Link %1 to the measure above</source>
        <translation>将 %1 关联到上级衡量</translation>
    </message>
    <message>
        <source>Take in the change above %1</source>
        <translation>接受 %1 上级的变更</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>Drag and drop</source>
        <translation>拖放</translation>
    </message>
</context>
<context>
    <name>SheetsPanel</name>
    <message>
        <source>numbers per period</source>
        <translation>各期数值</translation>
    </message>
    <message>
        <source>goal and measure definitions</source>
        <translation>目标与衡量定义</translation>
    </message>
    <message>
        <source>not imported</source>
        <translation>不导入</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Taken as</source>
        <translation>识别为</translation>
    </message>
    <message>
        <source>How it is read</source>
        <translation>读取方式</translation>
    </message>
    <message>
        <source>Column not used</source>
        <translation>未使用的列</translation>
    </message>
    <message>
        <source>Use it as</source>
        <translation>用作</translation>
    </message>
    <message>
        <source>Read again with these choices</source>
        <translation>按这些选择重新读取</translation>
    </message>
    <message>
        <source>Not what you meant? Say what a sheet is or what a column holds, then read the file again.</source>
        <translation>与您的意图不符？请指明工作表的类型或列的内容，然后重新读取文件。</translation>
    </message>
    <message>
        <source>key column %1</source>
        <translation>键列 %1</translation>
    </message>
    <message>
        <source>one row per measure and period</source>
        <translation>每个衡量每个期间一行</translation>
    </message>
    <message>
        <source>one row per measure, the periods across</source>
        <translation>每个衡量一行，期间横向排列</translation>
    </message>
    <message>
        <source>one row per goal or measure</source>
        <translation>每个目标或衡量一行</translation>
    </message>
    <message>
        <source>read through your mapping</source>
        <translation>按您的映射读取</translation>
    </message>
    <message>
        <source>%1; header on row %2: %3</source>
        <translation>%1；表头位于第 %2 行：%3</translation>
    </message>
    <message>
        <source>; %1 period column(s) %2–%3</source>
        <translation>；%1 个期间列 %2–%3</translation>
    </message>
    <message>
        <source>not used</source>
        <translation>不使用</translation>
    </message>
</context>
<context>
    <name>ValueChangesModel</name>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>实际值</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>变更</translation>
    </message>
</context>
<context>
    <name>VersionDialogs</name>
    <message>
        <source>now (current plan)</source>
        <translation>现在（当前计划）</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>VersionsController</name>
    <message>
        <source>Save version %1</source>
        <translation>保存版本 %1</translation>
    </message>
    <message>
        <source>Saved version “%1”</source>
        <translation>已保存版本“%1”</translation>
    </message>
    <message>
        <source>Nothing changed since version “%1”: no new version saved</source>
        <translation>自版本“%1”以来没有任何变更：未保存新版本</translation>
    </message>
    <message>
        <source>saved with Save version (Ctrl+S), no reason typed</source>
        <translation>用“保存版本”（Ctrl+S）保存，未填写原因</translation>
    </message>
    <message>
        <source>Saved version “%1” — %2</source>
        <translation>已保存版本“%1” — %2</translation>
    </message>
    <message>
        <source>Restore %1</source>
        <translation>恢复 %1</translation>
    </message>
</context>
</TS>
