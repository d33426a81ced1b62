#!/usr/bin/env python3
"""Generates kam's five templates (Templates/*.xlsx) with openpyxl; `--ods` also converts them with LibreOffice.

Every bound cell holds its binding as plain text ({{path | format}}, {{#each …}} in a repeating row's first cell),
the syntax docs/templates.md describes. Run: python3 scripts/make_templates.py [--ods]
"""
import os
import subprocess
import sys

from openpyxl import Workbook
from openpyxl.chart import BarChart, PieChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.page import PageMargins

OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Templates")
FONT = "微软雅黑"
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
SECTION_FILL = PatternFill("solid", fgColor="1F4E78")
FORMATS = {"money": "#,##0.00", "percent": "0.0%", "date": "yyyy-mm-dd", "int": "0", "num": "0.0"}


class Doc:
    """A sheet written top to bottom: titles, sections, label/value rows and bound tables."""

    def __init__(self, ws, widths, landscape=False):
        self.ws, self.row, self.ncols = ws, 1, len(widths)
        for i, w in enumerate(widths):
            ws.column_dimensions[chr(65 + i)].width = w
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape" if landscape else "portrait"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.6)
        ws.print_options.horizontalCentered = True
        ws.sheet_view.showGridLines = False

    def cell(self, col, value, bold=False, fmt=None, size=10, align=None, border=False, fill=None, wrap=False, color=None):
        c = self.ws.cell(row=self.row, column=col, value=value)
        c.font = Font(name=FONT, size=size, bold=bold, color=color)
        c.alignment = Alignment(horizontal=align, vertical="center", wrap_text=wrap)
        if fmt:
            c.number_format = FORMATS.get(fmt, fmt)
        if border:
            c.border = BOX
        if fill:
            c.fill = fill
        return c

    def merge(self, first, last):
        self.ws.merge_cells(start_row=self.row, start_column=first, end_row=self.row, end_column=last)

    def title(self, text, subtitle=None):
        self.cell(1, text, bold=True, size=18, align="center")
        self.merge(1, self.ncols)
        self.ws.row_dimensions[self.row].height = 34
        self.row += 1
        if subtitle:
            self.cell(1, subtitle, size=10, align="center", color="595959")
            self.merge(1, self.ncols)
            self.row += 1
        self.row += 1

    def section(self, text):
        for col in range(1, self.ncols + 1):
            self.cell(col, text if col == 1 else None, bold=True, size=12, fill=SECTION_FILL, color="FFFFFF")
        self.merge(1, self.ncols)
        self.ws.row_dimensions[self.row].height = 22
        self.row += 1

    def fields(self, pairs, span=True):
        """Label/value rows: [(label, binding, fmt)]; with span the value runs to the last column."""
        for label, value, fmt in pairs:
            self.cell(1, label, bold=True, border=True, fill=HEAD_FILL)
            self.cell(2, value, fmt=fmt, border=True, wrap=True, align="left")
            if span:
                for col in range(3, self.ncols + 1):
                    self.cell(col, None, border=True)
                self.merge(2, self.ncols)
            self.row += 1
        self.row += 1

    def text(self, value, height=None):
        self.cell(1, value, wrap=True, align="left", border=True)
        for col in range(2, self.ncols + 1):
            self.cell(col, None, border=True)
        self.merge(1, self.ncols)
        if height:
            self.ws.row_dimensions[self.row].height = height
        self.row += 1

    def table(self, headers, cells, fmts=None, total=None):
        """A header row, one bound template row, a spacer row (charts and totals span it, so they grow as rows are
        inserted), and an optional total row. Returns (template row, spacer row)."""
        fmts = fmts or [None] * len(headers)
        for i, h in enumerate(headers):
            self.cell(i + 1, h, bold=True, border=True, fill=HEAD_FILL, align="center", wrap=True)
        self.ws.row_dimensions[self.row].height = 30
        self.row += 1
        first = self.row
        # Repeated rows stay one line high (LibreOffice does not grow rows kam inserts), so long text runs into the
        # empty cell beside it or is clipped, instead of overlapping the next row.
        for i, v in enumerate(cells):
            self.cell(i + 1, v, fmt=fmts[i], border=True,
                      align="center" if fmts[i] in ("date", "int", "percent") else None)
        self.row += 1
        spacer = self.row
        self.ws.row_dimensions[spacer].height = 6
        self.row += 1
        if total:
            label, cols, fmt = total
            cols = cols if isinstance(cols, (list, tuple)) else [cols]
            self.cell(1, label, bold=True, border=True, fill=HEAD_FILL)
            for c in range(2, len(headers) + 1):
                letter = chr(64 + c)
                f = fmt.get(c) if isinstance(fmt, dict) else fmt
                self.cell(c, f"=SUM({letter}{first}:{letter}{spacer})" if c in cols else None, bold=True,
                          border=True, fmt=f, fill=HEAD_FILL, align="center" if f == "int" else None)
            self.row += 1
        self.row += 1
        return first, spacer

    def fixed(self, headers, rows, fmts):
        """A table of fixed rows (one per segment or stage); returns (first, last) data rows."""
        for i, h in enumerate(headers):
            self.cell(i + 1, h, bold=True, border=True, fill=HEAD_FILL, align="center")
        self.row += 1
        first = self.row
        for r in rows:
            for i, v in enumerate(r):
                self.cell(i + 1, v, fmt=fmts[i], border=True, align="center" if fmts[i] in ("int", "percent") else None)
            self.row += 1
        last = self.row - 1
        self.row += 1
        return first, last


SEGMENTS = ["important_value", "important_development", "general_value", "low_value"]
STAGES = ["prospect", "new", "active", "churned"]


def segment_rows(with_clv=False):
    return [[f"{{{{segments[{s}].segment}}}}", f"{{{{segments[{s}].customers}}}}", f"{{{{segments[{s}].revenue | money}}}}",
             f"{{{{segments[{s}].revenueShare | percent}}}}"] + ([f"{{{{segments[{s}].clv | money}}}}"] if with_clv else [])
            for s in SEGMENTS]


def monthly(d, ws, chart_width=16):
    """Revenue per month of the period: a table (one row per month, with totals) and a column chart under it."""
    first, spacer = d.table(["月份", "销售额", "交易笔数", "购买客户数"],
                            ["{{#each months}}{{.month}}", "{{.revenue | money}}", "{{.transactions}}", "{{.customers}}"],
                            [None, "money", "int", "int"], total=("合计", [2, 3], {2: "money", 3: "int"}))
    bar(ws, "月度销售额", Reference(ws, min_col=1, min_row=first, max_row=spacer),
        Reference(ws, min_col=2, min_row=first, max_row=spacer), f"A{d.row}", height=6, width=chart_width)
    d.row += 14


def pie(ws, title, labels, values, anchor, height=6.5, width=10):
    ch = PieChart()
    ch.title = title
    ch.add_data(values, titles_from_data=False)
    ch.set_categories(labels)
    ch.height, ch.width = height, width
    ws.add_chart(ch, anchor)


def bar(ws, title, labels, values, anchor, height=6.5, width=12):
    ch = BarChart()
    ch.type = "col"
    ch.title = title
    ch.legend = None
    ch.add_data(values, titles_from_data=False)
    ch.set_categories(labels)
    ch.height, ch.width = height, width
    ws.add_chart(ch, anchor)


def key_accounts():
    wb = Workbook()
    ws = wb.active
    ws.title = "重点客户"
    cols = [("客户编号", ".id", None, 10), ("客户名称", ".name", None, 20), ("行业", ".industry", None, 10),
            ("地区", ".region", None, 8), ("客户分类", ".segment", None, 12), ("负责人", ".owner", None, 8),
            ("联系人", ".contact.name", None, 8), ("联系电话", ".contact.phone", None, 13),
            ("电子邮箱", ".contact.email", None, 20), ("首次合作日期", ".firstPurchase", "date", 11),
            ("最近购买日期", ".lastPurchase", "date", 11), ("年度销售额", ".annualRevenue | money", "money", 13),
            ("销售贡献占比", ".revenueShare | percent", "percent", 9), ("满意度", ".satisfaction", "num", 7),
            ("采购习惯", ".purchaseHabits", None, 14), ("喜好与需求", ".preferences", None, 14),
            ("下次跟进日期", ".nextFollowUp", "date", 11), ("备注", ".notes", None, 14)]
    d = Doc(ws, [c[3] for c in cols], landscape=True)
    d.title("重点客户管理表", "统计期间：{{period.text}}　　制表日期：{{today}}")
    cells = ["{{" + c[1] + "}}" for c in cols]
    cells[0] = "{{#each customers where keyAccount sort -annualRevenue}}{{.id}}"
    d.table([c[0] for c in cols], cells, [c[2] for c in cols], total=("合计", 12, "money"))
    ws.freeze_panes = "C5"
    ws.print_title_rows = "4:4"

    def sheet(name, collection, spec, landscape=True):
        s = wb.create_sheet(name)
        doc = Doc(s, [c[3] for c in spec], landscape=landscape)
        doc.title(name, "重点客户 · {{period.text}}")
        cs = ["{{" + c[1] + "}}" for c in spec]
        cs[0] = "{{#each " + collection + "}}" + cs[0]
        doc.table([c[0] for c in spec], cs, [c[2] for c in spec])
        s.freeze_panes = "A5"

    sheet("交易记录", "transactions where customer.keyAccount sort date",
          [("客户编号", ".customerId", None, 10), ("客户名称", ".customerName", None, 18), ("日期", ".date", "date", 11),
           ("产品", ".product", None, 16), ("数量", ".quantity", None, 8), ("单价", ".unitPrice | money", "money", 11),
           ("金额", ".amount | money", "money", 13), ("合同编号", ".contractNo", None, 14)], landscape=False)
    sheet("服务反馈", "feedback where customer.keyAccount sort receivedAt",
          [("客户编号", ".customerId", None, 10), ("收到时间", ".receivedAt", "yyyy-mm-dd hh:mm", 16),
           ("类别", ".category", None, 9), ("严重程度", ".severity", None, 8), ("描述", ".description", None, 26),
           ("首次响应时间", ".firstResponseAt", "yyyy-mm-dd hh:mm", 16), ("解决时间", ".resolvedAt", "yyyy-mm-dd hh:mm", 16),
           ("处理结果", ".resolution", None, 20), ("状态", ".status", None, 8)])
    sheet("服务计划", "serviceActions where customer.keyAccount sort dueOn",
          [("客户编号", ".customerId", None, 10), ("事项", ".title", None, 24), ("频率", ".cadence", None, 8),
           ("计划日期", ".dueOn", "date", 11), ("完成日期", ".doneOn", "date", 11), ("状态", ".status", None, 8),
           ("负责人", ".owner", None, 8)], landscape=False)
    sheet("联系人", "contacts where customer.keyAccount",
          [("客户编号", ".customerId", None, 10), ("姓名", ".name", None, 9), ("职务", ".title", None, 11),
           ("联系电话", ".phone", None, 13), ("电子邮箱", ".email", None, 22), ("微信", ".wechat", None, 12),
           ("沟通偏好", ".preferredChannel", None, 9), ("生日", ".birthday", "date", 11)])
    sheet("绩效评估", "customers where keyAccount sort -revenue",
          [("客户编号", ".id", None, 10), ("客户名称", ".name", None, 18), ("本期销售额", ".revenue | money", "money", 13),
           ("交易次数", ".transactionCount", "int", 8), ("复购", ".repurchased", None, 6),
           ("满意度", ".periodSatisfaction", "num", 8), ("生命周期", ".computedLifecycle", None, 9),
           ("投诉数", ".complaints", "int", 7), ("首次响应中位数(小时)", ".firstResponseHours", "num", 11),
           ("服务计划完成", ".actionsDone", "int", 8), ("服务计划总数", ".actionsPlanned", "int", 8),
           ("完成率", ".actionsDoneShare | percent", "percent", 8)])
    return wb


def plan_summary():
    wb = Workbook()
    ws = wb.active
    ws.title = "方案小结"
    d = Doc(ws, [16, 20, 30, 14, 12, 24])
    d.title("{{plan.title}}", "客户管理方案小结 · {{period.text}}")
    d.section("一、标题和目标")
    d.fields([("方案编号", "{{plan.id}}", None), ("负责人", "{{plan.owner}}", None),
              ("开始日期", "{{plan.periodStart}}", "date"), ("结束日期", "{{plan.periodEnd}}", "date")])
    d.table(["序号", "目标"], ["{{#each plan.goals}}{{@n}}", "{{.}}"], ["int", None])
    d.section("二、背景与现状分析")
    d.text("{{plan.background}}", height=60)
    d.row += 1
    d.table(["序号", "存在问题"], ["{{#each plan.problems}}{{@n}}", "{{.}}"], ["int", None])
    first, last = d.fixed(["客户分类", "客户数", "销售额", "销售占比"], segment_rows(), [None, "int", "money", "percent"])
    d.fields([("客户满意度", "{{metrics.satisfaction}}", "num"),
              ("客户流失率(每月)", "{{metrics.churn_rate | percent}}", None),
              ("客户留存率", "{{metrics.retention_rate | percent}}", None)], span=False)
    pie(ws, "客户分类（按销售额）", Reference(ws, min_col=1, min_row=first, max_row=last),
        Reference(ws, min_col=3, min_row=first, max_row=last), f"E{first - 1}", height=5.5, width=9)
    d.section("三、策略与实施步骤")
    d.table(["序号", "策略", "说明", "针对客户分类"],
            ["{{#each plan.strategies}}{{@n}}", "{{.title}}", "{{.description}}", "{{.segment}}"], ["int", None, None, None])
    d.table(["阶段", "开始", "结束", "主要任务"],
            ["{{#each plan.phases}}{{.name}}", "{{.start}}", "{{.end}}", "{{.tasks}}"], [None, "date", "date", None])
    d.section("四、结果预测与评估标准")
    first, spacer = d.table(["指标", "基线", "目标", "实际", "单位", "达成率"],
                            ["{{#each plan.kpis}}{{.metric}}", "{{.baseline}}", "{{.target}}", "{{.actual}}", "{{.unit}}",
                             "{{.achieved | percent}}"], [None, "num", "num", "num", None, "percent"])
    # Baseline, target and actual side by side per KPI; the series span the spacer row, so they grow with the table.
    ch = BarChart()
    ch.type = "col"
    ch.title = "指标：基线 / 目标 / 实际"
    ch.add_data(Reference(ws, min_col=2, max_col=4, min_row=first - 1, max_row=spacer), titles_from_data=True)
    ch.set_categories(Reference(ws, min_col=1, min_row=first, max_row=spacer))
    ch.height, ch.width = 6, 16
    ws.add_chart(ch, f"A{d.row}")
    d.row += 13
    d.section("五、风险评估与应对措施")
    d.table(["风险", "可能性", "影响", "应对措施"],
            ["{{#each plan.risks}}{{.risk}}", "{{.likelihood}}", "{{.impact}}", "{{.countermeasure}}"])
    return wb


def annual_plan():
    wb = Workbook()
    ws = wb.active
    ws.title = "年度计划"
    d = Doc(ws, [16, 14, 14, 14, 14, 30], landscape=True)
    d.title("{{plan.title}}", "客户年度管理计划 · {{period.text}} · 负责人 {{plan.owner}}")
    d.section("一、年度计划与目标")
    d.table(["序号", "年度目标"], ["{{#each plan.goals}}{{@n}}", "{{.}}"], ["int", None])
    d.table(["指标", "基线", "目标", "单位", "截止日期"],
            ["{{#each plan.kpis}}{{.metric}}", "{{.baseline}}", "{{.target}}", "{{.unit}}", "{{.dueOn}}"],
            [None, "num", "num", None, "date"])
    d.section("二、客户分层")
    first, spacer = d.table(["客户分类", "客户数", "销售额", "销售占比", "平均终身价值", "差异化服务策略"],
                            ["{{#each segments}}{{.segment}}", "{{.customers}}", "{{.revenue | money}}",
                             "{{.revenueShare | percent}}", "{{.clv | money}}", "{{.strategy}}"],
                            [None, "int", "money", "percent", "money", None])
    d.row += 12
    pie(ws, "各分类销售额", Reference(ws, min_col=1, min_row=first, max_row=spacer),
        Reference(ws, min_col=3, min_row=first, max_row=spacer), f"A{spacer + 2}", height=6, width=10)
    bar(ws, "各分类客户数", Reference(ws, min_col=1, min_row=first, max_row=spacer),
        Reference(ws, min_col=2, min_row=first, max_row=spacer), f"D{spacer + 2}", height=6, width=12)
    d.section("三、沟通计划")
    d.table(["沟通/关怀环节", "频率", "负责人"], ["{{#each plan.careProcess}}{{.step}}", "{{.cadence}}", "{{.owner}}"])
    d.section("四、满意度调查计划")
    d.fields([("平均满意度", "{{metrics.satisfaction}}", "num"), ("满意客户占比", "{{metrics.csat | percent}}", None),
              ("净推荐值", "{{metrics.nps}}", "num")], span=False)
    d.table(["客户", "日期", "方式", "满意度", "推荐意愿", "意见"],
            ["{{#each surveys sort -date limit 10}}{{.customerName}}", "{{.date}}", "{{.method}}", "{{.score}}",
             "{{.recommend}}", "{{.comments}}"], [None, "date", None, "num", "int", None])
    d.section("五、客户终身价值")
    d.table(["客户编号", "客户名称", "客户分类", "本期销售额", "终身价值", "负责人"],
            ["{{#each customers where clv sort -clv limit 10}}{{.id}}", "{{.name}}", "{{.computedSegment}}",
             "{{.revenue | money}}", "{{.clv | money}}", "{{.owner}}"], [None, None, None, "money", "money", None])
    d.section("六、客户流失管理")
    d.table(["客户名称", "最近购买", "未购天数", "频次下降", "负责人", "下一步"],
            ["{{#each customers where daysSinceLastPurchase > 90 sort -daysSinceLastPurchase}}{{.name}}",
             "{{.lastPurchase}}", "{{.daysSinceLastPurchase}}", "{{.fallingFrequency}}", "{{.owner}}",
             "{{.nextFollowUp}}"], [None, "date", "int", None, None, "date"])
    d.section("七、年度总结")
    d.table(["指标", "目标", "实际", "单位", "达成率"],
            ["{{#each plan.kpis}}{{.metric}}", "{{.target}}", "{{.actual}}", "{{.unit}}", "{{.achieved | percent}}"],
            [None, "num", "num", None, "percent"])
    monthly(d, ws, chart_width=20)
    d.section("八、下一年度计划")
    d.table(["阶段", "开始", "结束", "主要任务"],
            ["{{#each plan.phases}}{{.name}}", "{{.start}}", "{{.end}}", "{{.tasks}}"], [None, "date", "date", None])
    return wb


def maintenance_plan():
    wb = Workbook()
    ws = wb.active
    ws.title = "维护方案"
    d = Doc(ws, [16, 16, 14, 14, 14, 28])
    d.title("{{plan.title}}", "客户关系维护方案 · {{period.text}} · 负责人 {{plan.owner}}")
    d.section("一、方案背景")
    d.text("{{plan.background}}", height=60)
    d.row += 1
    d.section("二、目标设定")
    for t in ["在未来 {{plan.months | int}} 个月内将客户满意度提升至 {{plan.kpis[satisfaction].target}}% 以上",
              "客户流失率每月控制在 {{plan.kpis[churn_rate].target}}% 以内",
              "投诉在 {{plan.kpis[first_response_hours].target}} 小时内初步回复",
              "复购率达到 {{plan.kpis[repurchase_rate].target}}% 以上"]:
        d.text(t)
    d.row += 1
    d.section("三、客户分类与分析")
    first, last = d.fixed(["客户分类", "客户数", "销售额", "销售占比"], segment_rows(), [None, "int", "money", "percent"])
    bar(ws, "各分类销售额", Reference(ws, min_col=1, min_row=first, max_row=last),
        Reference(ws, min_col=3, min_row=first, max_row=last), f"E{first - 1}", height=5, width=9)
    d.section("四、沟通策略")
    d.table(["策略", "针对客户分类", "说明"], ["{{#each plan.strategies}}{{.title}}", "{{.segment}}", "{{.description}}"])
    d.section("五、客户关怀")
    d.table(["客户", "联系人", "生日", "沟通偏好"],
            ["{{#each birthdays sort birthday}}{{.customerName}}", "{{.name}}", "{{.birthday}}", "{{.preferredChannel}}"],
            [None, None, "date", None])
    d.table(["关怀环节", "频率", "负责人"], ["{{#each plan.careProcess}}{{.step}}", "{{.cadence}}", "{{.owner}}"])
    d.fixed(["会员等级", "会员权益"], [["白金会员", "专属客户经理、年度回访、优先供货"], ["金卡会员", "季度回访、节日礼品"],
                                    ["银卡会员", "半年回访、积分加倍"], ["普通会员", "积分兑换、活动邀请"]], [None, None])
    d.section("六、投诉处理")
    d.fields([("首次响应目标(小时)", "{{plan.kpis[first_response_hours].target}}", "num"),
              ("本期响应中位数(小时)", "{{metrics.first_response_hours}}", "num")], span=False)
    d.table(["客户", "收到时间", "类别", "严重程度", "状态", "描述"],
            ["{{#each feedback where open sort receivedAt}}{{.customerName}}", "{{.receivedAt}}", "{{.category}}",
             "{{.severity}}", "{{.status}}", "{{.description}}"], [None, "yyyy-mm-dd hh:mm", None, None, None, None])
    d.section("七、忠诚度培养")
    d.fields([("复购率", "{{metrics.repurchase_rate | percent}}", None), ("推荐率", "{{metrics.referral_rate | percent}}", None),
              ("净推荐值", "{{metrics.nps}}", "num")], span=False)
    d.section("八、资源配置")
    d.table(["预算项目", "金额"], ["{{#each plan.budget}}{{.item}}", "{{.amount | money}}"], [None, "money"],
            total=("合计", 2, "money"))
    d.section("九、效果评估")
    d.table(["指标", "基线", "目标", "实际", "单位", "达成率"],
            ["{{#each plan.kpis}}{{.metric}}", "{{.baseline}}", "{{.target}}", "{{.actual}}", "{{.unit}}",
             "{{.achieved | percent}}"], [None, "num", "num", "num", None, "percent"])
    d.section("十、风险应对")
    d.table(["风险", "可能性", "影响", "应对措施"],
            ["{{#each plan.risks}}{{.risk}}", "{{.likelihood}}", "{{.impact}}", "{{.countermeasure}}"])
    return wb


def management_report():
    wb = Workbook()
    ws = wb.active
    ws.title = "管理汇报"
    d = Doc(ws, [22, 16, 14, 12, 10, 10, 10, 10])
    d.title("{{plan.title}}", "客户管理汇报 · {{period.text}} · 制表日期 {{today}}")
    d.section("一、数据收集与整理")
    # The import log's cleaning figures: rows read, duplicate rows merged, values normalised and rejected.
    d.table(["数据来源", "导入日期", "读取行数", "合并重复行", "规范化值", "拒收值", "新增客户", "更新客户"],
            ["{{#each imports}}{{.file}}", "{{.date}}", "{{.rowsRead}}", "{{.duplicatesMerged}}",
             "{{.valuesNormalised}}", "{{.valuesRejected}}", "{{.customersAdded}}", "{{.customersUpdated}}"],
            [None, "date", "int", "int", "int", "int", "int", "int"], total=("合计", [3, 4, 5, 6, 7, 8], "int"))
    d.section("二、客户细分")
    first, last = d.fixed(["客户分类", "客户数", "销售额", "销售占比"], segment_rows(), [None, "int", "money", "percent"])
    d.row += 11
    pie(ws, "客户细分（按客户数）", Reference(ws, min_col=1, min_row=first, max_row=last),
        Reference(ws, min_col=2, min_row=first, max_row=last), f"A{last + 2}", height=5.5, width=9)
    bar(ws, "客户细分（按销售额）", Reference(ws, min_col=1, min_row=first, max_row=last),
        Reference(ws, min_col=3, min_row=first, max_row=last), f"D{last + 2}", height=5.5, width=9)
    d.section("三、客户生命周期分析")
    rows = [[f"{{{{lifecycles[{s}].stage}}}}", f"{{{{lifecycles[{s}].customers}}}}", f"{{{{lifecycles[{s}].share | percent}}}}"]
            for s in STAGES]
    first, last = d.fixed(["生命周期阶段", "客户数", "占比"], rows, [None, "int", "percent"])
    bar(ws, "生命周期分布", Reference(ws, min_col=1, min_row=first, max_row=last),
        Reference(ws, min_col=2, min_row=first, max_row=last), f"D{first - 1}", height=4.5, width=9)
    d.row += 2
    monthly(d, ws)
    d.section("四、满意度与忠诚度")
    d.fields([("平均满意度", "{{metrics.satisfaction}}", "num"), ("满意客户占比", "{{metrics.csat | percent}}", None),
              ("净推荐值", "{{metrics.nps}}", "num"), ("复购率", "{{metrics.repurchase_rate | percent}}", None),
              ("推荐率", "{{metrics.referral_rate | percent}}", None),
              ("客户留存率", "{{metrics.retention_rate | percent}}", None),
              ("月流失率(线性近似)", "{{metrics.churn_rate | percent}}", None),
              ("客户终身价值(平均)", "{{metrics.clv | money}}", None)])
    d.section("五、策略与建议")
    d.table(["策略", "针对客户分类", "说明"], ["{{#each plan.strategies}}{{.title}}", "{{.segment}}", "{{.description}}"])
    return wb


def main():
    os.makedirs(OUT, exist_ok=True)
    made = []
    for name, build in [("key-accounts", key_accounts), ("plan-summary", plan_summary), ("annual-plan", annual_plan),
                        ("maintenance-plan", maintenance_plan), ("management-report", management_report)]:
        path = os.path.join(OUT, name + ".xlsx")
        build().save(path)
        made.append(path)
        print("wrote", path)
    if "--ods" in sys.argv:
        subprocess.run(["soffice", "--headless", "--convert-to", "ods", "--outdir", OUT] + made, check=True)


if __name__ == "__main__":
    main()
